// What the side panels need of the meeting: a request whose refusal they show themselves, and
// the parts of the snapshot they show.
import type { MeetingSession, MeetingSnapshot } from './meeting-session';

export type PanelSession = Pick<MeetingSession, 'tryRequest'>;

export type PanelSnapshot = Pick<
  MeetingSnapshot,
  'chat' | 'participantId' | 'role' | 'settings' | 'lobby' | 'priority' | 'roster' | 'self' | 'permissions' | 'microphoneLocked' | 'account'
>;
