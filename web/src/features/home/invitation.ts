// The invitation to a room: its absolute link and the text to paste into an e-mail or a
// message, in the UI language. The password goes into the text only when the organiser asks.
import { translate, type Language } from '../../lib/i18n/translate';
import { formatRoomCode, roomPath } from '../../lib/room-id';

/** https://host/r/<code>?t=<token> */
export function invitationUrl(origin: string, roomId: string, inviteToken: string): string {
  return origin + roomPath(roomId, inviteToken);
}

export interface InvitationDetails {
  readonly title: string;
  /** Unix ms; null for an instant meeting (no time line). */
  readonly scheduledAt: number | null;
  readonly roomId: string;
  readonly link: string;
  /** Where people type the code: the site's address, e.g. "https://hop.example.gov.vn". */
  readonly site: string;
  readonly passwordProtected: boolean;
  /** The password itself, only when it is to be included. */
  readonly password?: string | null;
}

/** Lines of plain text (never HTML); `formatTime` formats `scheduledAt` for the language. */
export function invitationText(
  lang: Language,
  details: InvitationDetails,
  formatTime: (epochMs: number) => string,
): string {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(lang, key, params);
  const lines = [t('home.rooms.invite.intro'), t('home.rooms.invite.title', { title: details.title })];
  if (details.scheduledAt !== null) lines.push(t('home.rooms.invite.time', { time: formatTime(details.scheduledAt) }));
  lines.push(t('home.rooms.invite.link', { link: details.link }));
  lines.push(t('home.rooms.invite.code', { site: details.site, code: formatRoomCode(details.roomId) }));
  if (details.passwordProtected) {
    const password = details.password ?? '';
    lines.push(password === '' ? t('home.rooms.invite.passwordNote') : t('home.rooms.invite.password', { password }));
  }
  return lines.join('\n');
}
