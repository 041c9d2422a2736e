// MeetingSession.tryRequest: the side panels' requests, whose refusals they show themselves.
import { describe, expect, it } from 'vitest';
import { joined, meetingSession, useMeetingFakes } from '../../test/meeting-session-harness';

useMeetingFakes();

describe('MeetingSession.tryRequest', () => {
  it('is refused before the join', async () => {
    const { session } = meetingSession();
    expect(await session.tryRequest({ type: 'chat', text: 'x' })).toBe('not_joined');
  });

  it('resolves null when accepted and the error code when refused, without a session problem', async () => {
    const t = meetingSession();
    const socket = await joined(t, [], { role: 'chair' });
    const { session } = t;

    const sent = session.tryRequest({ type: 'moderate', action: 'muteAll', lock: true });
    expect(socket.last('moderate')).toMatchObject({ type: 'moderate', action: 'muteAll', lock: true });
    socket.reply('moderate', { type: 'ok' });
    expect(await sent).toBeNull();

    const chat = session.tryRequest({ type: 'chat', text: 'Xin chào' });
    socket.reply('chat', { type: 'error', code: 'chat_rate_limited', message: 'slow down' });
    expect(await chat).toBe('chat_rate_limited');
    expect(session.getSnapshot().problem).toBeNull();
    session.end();
  });
});
