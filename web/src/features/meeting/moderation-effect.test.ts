import { describe, expect, it } from 'vitest';
import { moderationEffect } from './moderation-effect';

describe('moderationEffect', () => {
  it('turns off what a chair stopped, and says so', () => {
    expect(moderationEffect({ action: 'mute' }, 'participant')).toEqual({ turnOff: 'microphone', microphoneLocked: null, notice: true, askUnmute: false });
    expect(moderationEffect({ action: 'stopCamera' }, 'participant')).toMatchObject({ turnOff: 'camera', notice: true });
    expect(moderationEffect({ action: 'stopScreen' }, 'chair')).toMatchObject({ turnOff: 'screen', notice: true });
  });

  it('mutes everyone but the chairs, locked or not', () => {
    expect(moderationEffect({ action: 'muteAll', locked: true }, 'participant')).toEqual({
      turnOff: 'microphone',
      microphoneLocked: true,
      notice: true,
      askUnmute: false,
    });
    expect(moderationEffect({ action: 'muteAll', locked: false }, 'participant')).toMatchObject({ microphoneLocked: false });
    expect(moderationEffect({ action: 'muteAll', locked: true }, 'chair')).toEqual({ turnOff: null, microphoneLocked: null, notice: false, askUnmute: false });
  });

  it('never turns the microphone on: allowing lifts the lock, asking only asks', () => {
    expect(moderationEffect({ action: 'allowUnmute' }, 'participant')).toEqual({ turnOff: null, microphoneLocked: false, notice: false, askUnmute: false });
    expect(moderationEffect({ action: 'askUnmute' }, 'participant')).toEqual({ turnOff: null, microphoneLocked: false, notice: false, askUnmute: true });
    expect(moderationEffect({ action: 'somethingNew' }, 'participant')).toMatchObject({ turnOff: null, notice: false });
  });
});
