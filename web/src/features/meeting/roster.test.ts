import { describe, expect, it } from 'vitest';
import { checkDisplayName } from './display-name';
import { addParticipant, removeParticipant, rosterFromJoined } from './roster';

describe('roster', () => {
  it('starts from `joined` without ourselves or duplicates', () => {
    expect(
      rosterFromJoined(
        [
          { participantId: 'p2', displayName: 'B' },
          { participantId: 'p1', displayName: 'Me' },
          { participantId: 'p2', displayName: 'B again' },
          { participantId: 'p3', displayName: 'C' },
        ],
        'p1',
      ),
    ).toEqual([
      { participantId: 'p2', displayName: 'B' },
      { participantId: 'p3', displayName: 'C' },
    ]);
  });

  it('adds at the end, renames in place, ignores ourselves', () => {
    const start = [{ participantId: 'p2', displayName: 'B' }];
    const added = addParticipant(start, { participantId: 'p3', displayName: 'C' }, 'p1');
    expect(added.map((p) => p.participantId)).toEqual(['p2', 'p3']);
    expect(addParticipant(added, { participantId: 'p2', displayName: 'Bee' }, 'p1')[0]).toEqual({ participantId: 'p2', displayName: 'Bee' });
    expect(addParticipant(added, { participantId: 'p2', displayName: 'B' }, 'p1')).toBe(added);
    expect(addParticipant(added, { participantId: 'p1', displayName: 'Me' }, 'p1')).toBe(added);
  });

  it('removes, and is unchanged for an unknown participant', () => {
    const roster = [
      { participantId: 'p2', displayName: 'B' },
      { participantId: 'p3', displayName: 'C' },
    ];
    expect(removeParticipant(roster, 'p2')).toEqual([{ participantId: 'p3', displayName: 'C' }]);
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
