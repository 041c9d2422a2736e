import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../lib/signaling/messages';
import { lastChatId, unreadCount } from './chat-unread';

const message = (id: string, participantId: string): ChatMessage => ({ id, participantId, displayName: participantId, text: id, sentAt: 0 });
const chat = [message('1', 'p2'), message('2', 'p1'), message('3', 'p3'), message('4', 'p2')];

describe('unreadCount', () => {
  it('counts the messages of others after the one seen', () => {
    expect(unreadCount(chat, '1', 'p1')).toBe(2);
    expect(unreadCount(chat, '3', 'p1')).toBe(1);
    expect(unreadCount(chat, '4', 'p1')).toBe(0);
  });

  it('counts everything from others when nothing (still kept) was seen', () => {
    expect(unreadCount(chat, null, 'p1')).toBe(3);
    expect(unreadCount(chat, 'trimmed-away', 'p1')).toBe(3);
    expect(unreadCount([], null, 'p1')).toBe(0);
  });

  it('never counts our own messages', () => {
    expect(unreadCount([message('9', 'p1')], null, 'p1')).toBe(0);
  });
});

describe('lastChatId', () => {
  it('is the newest message, or null', () => {
    expect(lastChatId(chat)).toBe('4');
    expect(lastChatId([])).toBeNull();
  });
});
