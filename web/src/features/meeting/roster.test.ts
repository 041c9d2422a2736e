import { describe, expect, it } from 'vitest';
import { participant } from '../../test/meeting-messages';
import { checkDisplayName } from './display-name';
import { addParticipant, removeParticipant, rosterFromJoined, updateParticipant } from './roster';

describe('roster', () => {
  it('starts from `joined` without ourselves or duplicates', () => {
    expect(
      rosterFromJoined(
        [participant('p2', 'B'), participant('p1', 'Me'), participant('p2', 'B again'), participant('p3', 'C')],
        'p1',
      ),
    ).toEqual([participant('p2', 'B'), participant('p3', 'C')]);
  });

  it('adds at the end, replaces in place, ignores ourselves', () => {
    const start = [participant('p2', 'B')];
    const added = addParticipant(start, participant('p3', 'C'), 'p1');
    expect(added.map((p) => p.participantId)).toEqual(['p2', 'p3']);
    expect(addParticipant(added, participant('p2', 'Bee'), 'p1')[0]).toEqual(participant('p2', 'Bee'));
    expect(addParticipant(added, participant('p2', 'B'), 'p1')).toBe(added);
    expect(addParticipant(added, participant('p1', 'Me'), 'p1')).toBe(added);
  });

  it('follows participantUpdated: microphone, hand, role, permissions', () => {
    const roster = [participant('p2', 'B'), participant('p3', 'C')];
    const speaking = updateParticipant(roster, participant('p2', 'B', { microphone: true, handRaised: true }), 'p1');
    expect(speaking.map((p) => [p.participantId, p.microphone, p.handRaised])).toEqual([
      ['p2', true, true],
      ['p3', false, false],
    ]);
    const chair = updateParticipant(
      speaking,
      participant('p3', 'C', { role: 'chair', permissions: { shareContent: true, recordAudio: true, recordVideo: true } }),
      'p1',
    );
    expect(chair[1]?.role).toBe('chair');
    expect(chair[1]?.permissions.recordVideo).toBe(true);
    expect(updateParticipant(chair, participant('p3', 'C', { role: 'chair', permissions: { shareContent: true, recordAudio: true, recordVideo: true } }), 'p1')).toBe(chair);
  });

  it('removes, and is unchanged for an unknown participant', () => {
    const roster = [participant('p2', 'B'), participant('p3', 'C')];
    expect(removeParticipant(roster, 'p2')).toEqual([participant('p3', 'C')]);
    expect(removeParticipant(roster, 'p9')).toBe(roster);
  });
});

describe('checkDisplayName', () => {
  it('trims and collapses whitespace', () => {
    expect(checkDisplayName('  Nguyễn   Văn\tA ')).toEqual({ ok: true, name: 'Nguyễn Văn A' });
  });

  it('refuses an empty name', () => {
    expect(checkDisplayName(' \n ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('counts characters after NFC normalisation, up to 64', () => {
    const decomposed = 'e\u0302\u0301'.repeat(64); // "ế" written as three code points
    expect(checkDisplayName(decomposed)).toEqual({ ok: true, name: 'ế'.repeat(64) });
    expect(checkDisplayName('a'.repeat(65))).toEqual({ ok: false, reason: 'tooLong' });
    expect(checkDisplayName('😀'.repeat(64)).ok).toBe(true);
  });
});
