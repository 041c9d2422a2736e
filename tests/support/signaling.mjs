// A signalling client for integration tests (docs/signaling.md): one WebSocket, messages queued
// by type so a test can await the next one of a kind; never a fixed sleep.
import assert from 'node:assert/strict';
import { once } from 'node:events';

import WebSocket from 'ws';

// Opens /api/v1/ws (with `cookie` as a signed-in user) and waits for hello.
export async function connect(server, { cookie } = {}) {
  const ws = new WebSocket(`wss://127.0.0.1:${server.publicPort}/api/v1/ws`, {
    ca: await server.ca(), headers: cookie ? { cookie } : {},
  });
  const messages = [];
  const waiters = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data));
    const index = waiters.findIndex((w) => w.accept(message));
    if (index >= 0) waiters.splice(index, 1)[0].resolve(message); else messages.push(message);
  });
  // The next message of `type` (any type when omitted) matching `where`, waiting up to 10 s.
  ws.next = (type, where = () => true) => {
    const accept = (m) => (type === undefined || m.type === type) && where(m);
    const index = messages.findIndex(accept);
    if (index >= 0) return Promise.resolve(messages.splice(index, 1)[0]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type ?? 'message'} within 10 s; queued: ${messages.map((m) => m.type)}`)), 10_000);
      waiters.push({ accept, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  };
  ws.pending = () => messages.map((m) => m.type);
  ws.drain = () => messages.splice(0, messages.length);
  ws.request = async (message, replyType) => {
    ws.send(JSON.stringify(message));
    return ws.next(replyType);
  };
  // Sends a message with a requestId and resolves the reply carrying it (whatever its type).
  let nextRequestId = 1000;
  ws.call = async (message) => {
    const requestId = message.requestId ?? ++nextRequestId;
    ws.send(JSON.stringify({ ...message, requestId }));
    return ws.next(undefined, (m) => m.requestId === requestId);
  };
  await once(ws, 'open');
  ws.hello = await ws.next('hello');
  assert.equal(ws.hello.protocol, 1);
  return ws;
}

// Joins `room` (from createRoom) with its invitation; resolves { ws, joined }.
export async function joinRoom(server, room, displayName, { cookie, invited = true, password } = {}) {
  const ws = await connect(server, { cookie });
  const message = { type: 'join', roomId: room.id, displayName, requestId: 1 };
  if (invited) message.inviteToken = room.inviteToken;
  if (password) message.password = password;
  ws.send(JSON.stringify(message));
  const joined = await ws.next(undefined, (m) => ['joined', 'error', 'lobbyWaiting'].includes(m.type));
  assert.equal(joined.type, 'joined', `join refused: ${JSON.stringify(joined)}`);
  assert.equal(joined.requestId, 1);
  return { ws, joined };
}

export async function closeAll(...sockets) {
  await Promise.all(sockets.filter(Boolean).map(async (ws) => {
    if (ws.readyState === WebSocket.CLOSED) return;
    const closed = once(ws, 'close');
    ws.close();
    await closed;
  }));
}
