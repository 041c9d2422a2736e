// The unread-chat count for the toolbar badge. The history that comes with `joined` counts as
// read (it was said before we came); every later message from someone else is unread until the
// chat panel is open.
import { useState } from 'react';
import { lastChatId, unreadCount } from './chat-unread';
import type { MeetingSnapshot } from './meeting-session';

export function useChatUnread(snapshot: Pick<MeetingSnapshot, 'chat' | 'joined' | 'participantId'>, chatOpen: boolean): number {
  // undefined: not joined yet (the history is still to come).
  const [seenId, setSeenId] = useState<string | null | undefined>(undefined);
  const newest = lastChatId(snapshot.chat);
  // Adjusted while rendering (React's pattern for state derived from props): no flash of a stale badge.
  if (snapshot.joined && (seenId === undefined || (chatOpen && seenId !== newest))) setSeenId(newest);
  if (!snapshot.joined || seenId === undefined || chatOpen) return 0;
  return unreadCount(snapshot.chat, seenId, snapshot.participantId);
}
