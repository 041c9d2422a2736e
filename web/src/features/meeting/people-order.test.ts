import { describe, expect, it } from 'vitest';
import { participant } from '../../test/meeting-messages';
import { filterPeople, meetingPeople, searchKey, sortPeople, trackRaisedOrder, type Person } from './people-order';

const person = (id: string, name: string, overrides: Partial<Person> = {}): Person => ({ ...participant(id, name), isSelf: false, ...overrides });
const ids = (people: readonly Person[]) => people.map((p) => p.participantId);

describe('sortPeople', () => {
  it('puts ourselves first, then raised hands in the order raised, then chairs, then by Vietnamese name', () => {
    const people = [
      person('a', 'Đặng Văn Dũng'),
      person('b', 'Bùi Thị Én'),
      person('c', 'Chủ trì Cường', { role: 'chair' }),
      person('d', 'Ánh', { handRaised: true }),
      person('e', 'Yến', { handRaised: true }),
      person('me', 'Zô', { isSelf: true }),
      person('f', 'Dương'),
    ];
    expect(ids(sortPeople(people, ['e', 'd']))).toEqual(['me', 'e', 'd', 'c', 'b', 'f', 'a']);
    // Unknown raise order: by name.
    expect(ids(sortPeople(people, []))).toEqual(['me', 'd', 'e', 'c', 'b', 'f', 'a']);
  });

  it('collates "Đ" after "D" as Vietnamese does', () => {
    expect(ids(sortPeople([person('1', 'Đức'), person('2', 'Dung'), person('3', 'Em')], []))).toEqual(['2', '1', '3']);
  });
});

describe('trackRaisedOrder', () => {
  it('appends new hands, drops lowered ones and keeps the array when nothing changed', () => {
    const first = trackRaisedOrder([], [person('b', 'Bình', { handRaised: true }), person('a', 'An', { handRaised: true })]);
    expect(first).toEqual(['a', 'b']);
    const second = trackRaisedOrder(first, [person('b', 'Bình', { handRaised: true }), person('a', 'An'), person('c', 'Cúc', { handRaised: true })]);
    expect(second).toEqual(['b', 'c']);
    const same = trackRaisedOrder(second, [person('b', 'Bình', { handRaised: true }), person('c', 'Cúc', { handRaised: true })]);
    expect(same).toBe(second);
  });
});

describe('filterPeople', () => {
  const people = [person('1', 'Nguyễn Văn Đức'), person('2', 'Trần Thị Hoa')];

  it('matches without case or diacritics', () => {
    expect(ids(filterPeople(people, 'duc'))).toEqual(['1']);
    expect(ids(filterPeople(people, 'TRẦN'))).toEqual(['2']);
    expect(ids(filterPeople(people, '  '))).toEqual(['1', '2']);
    expect(filterPeople(people, 'xyz')).toEqual([]);
  });

  it('normalises search keys', () => {
    expect(searchKey('Đặng Ánh')).toBe('dang anh');
  });
});

describe('meetingPeople', () => {
  const base = {
    self: null,
    participantId: 'p1',
    role: 'chair' as const,
    permissions: null,
    microphoneLocked: false,
    account: null,
    roster: [participant('p2', 'Trần Thị B')],
  };

  it('puts ourselves first, from what we joined with until the server describes us', () => {
    const people = meetingPeople(base, 'Nguyễn Văn A');
    expect(people.map((p) => [p.participantId, p.displayName, p.role, p.guest, p.isSelf])).toEqual([
      ['p1', 'Nguyễn Văn A', 'chair', true, true],
      ['p2', 'Trần Thị B', 'participant', true, false],
    ]);
  });

  it('then uses the server’s description, with the role we know now', () => {
    const self = participant('p1', 'Bình', { microphone: true, role: 'participant' });
    const [me] = meetingPeople({ ...base, self }, 'Nguyễn Văn A');
    expect(me).toMatchObject({ displayName: 'Bình', microphone: true, role: 'chair', isSelf: true });
  });

  it('has only the others before we are in', () => {
    expect(meetingPeople({ ...base, participantId: null }, 'A').map((p) => p.participantId)).toEqual(['p2']);
  });
});
