import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSockets, type FakeSocket } from '../../test/fake-socket';
import { reconnectDelay, SignalingClient, SignalingError, signalingUrl, type SignalingStatus } from './client';
import { joinedMessage, participant } from '../../test/meeting-messages';
import type { ServerMessage } from './messages';

const URL = 'wss://hop.example.gov.vn/api/v1/ws';

function setup(options: { random?: () => number } = {}) {
  const fake = fakeSockets();
  const client = new SignalingClient({ url: URL, socketFactory: fake.factory, random: options.random ?? (() => 1) });
  const statuses: SignalingStatus[] = [];
  const messages: ServerMessage[] = [];
  const serverErrors: SignalingError[] = [];
  const failures: SignalingError[] = [];
  const invalid: string[] = [];
  let resumed = 0;
  client.on('status', (s) => statuses.push(s));
  client.on('message', (m) => messages.push(m));
  client.on('serverError', (e) => serverErrors.push(e));
  client.on('failed', (e) => failures.push(e));
  client.on('invalid', (r) => invalid.push(r));
  client.on('resumed', () => {
    resumed += 1;
  });
  return { ...fake, client, statuses, messages, serverErrors, failures, invalid, resumedCount: () => resumed };
}

/** Connects and joins as p1 with resume token tok-1; returns the socket. */
async function joinedClient(t: ReturnType<typeof setup>): Promise<FakeSocket> {
  const connected = t.client.connect();
  const socket = t.latest();
  socket.open();
  await connected;
  const joined = t.client.join('482915306', 'Nguyễn Văn A');
  socket.reply('join', joinedMessage([], { resumeToken: 'tok-1' }));
  await joined;
  return socket;
}

async function rejection(promise: Promise<unknown>): Promise<SignalingError> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof SignalingError) return error;
    throw error;
  }
  throw new Error('did not reject');
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('signalingUrl', () => {
  it('is wss://<this host>/api/v1/ws (ws only for a plain-http page)', () => {
    expect(signalingUrl({ protocol: 'https:', host: 'hop.example.gov.vn:8443' })).toBe('wss://hop.example.gov.vn:8443/api/v1/ws');
    expect(signalingUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/api/v1/ws');
  });
});

describe('connecting and joining', () => {
  it('goes connecting → connected and joins with a requestId', async () => {
    const t = setup();
    const connected = t.client.connect();
    expect(t.client.status).toBe('connecting');
    expect(t.latest().url).toBe(URL);
    t.latest().open();
    await connected;
    expect(t.client.status).toBe('connected');

    const joined = t.client.join('482915306', 'Nguyễn Văn A');
    const sent = t.latest().last('join');
    expect(sent).toEqual({ type: 'join', roomId: '482915306', displayName: 'Nguyễn Văn A', requestId: expect.any(Number) });
    t.latest().reply('join', joinedMessage([participant('p2', 'B')], { resumeToken: 'tok-1' }));
    const reply = await joined;
    expect(reply.type === 'joined' && reply.participants).toEqual([participant('p2', 'B')]);
    expect(t.client.participantId).toBe('p1');
    expect(t.client.roomId).toBe('482915306');
    expect(t.client.canResume).toBe(true);
    expect(t.statuses).toEqual(['connecting', 'connected']);
  });

  it('sends the invitation token and the password with join', async () => {
    const t = setup();
    const connected = t.client.connect();
    t.latest().open();
    await connected;
    void t.client.join('482915306', 'A', { inviteToken: 'inv_TOKEN-1' });
    expect(t.latest().last('join')).toEqual({
      type: 'join',
      roomId: '482915306',
      displayName: 'A',
      inviteToken: 'inv_TOKEN-1',
      requestId: expect.any(Number),
    });
    void t.client.join('482915306', 'A', { password: 'mật khẩu' });
    expect(t.latest().last('join')).toEqual({
      type: 'join',
      roomId: '482915306',
      displayName: 'A',
      password: 'mật khẩu',
      requestId: expect.any(Number),
    });
  });

  it('resolves join with lobbyWaiting, then keeps the token of the `joined` that comes when let in', async () => {
    const t = setup();
    const connected = t.client.connect();
    const socket = t.latest();
    socket.open();
    await connected;
    const joined = t.client.join('482915306', 'A');
    socket.reply('join', { type: 'lobbyWaiting', roomId: '482915306', title: 'Giao ban' });
    expect(await joined).toEqual({ type: 'lobbyWaiting', roomId: '482915306', title: 'Giao ban', requestId: expect.any(Number) });
    expect(t.client.canResume).toBe(false);
    expect(t.client.status).toBe('connected');

    // Let in: `joined` without a requestId, passed on as a message.
    socket.receive(joinedMessage([participant('p2', 'B')], { resumeToken: 'tok-lobby', participantId: 'p7' }));
    expect(t.messages.map((m) => m.type)).toEqual(['joined']);
    expect(t.client.canResume).toBe(true);
    expect(t.client.participantId).toBe('p7');

    // A drop now resumes with that token.
    socket.drop();
    await vi.advanceTimersByTimeAsync(500);
    t.latest().open();
    expect(t.latest().last('resume')?.['resumeToken']).toBe('tok-lobby');
  });

  it('settles self-service and chair requests with `ok`', async () => {
    const t = setup();
    const socket = await joinedClient(t);
    const raised = t.client.request({ type: 'raiseHand', raised: true });
    const muted = t.client.request({ type: 'moderate', action: 'mute', target: 'p2' });
    socket.reply('raiseHand', { type: 'ok' });
    socket.reply('moderate', { type: 'error', code: 'forbidden', message: 'only a chair' });
    expect((await raised).type).toBe('ok');
    expect((await rejection(muted)).code).toBe('forbidden');
  });

  it('rejects connect() and fails when the socket cannot be opened', async () => {
    const t = setup();
    const connected = t.client.connect();
    t.latest().drop(1006);
    expect((await rejection(connected)).code).toBe('network_error');
    expect(t.client.status).toBe('failed');
    expect(t.failures.map((f) => f.code)).toEqual(['network_error']);
  });

  it('gives up opening after the connect timeout', async () => {
    const t = setup();
    const connected = t.client.connect();
    const failed = rejection(connected);
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await failed).code).toBe('network_error');
    expect(t.latest().closedByClient).not.toBeNull();
  });

  it('rejects join with the server error code (the message is for logs only)', async () => {
    const t = setup();
    const connected = t.client.connect();
    t.latest().open();
    await connected;
    const joined = t.client.join('482915306', 'A');
    t.latest().reply('join', { type: 'error', code: 'room_full', message: 'Room is full' });
    const error = await rejection(joined);
    expect(error.code).toBe('room_full');
    expect(error.requestType).toBe('join');
    expect(t.client.canResume).toBe(false);
    expect(t.client.status).toBe('connected');
  });

  it('fails when the server speaks another protocol version', async () => {
    const t = setup();
    const connected = t.client.connect();
    t.latest().open();
    await connected;
    t.latest().receive({ type: 'hello', protocol: 2, connectionId: 'c' });
    expect(t.client.status).toBe('failed');
    expect(t.failures.map((f) => f.code)).toEqual(['protocol_mismatch']);
  });

  it('treats a drop before `joined` as a failure (nothing to resume)', async () => {
    const t = setup();
    const connected = t.client.connect();
    t.latest().open();
    await connected;
    const joined = t.client.join('482915306', 'A');
    t.latest().drop();
    expect((await rejection(joined)).code).toBe('connection_lost');
    expect(t.client.status).toBe('failed');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sockets).toHaveLength(1);
  });
});

describe('requests and replies', () => {
  it('matches replies to requests by requestId, in any order', async () => {
    const t = setup();
    const socket = await joinedClient(t);
    const publish = t.client.request({ type: 'publish', sdp: 'offer' });
    const stats = t.client.getStats();
    const publishId = socket.last('publish')?.requestId;
    const statsId = socket.last('getStats')?.requestId;
    expect(publishId).not.toBe(statsId);

    socket.receive({ type: 'stats', requestId: statsId, publish: {}, subscribe: {}, tracks: [] });
    socket.receive({ type: 'publishAnswer', requestId: publishId, sdp: 'answer' });
    expect((await publish).sdp).toBe('answer');
    expect((await stats).type).toBe('stats');
    expect(t.messages).toEqual([]);
  });

  it('settles the oldest request of that reply type when the server does not echo the requestId', async () => {
    const t = setup();
    const socket = await joinedClient(t);
    const first = t.client.request({ type: 'publish', sdp: 'one' });
    const second = t.client.request({ type: 'publish', sdp: 'two' });
    socket.receive({ type: 'publishAnswer', sdp: 'a1' });
    socket.receive({ type: 'publishAnswer', sdp: 'a2' });
    expect((await first).sdp).toBe('a1');
    expect((await second).sdp).toBe('a2');
  });

  it('does not settle a request with a reply of the wrong type', async () => {
    const t = setup();
    const socket = await joinedClient(t);
    const publish = t.client.request({ type: 'publish', sdp: 'offer' });
    const id = socket.last('publish')?.requestId;
    socket.receive({ type: 'left', requestId: id });
    const failed = rejection(publish);
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await failed).code).toBe('timeout');
    expect(t.messages.map((m) => m.type)).toEqual(['left']);
  });

  it('rejects with `timeout` when no reply comes, and passes a late reply on as a message', async () => {
    const t = setup();
    const socket = await joinedClient(t);
    const publish = t.client.request({ type: 'publish', sdp: 'offer' }, { timeoutMs: 5_000 });
    const failed = rejection(publish);
    await vi.advanceTimersByTimeAsync(4_999);
    socket.receive({ type: 'participantLeft', participantId: 'p9' }); // unrelated traffic
    await vi.advanceTimersByTimeAsync(1);
    const error = await failed;
    expect(error.code).toBe('timeout');
    expect(error.requestType).toBe('publish');

    socket.reply('publish', { type: 'publishAnswer', sdp: 'late' });
    expect(t.messages.map((m) => m.type)).toEqual(['participantLeft', 'publishAnswer']);
  });

  it('reports an error for a message without reply (e.g. a refused subscribeAnswer) with its request type', async () => {
    const t = setup();
    const socket = await joinedClient(t);
    expect(t.client.send({ type: 'subscribeAnswer', sdp: 'answer', version: 3 })).toBe(true);
    socket.reply('subscribeAnswer', { type: 'error', code: 'stale_answer', message: 'stale' });
    socket.receive({ type: 'error', code: 'internal', message: 'oops' });
    expect(t.serverErrors.map((e) => [e.code, e.requestType])).toEqual([
      ['stale_answer', 'subscribeAnswer'],
      ['internal', null],
    ]);
  });

  it('passes pushed messages on and ignores frames it cannot read', async () => {
    const t = setup();
    const socket = await joinedClient(t);
    socket.receive('{oops');
    socket.receive({ type: 'subscribeOffer', sdp: 's', version: 1 });
    socket.receive({ type: 'dominantSpeaker', participantId: 'p2' });
    expect(t.invalid).toEqual(['not JSON', 'subscribeOffer: tracks: expected an array']);
    expect(t.messages).toEqual([{ type: 'dominantSpeaker', participantId: 'p2' }]);
    expect(t.client.status).toBe('connected');
  });
});

describe('keep-alive', () => {
  it('pings every 20 s and stays connected while the server answers', async () => {
    const t = setup();
    const socket = await joinedClient(t);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(socket.sent.filter((m) => m.type === 'ping')).toHaveLength(1);
    socket.receive({ type: 'pong' });
    await vi.advanceTimersByTimeAsync(20_000);
    socket.receive({ type: 'pong' });
    await vi.advanceTimersByTimeAsync(9_000);
    expect(socket.sent.filter((m) => m.type === 'ping')).toHaveLength(2);
    expect(t.client.status).toBe('connected');
  });

  it('takes a silent socket for dead and reconnects', async () => {
    const t = setup();
    const socket = await joinedClient(t);
    await vi.advanceTimersByTimeAsync(20_000 + 10_000);
    expect(socket.closedByClient).not.toBeNull();
    expect(t.client.status).toBe('reconnecting');
  });
});

describe('reconnect and resume', () => {
  it('resumes with the token on a new socket after a drop', async () => {
    const t = setup();
    const first = await joinedClient(t);
    const inFlight = t.client.request({ type: 'publish', sdp: 'offer' });
    first.drop(1006);
    expect(t.client.status).toBe('reconnecting');
    expect((await rejection(inFlight)).code).toBe('connection_lost');

    // While reconnecting nothing is sent and requests fail fast.
    expect(t.client.send({ type: 'layout', tiles: [] })).toBe(false);
    expect((await rejection(t.client.getStats())).code).toBe('connection_lost');

    await vi.advanceTimersByTimeAsync(499);
    expect(t.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1); // first attempt after 500 ms (random = 1)
    expect(t.sockets).toHaveLength(2);
    const second = t.latest();
    second.open();
    expect(second.last('resume')).toEqual({ type: 'resume', resumeToken: 'tok-1', requestId: expect.any(Number) });
    expect(t.client.status).toBe('reconnecting');

    second.reply('resume', { type: 'resumed', roomId: '482915306', participantId: 'p1' });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.client.status).toBe('connected');
    expect(t.resumedCount()).toBe(1);
    expect(t.statuses).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);

    // The new socket carries requests and pings.
    const publish = t.client.request({ type: 'publish', sdp: 'again' });
    second.reply('publish', { type: 'publishAnswer', sdp: 'answer' });
    expect((await publish).sdp).toBe('answer');
    expect(first.sent.some((m) => m.type === 'publish' && m['sdp'] === 'again')).toBe(false);
  });

  it('backs off exponentially between failed attempts', async () => {
    const t = setup();
    const first = await joinedClient(t);
    first.drop();
    const openedAt: number[] = [];
    const start = Date.now();
    for (let i = 0; i < 5; i += 1) {
      const before = t.sockets.length;
      while (t.sockets.length === before) await vi.advanceTimersByTimeAsync(50);
      openedAt.push(Date.now() - start);
      t.latest().drop();
    }
    // 500, +1000, +2000, +4000, +8000 (capped at 8 s), each rounded up to the 50 ms step.
    expect(openedAt).toEqual([500, 1500, 3500, 7500, 15500]);
  });

  it('keeps jitter within half to all of the exponential delay', () => {
    expect(reconnectDelay(0, 500, 8_000, 0)).toBe(250);
    expect(reconnectDelay(0, 500, 8_000, 1)).toBe(500);
    expect(reconnectDelay(3, 500, 8_000, 0.5)).toBe(3_000);
    expect(reconnectDelay(10, 500, 8_000, 1)).toBe(8_000);
    expect(reconnectDelay(1_000, 500, 8_000, 1)).toBe(8_000);
  });

  it('gives up when the resume window (30 s) has passed', async () => {
    const t = setup();
    const first = await joinedClient(t);
    first.drop();
    let attempts = 0;
    while (t.client.status === 'reconnecting') {
      const before = t.sockets.length;
      await vi.advanceTimersByTimeAsync(100);
      if (t.sockets.length > before) {
        attempts += 1;
        t.latest().drop();
      }
    }
    expect(t.client.status).toBe('failed');
    expect(t.failures.map((f) => f.code)).toEqual(['connection_lost']);
    expect(attempts).toBeGreaterThanOrEqual(5);
    const sockets = t.sockets.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sockets).toHaveLength(sockets);
  });

  it('fails with the server code when the token is refused', async () => {
    const t = setup();
    const first = await joinedClient(t);
    first.drop();
    await vi.advanceTimersByTimeAsync(500);
    const second = t.latest();
    second.open();
    second.reply('resume', { type: 'error', code: 'resume_failed', message: 'expired' });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.client.status).toBe('failed');
    expect(t.failures.map((f) => f.code)).toEqual(['resume_failed']);
    expect(second.closedByClient).not.toBeNull();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sockets).toHaveLength(2);
  });

  it('tries another socket when the resume gets no answer', async () => {
    const t = setup();
    const first = await joinedClient(t);
    first.drop();
    await vi.advanceTimersByTimeAsync(500);
    t.latest().open();
    await vi.advanceTimersByTimeAsync(10_000); // resume timeout
    expect(t.client.status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1_000); // next attempt (first after the failed one: 500 ms)
    expect(t.sockets).toHaveLength(3);
  });

  it('ignores events of a socket it has already replaced', async () => {
    const t = setup();
    const first = await joinedClient(t);
    first.drop();
    await vi.advanceTimersByTimeAsync(500);
    first.receive({ type: 'dominantSpeaker', participantId: 'ghost' });
    first.drop();
    expect(t.messages).toEqual([]);
    expect(t.sockets).toHaveLength(2);
  });
});

describe('leaving', () => {
  it('sends leave, waits for left, closes and never reconnects', async () => {
    const t = setup();
    const socket = await joinedClient(t);
    const left = t.client.leave();
    socket.reply('leave', { type: 'left' });
    await left;
    expect(t.client.status).toBe('closed');
    expect(socket.closedByClient?.code).toBe(1000);
    socket.drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sockets).toHaveLength(1);
  });

  it('closes anyway when `left` does not come', async () => {
    const t = setup();
    await joinedClient(t);
    const left = t.client.leave(2_000);
    await vi.advanceTimersByTimeAsync(2_000);
    await left;
    expect(t.client.status).toBe('closed');
  });

  it('closes without leaving while reconnecting', async () => {
    const t = setup();
    const socket = await joinedClient(t);
    socket.drop();
    await t.client.leave();
    expect(t.client.status).toBe('closed');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sockets).toHaveLength(1);
  });
});
