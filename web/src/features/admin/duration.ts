import type { MessageKey, MessageParams } from '../../lib/i18n/translate';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Uptime as "2 ngày 3 giờ 4 phút" / "2 d 3 h 4 min"; seconds only below one minute. */
export function formatDuration(totalSeconds: number, t: Translate): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  if (seconds < 60) return t('duration.seconds', { n: seconds });
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const parts: string[] = [];
  if (days > 0) parts.push(t('duration.days', { n: days }));
  if (hours > 0) parts.push(t('duration.hours', { n: hours }));
  if (minutes > 0 || parts.length === 0) parts.push(t('duration.minutes', { n: minutes }));
  return parts.join(' ');
}
