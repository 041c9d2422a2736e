// The signalling WebSocket: greeting, ping/pong, malformed messages, size limit, origin check.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';

import WebSocket from 'ws';

import { startServer } from '../support/server.mjs';

let server;
before(async () => { server = await startServer({ args: ['--set', 'limits.websocket_max_message_bytes=2048'] }); });
after(async () => { await server?.stop(); });

async function connect(headers = {}) {
  const ws = new WebSocket(`wss://127.0.0.1:${server.publicPort}/api/v1/ws`, { ca: await server.ca(), headers });
  const messages = [];
  const waiters = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data));
    const waiter = waiters.shift();
    if (waiter) waiter(message); else messages.push(message);
  });
  ws.next = () => (messages.length ? Promise.resolve(messages.shift()) : new Promise((r) => waiters.push(r)));
  await once(ws, 'open');
  return ws;
}

describe('signalling WebSocket', () => {
  test('greets with protocol version, answers ping with pong', async () => {
    const ws = await connect();
    const hello = await ws.next();
    assert.equal(hello.type, 'hello');
    assert.equal(hello.protocol, 1);
    ws.send(JSON.stringify({ type: 'ping', id: 42 }));
    assert.deepEqual(await ws.next(), { type: 'pong', id: 42 });
    ws.close();
    await once(ws, 'close');
  });

  test('S4_1_malformed_messages_get_an_error_and_the_connection_survives', async () => {
    const ws = await connect();
    await ws.next();
    ws.send('{not json');
    assert.equal((await ws.next()).code, 'invalid_message');
    ws.send(JSON.stringify({ type: 'launch-missiles' }));
    assert.equal((await ws.next()).code, 'unknown_type');
    ws.send(JSON.stringify({ type: 'ping', id: 1 }));
    assert.equal((await ws.next()).type, 'pong');
    ws.close();
    await once(ws, 'close');
  });

  test('a message over the size limit closes that connection with 1009 only', async () => {
    const ws = await connect();
    await ws.next();
    ws.send('x'.repeat(10_000));
    const [code] = await once(ws, 'close');
    assert.equal(code, 1009);
    const other = await connect();
    assert.equal((await other.next()).type, 'hello');
    other.close();
  });

  test('S4_2_cross_site_websocket_is_refused', async () => {
    const ws = new WebSocket(`wss://127.0.0.1:${server.publicPort}/api/v1/ws`, {
      ca: await server.ca(), headers: { origin: 'https://evil.example' },
    });
    ws.on('error', () => {});  // terminate() before open reports an error by design
    const [, response] = await once(ws, 'unexpected-response');
    assert.equal(response.statusCode, 403);
    ws.terminate();
  });

  test('the admin listener has no signalling endpoint', async () => {
    const ws = new WebSocket(`wss://127.0.0.1:${server.adminPort}/api/v1/ws`, { ca: await server.ca() });
    ws.on('error', () => {});
    const [, response] = await once(ws, 'unexpected-response');
    assert.equal(response.statusCode, 404);
    ws.terminate();
  });
});
