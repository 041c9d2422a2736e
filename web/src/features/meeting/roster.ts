// The other participants of the room, in the order they arrived: `joined` gives the initial list,
// `participantJoined` / `participantLeft` change it. Pure functions over immutable arrays.
import type { ParticipantInfo } from '../../lib/signaling/messages';

export type Roster = readonly ParticipantInfo[];

/** The list from `joined`, without ourselves and without duplicates (first entry wins). */
export function rosterFromJoined(participants: readonly ParticipantInfo[], selfId: string): Roster {
  const seen = new Set<string>([selfId]);
  const roster: ParticipantInfo[] = [];
  for (const participant of participants) {
    if (seen.has(participant.participantId)) continue;
    seen.add(participant.participantId);
    roster.push({ participantId: participant.participantId, displayName: participant.displayName });
  }
  return roster;
}

/** Adds a participant at the end, or renames one already there (a re-sent participantJoined). */
export function addParticipant(roster: Roster, participant: ParticipantInfo, selfId: string | null): Roster {
  if (participant.participantId === selfId) return roster;
  const index = roster.findIndex((p) => p.participantId === participant.participantId);
  const entry = { participantId: participant.participantId, displayName: participant.displayName };
  if (index < 0) return [...roster, entry];
  if (roster[index]?.displayName === participant.displayName) return roster;
  return roster.map((p, i) => (i === index ? entry : p));
}

export function removeParticipant(roster: Roster, participantId: string): Roster {
  return roster.some((p) => p.participantId === participantId) ? roster.filter((p) => p.participantId !== participantId) : roster;
}
