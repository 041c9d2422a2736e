// The other participants of the room, in the order they arrived: `joined` (or `resumed`) gives the
// initial list, `participantJoined` / `participantUpdated` / `participantLeft` change it. Entries
// are the server's Participant (name, role, microphone / camera / screen, raised hand, …). Pure
// functions over immutable arrays: an unchanged roster is returned as the same array.
import type { Participant } from '../../lib/signaling/messages';

export type Roster = readonly Participant[];

function samePermissions(a: Participant['permissions'], b: Participant['permissions']): boolean {
  return a.shareContent === b.shareContent && a.recordAudio === b.recordAudio && a.recordVideo === b.recordVideo;
}

export function sameParticipant(a: Participant, b: Participant): boolean {
  return (
    a.participantId === b.participantId &&
    a.displayName === b.displayName &&
    a.role === b.role &&
    a.guest === b.guest &&
    a.microphone === b.microphone &&
    a.camera === b.camera &&
    a.screen === b.screen &&
    a.handRaised === b.handRaised &&
    a.microphoneLocked === b.microphoneLocked &&
    samePermissions(a.permissions, b.permissions)
  );
}

/** The list from `joined`, without ourselves and without duplicates (first entry wins). */
export function rosterFromJoined(participants: readonly Participant[], selfId: string): Roster {
  const seen = new Set<string>([selfId]);
  const roster: Participant[] = [];
  for (const participant of participants) {
    if (seen.has(participant.participantId)) continue;
    seen.add(participant.participantId);
    roster.push(participant);
  }
  return roster;
}

/**
 * Adds a participant at the end, or replaces the entry already there, in place
 * (participantUpdated; a re-sent participantJoined). Ourselves never enter the roster.
 */
export function addParticipant(roster: Roster, participant: Participant, selfId: string | null): Roster {
  if (participant.participantId === selfId) return roster;
  const index = roster.findIndex((p) => p.participantId === participant.participantId);
  if (index < 0) return [...roster, participant];
  const current = roster[index];
  if (current !== undefined && sameParticipant(current, participant)) return roster;
  return roster.map((p, i) => (i === index ? participant : p));
}

/** participantUpdated: the same as a (re-)join, kept in place. */
export const updateParticipant = addParticipant;

export function removeParticipant(roster: Roster, participantId: string): Roster {
  return roster.some((p) => p.participantId === participantId) ? roster.filter((p) => p.participantId !== participantId) : roster;
}
