// A meeting's start time as people read it: weekday, date and 24-hour time in the UI language
// ("09:00, Thứ Năm, 14 tháng 5, 2026" / "Thursday, 14 May 2026 at 09:00"). Date and time are
// formatted apart and joined by the catalogue, because ICU's Vietnamese pattern puts "lúc 09:00"
// before the date, which reads oddly in an invitation.
import { locale } from '../../lib/i18n/i18n';
import { translate, type Language } from '../../lib/i18n/translate';

export interface MeetingTimeOptions {
  /** IANA zone; the browser's own when left out. */
  readonly timeZone?: string;
  /** Append the UTC offset ("GMT+7"), for texts read elsewhere, such as invitations. */
  readonly withZone?: boolean;
}

export function formatMeetingTime(lang: Language, epochMs: number, options: MeetingTimeOptions = {}): string {
  const zone: Intl.DateTimeFormatOptions = options.timeZone === undefined ? {} : { timeZone: options.timeZone };
  const date = new Intl.DateTimeFormat(locale(lang), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...zone,
  }).format(epochMs);
  const time = new Intl.DateTimeFormat(locale(lang), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...zone,
    ...(options.withZone === true ? { timeZoneName: 'shortOffset' } : {}),
  }).format(epochMs);
  return translate(lang, 'home.rooms.when', { date, time });
}

/** The browser's time zone ("Asia/Ho_Chi_Minh"), to say which clock the form uses. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
