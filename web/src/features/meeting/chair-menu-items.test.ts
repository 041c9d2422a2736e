import { describe, expect, it } from 'vitest';
import { participant } from '../../test/meeting-messages';
import { chairMenuItems } from './chair-menu-items';

describe('chairMenuItems', () => {
  it('offers what changes something for a quiet participant', () => {
    expect(chairMenuItems(participant('p2', 'B'))).toEqual(['askUnmute', 'rename', 'setRoleChair', 'permissions', 'remove', 'removeBan']);
  });

  it('offers to mute, stop camera and screen, lower the hand, and unlock a locked microphone', () => {
    const busy = participant('p2', 'B', { microphone: true, camera: true, screen: true, handRaised: true, microphoneLocked: true });
    expect(chairMenuItems(busy)).toEqual([
      'mute',
      'allowUnmute',
      'stopCamera',
      'stopScreen',
      'lowerHand',
      'rename',
      'setRoleChair',
      'permissions',
      'remove',
      'removeBan',
    ]);
  });

  it('revokes a chair, without permissions (a chair has them all)', () => {
    expect(chairMenuItems(participant('p2', 'B', { role: 'chair' }))).toEqual(['askUnmute', 'rename', 'setRoleParticipant', 'remove', 'removeBan']);
  });
});
