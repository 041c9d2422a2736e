import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../lib/signaling/messages';
import { useChatUnread } from './use-chat-unread';

const message = (id: string, participantId = 'p2'): ChatMessage => ({ id, participantId, displayName: 'B', text: id, sentAt: 0 });

describe('useChatUnread', () => {
  it('counts messages from others that arrive after the join, until the chat is open', () => {
    const history = [message('1'), message('2')];
    const { result, rerender } = renderHook(({ chat, joined, open }) => useChatUnread({ chat, joined, participantId: 'p1' }, open), {
      initialProps: { chat: [] as ChatMessage[], joined: false, open: false },
    });
    expect(result.current).toBe(0);
    // The history that comes with `joined` was said before we came.
    rerender({ chat: history, joined: true, open: false });
    expect(result.current).toBe(0);
    rerender({ chat: [...history, message('3'), message('4', 'p1'), message('5')], joined: true, open: false });
    expect(result.current).toBe(2);
    rerender({ chat: [...history, message('3'), message('4', 'p1'), message('5')], joined: true, open: true });
    expect(result.current).toBe(0);
    rerender({ chat: [...history, message('3'), message('4', 'p1'), message('5')], joined: true, open: false });
    expect(result.current).toBe(0);
    rerender({ chat: [...history, message('3'), message('4', 'p1'), message('5'), message('6')], joined: true, open: false });
    expect(result.current).toBe(1);
  });
});
