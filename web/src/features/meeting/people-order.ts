// The participant list's order and filter: ourselves first, then raised hands (in the order they
// were raised), then chairs, then everyone else by name (Vietnamese collation).
import type { Participant } from '../../lib/signaling/messages';
import type { MeetingSnapshot } from './meeting-session';

export interface Person extends Participant {
  readonly isSelf: boolean;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

function byName(a: Person, b: Person): number {
  return collator.compare(a.displayName, b.displayName) || (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0);
}

/**
 * The IDs of raised hands in the order they went up, as seen from here: hands lowered (or gone)
 * leave, new ones join at the end (several at once, e.g. already up when we joined, by name).
 * Returns `previous` itself when nothing changed.
 */
export function trackRaisedOrder(previous: readonly string[], people: readonly Person[]): readonly string[] {
  const raised = new Set(people.filter((p) => p.handRaised).map((p) => p.participantId));
  const kept = previous.filter((id) => raised.has(id));
  const known = new Set(kept);
  const added = people
    .filter((p) => p.handRaised && !known.has(p.participantId))
    .sort(byName)
    .map((p) => p.participantId);
  if (added.length === 0 && kept.length === previous.length) return previous;
  return [...kept, ...added];
}

export function sortPeople(people: readonly Person[], raisedOrder: readonly string[]): Person[] {
  const raisedAt = new Map(raisedOrder.map((id, index) => [id, index]));
  const rank = (p: Person) => (p.isSelf ? 0 : p.handRaised ? 1 : p.role === 'chair' ? 2 : 3);
  return [...people].sort((a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0) return byRank;
    if (rank(a) === 1) {
      const ia = raisedAt.get(a.participantId) ?? Number.MAX_SAFE_INTEGER;
      const ib = raisedAt.get(b.participantId) ?? Number.MAX_SAFE_INTEGER;
      if (ia !== ib) return ia - ib;
    }
    return byName(a, b);
  });
}

/** Lower case, without diacritics ("Đặng" → "dang"), for a forgiving search. */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLocaleLowerCase('vi');
}

export function filterPeople(people: readonly Person[], query: string): readonly Person[] {
  const wanted = searchKey(query.trim());
  if (wanted === '') return people;
  return people.filter((p) => searchKey(p.displayName).includes(wanted));
}

const NO_PERMISSIONS = { shareContent: false, recordAudio: false, recordVideo: false } as const;

/**
 * Ourselves (as the server last described us, with the role we know now; before any such word,
 * from what we joined with) followed by the roster.
 */
export function meetingPeople(
  snapshot: Pick<MeetingSnapshot, 'self' | 'participantId' | 'role' | 'permissions' | 'microphoneLocked' | 'account' | 'roster'>,
  ownName: string,
): Person[] {
  const others = snapshot.roster.map((p) => ({ ...p, isSelf: false }));
  if (snapshot.participantId === null) return others;
  const self: Person = {
    participantId: snapshot.participantId,
    displayName: ownName,
    role: 'participant',
    guest: snapshot.account === null,
    microphone: false,
    camera: false,
    screen: false,
    handRaised: false,
    microphoneLocked: snapshot.microphoneLocked,
    permissions: snapshot.permissions ?? NO_PERMISSIONS,
    ...(snapshot.self ?? {}),
    ...(snapshot.role === null ? {} : { role: snapshot.role }),
    isSelf: true,
  };
  return [self, ...others];
}
