// The title of a "Họp ngay" room: "Cuộc họp của <name>" in the UI language, cut to the server's
// 200-character limit (display names are shorter, but the limit is the server's to enforce).
import type { I18n } from '../../lib/i18n/i18n';
import { TITLE_MAX_CHARACTERS } from './schedule-form';

export function instantTitle(t: I18n['t'], displayName: string): string {
  const title = t('home.rooms.instantTitle', { name: displayName.trim() }).trim();
  return Array.from(title).slice(0, TITLE_MAX_CHARACTERS).join('').trim();
}
