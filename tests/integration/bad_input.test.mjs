// Malformed HTTP gets a 4xx JSON error and the server keeps serving everyone else (S4.1, S4.3).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import tls from 'node:tls';

import { startServer } from '../support/server.mjs';

let server;
before(async () => {
  server = await startServer({ args: ['--set', 'limits.request_timeout_seconds=1', '--set', 'limits.max_body_bytes=4096'] });
});
after(async () => { await server?.stop(); });

// Sends raw bytes over TLS; resolves with everything the server wrote before closing.
async function raw(bytes) {
  const ca = await server.ca();
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port: server.publicPort, ca, servername: 'localhost' }, () => socket.write(bytes));
    let data = '';
    socket.on('data', (d) => { data += d; });
    socket.on('end', () => resolve(data));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => { socket.destroy(); reject(new Error('no close within 10 s')); });
  });
}

function statusOf(response) {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);
}

function jsonOf(response) {
  return JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));
}

describe('malformed HTTP (S4.1)', () => {
  test('S4_1_oversized_header_gets_431', async () => {
    const res = await raw(`GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    assert.equal(statusOf(res), 431);
    assert.equal(jsonOf(res).error.code, 'header_too_large');
  });

  test('S4_1_garbage_request_line_gets_400', async () => {
    const res = await raw('THIS IS NOT HTTP\r\n\r\n');
    assert.equal(statusOf(res), 400);
    assert.equal(jsonOf(res).error.code, 'bad_request');
  });

  test('S4_1_body_over_the_limit_gets_413', async () => {
    const res = await server.request(`${server.publicUrl}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'a'.repeat(8000) }),
    });
    assert.equal(res.status, 413);
    assert.equal(res.json.error.code, 'body_too_large');
  });

  test('S4_1_bad_json_gets_400_and_wrong_content_type_415', async () => {
    const bad = await server.request(`${server.publicUrl}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username": ',
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'invalid_json');
    const form = await server.request(`${server.publicUrl}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=admin&password=x',
    });
    assert.equal(form.status, 415);
    assert.equal(form.json.error.code, 'unsupported_media_type');
    const array = await server.request(`${server.publicUrl}/api/v1/auth/login`, { method: 'POST', body: [1, 2] });
    assert.equal(array.status, 400);
    assert.equal(array.json.error.code, 'invalid_request');
    const wrongTypes = await server.request(`${server.publicUrl}/api/v1/auth/login`, { method: 'POST', body: { username: 7, password: null } });
    assert.equal(wrongTypes.status, 400);
  });

  test('S4_3_sql_metacharacters_are_just_a_wrong_password', async () => {
    const res = await server.request(`${server.publicUrl}/api/v1/auth/login`, {
      method: 'POST', body: { username: "admin' OR '1'='1' --", password: "' OR 1=1; DROP TABLE users; --" },
    });
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'invalid_credentials');
    const ready = await server.request(`${server.publicUrl}/readyz`);
    assert.equal(ready.status, 200);
  });

  test('S4_1_slow_client_is_cut_off_while_others_are_served', async () => {
    const ca = await server.ca();
    const started = Date.now();
    const slow = new Promise((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port: server.publicPort, ca, servername: 'localhost' }, () => {
        socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n');  // never finishes the header block
      });
      socket.on('close', () => resolve(Date.now() - started));
      socket.on('error', () => {});
    });
    const healthy = await server.request(`${server.publicUrl}/healthz`);
    assert.equal(healthy.status, 200);
    const closedAfter = await slow;
    assert.ok(closedAfter < 5_000, `slow client closed after ${closedAfter} ms`);
  });
});
