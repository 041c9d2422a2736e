// What a chair's action (`moderated`, docs/signaling.md "Chair actions") means for us: which of
// our sources turns off here too (the server already stopped forwarding it), whether the
// microphone is locked, and what the participant is told. Nothing ever turns on remotely:
// `askUnmute` only asks.
import type { MediaSource, ModeratedMessage, Role } from '../../lib/signaling/messages';

export interface ModerationEffect {
  /** The source to turn off locally. */
  readonly turnOff: MediaSource | null;
  /** The microphone lock from now on; null: unchanged. */
  readonly microphoneLocked: boolean | null;
  /** A short notice says what the chair did. */
  readonly notice: boolean;
  /** The participant is asked (politely) to turn the microphone on. */
  readonly askUnmute: boolean;
}

const NONE: ModerationEffect = { turnOff: null, microphoneLocked: null, notice: false, askUnmute: false };

export function moderationEffect(message: Pick<ModeratedMessage, 'action' | 'locked'>, role: Role | null): ModerationEffect {
  switch (message.action) {
    case 'mute':
      return { ...NONE, turnOff: 'microphone', notice: true };
    case 'muteAll':
      // Sent to everyone; chairs keep their microphone.
      if (role === 'chair') return NONE;
      return { ...NONE, turnOff: 'microphone', microphoneLocked: message.locked === true, notice: true };
    case 'stopCamera':
      return { ...NONE, turnOff: 'camera', notice: true };
    case 'stopScreen':
      return { ...NONE, turnOff: 'screen', notice: true };
    case 'allowUnmute':
      return { ...NONE, microphoneLocked: false };
    case 'askUnmute':
      // Asking implies allowing (the server lifts the lock too).
      return { ...NONE, microphoneLocked: false, askUnmute: true };
    default:
      return NONE;
  }
}
