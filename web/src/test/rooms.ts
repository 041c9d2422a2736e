// Rooms as the REST API returns them, for tests of the home page.
import type { CreatedRoom, Room } from '../lib/api-types';

export function roomBody(overrides: Partial<Room> = {}): Room {
  const id = overrides.id ?? '482915306';
  return {
    id,
    code: `${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6)}`,
    title: 'Giao ban tuần',
    scheduledAt: null,
    passwordProtected: false,
    locked: false,
    lobbyEnabled: false,
    allowGuests: false,
    maxParticipants: 100,
    startMuted: false,
    defaultPermissions: { shareContent: false, recordAudio: false, recordVideo: false },
    createdAt: Date.UTC(2026, 0, 5, 1, 0),
    updatedAt: Date.UTC(2026, 0, 5, 1, 0),
    ...overrides,
  };
}

export function createdBody(overrides: Partial<Room> = {}, inviteToken = 'Inv1te_Tok-en'): CreatedRoom {
  const room = roomBody(overrides);
  return { room, inviteToken, invitationPath: `/r/${room.id}?t=${inviteToken}` };
}
