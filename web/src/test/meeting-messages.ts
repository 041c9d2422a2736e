// Server messages of the meeting protocol as the server writes them (src/meeting/meeting.cpp), for
// tests that play the server: a participant with every member, and a complete `joined`.
import type { Participant } from '../lib/signaling/messages';

export function participant(participantId: string, displayName: string, overrides: Partial<Participant> = {}): Participant {
  return {
    participantId,
    displayName,
    role: 'participant',
    guest: true,
    microphone: false,
    camera: false,
    screen: false,
    handRaised: false,
    microphoneLocked: false,
    permissions: { shareContent: false, recordAudio: false, recordVideo: false },
    ...overrides,
  };
}

export const SETTINGS = {
  roomId: '482915306',
  roomCode: '482 915 306',
  title: 'Giao ban tuần',
  locked: false,
  lobbyEnabled: false,
  allowGuests: true,
  maxParticipants: 100,
  startMuted: false,
  passwordProtected: false,
  defaultPermissions: { shareContent: true, recordAudio: false, recordVideo: false },
} as const;

/** `joined` for p1 (resume token "tok") with `participants` as the others; a requestId is up to the caller. */
export function joinedMessage(participants: readonly unknown[] = [], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'joined',
    roomId: '482915306',
    roomCode: '482 915 306',
    participantId: 'p1',
    displayName: 'Nguyễn Văn A',
    resumeToken: 'tok',
    role: 'participant',
    permissions: { shareContent: true, recordAudio: false, recordVideo: false },
    participants,
    settings: SETTINGS,
    priority: [],
    startMuted: false,
    microphoneLocked: false,
    chat: [],
    ...overrides,
  };
}
