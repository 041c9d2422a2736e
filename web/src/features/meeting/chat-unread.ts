// The toolbar's unread-chat badge: how many messages from others arrived after the last one the
// participant saw. Pure, so that the "seen" marker can live wherever the page keeps its state.
import type { ChatMessage } from '../../lib/signaling/messages';

/** The ID of the newest message, the marker to keep once the chat has been seen; null for an empty chat. */
export function lastChatId(chat: readonly ChatMessage[]): string | null {
  return chat.at(-1)?.id ?? null;
}

/**
 * Messages from others after the one with `seenId` (all of them when `seenId` is null, or no
 * longer in the kept history). Our own messages are never unread.
 */
export function unreadCount(chat: readonly ChatMessage[], seenId: string | null, selfId: string | null): number {
  let start = 0;
  if (seenId !== null) {
    const index = chat.findIndex((message) => message.id === seenId);
    if (index >= 0) start = index + 1;
  }
  let count = 0;
  for (let i = start; i < chat.length; i++) if (chat[i]?.participantId !== selfId) count++;
  return count;
}
