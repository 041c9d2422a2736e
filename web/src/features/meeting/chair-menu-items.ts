// What a chair's menu offers for another participant, depending on their state: only actions
// that would change something (a microphone that is off is not "muted", a chair has every
// permission already). The server decides in any case.
import type { MessageKey } from '../../lib/i18n/translate';
import type { Participant } from '../../lib/signaling/messages';

/** The menu's items; the value is also the item's `data-action` hook. */
export type ChairMenuItem =
  | 'mute'
  | 'askUnmute'
  | 'allowUnmute'
  | 'stopCamera'
  | 'stopScreen'
  | 'lowerHand'
  | 'rename'
  | 'setRoleChair'
  | 'setRoleParticipant'
  | 'permissions'
  | 'remove'
  | 'removeBan';

export const CHAIR_MENU_TEXT: Readonly<Record<ChairMenuItem, MessageKey>> = {
  mute: 'meeting.chair.mute',
  askUnmute: 'meeting.chair.askUnmute',
  allowUnmute: 'meeting.chair.allowUnmute',
  stopCamera: 'meeting.chair.stopCamera',
  stopScreen: 'meeting.chair.stopScreen',
  lowerHand: 'meeting.chair.lowerHand',
  rename: 'meeting.chair.rename',
  setRoleChair: 'meeting.chair.makeChair',
  setRoleParticipant: 'meeting.chair.revokeChair',
  permissions: 'meeting.chair.permissions',
  remove: 'meeting.chair.remove',
  removeBan: 'meeting.chair.removeBan',
};

/** Items that end someone's participation: set apart at the end of the menu. */
export const DANGEROUS_ITEMS: ReadonlySet<ChairMenuItem> = new Set(['remove', 'removeBan']);

export function chairMenuItems(person: Participant): ChairMenuItem[] {
  const items: ChairMenuItem[] = [];
  if (person.microphone) items.push('mute');
  else items.push('askUnmute');
  if (person.microphoneLocked) items.push('allowUnmute');
  if (person.camera) items.push('stopCamera');
  if (person.screen) items.push('stopScreen');
  if (person.handRaised) items.push('lowerHand');
  items.push('rename');
  if (person.role === 'chair') {
    items.push('setRoleParticipant');
  } else {
    items.push('setRoleChair', 'permissions');
  }
  items.push('remove', 'removeBan');
  return items;
}
