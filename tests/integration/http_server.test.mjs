// The HTTPS server as a client sees it: health, security headers, static client, JSON errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startServer } from '../support/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

describe('health endpoints', () => {
  test('healthz answers 200 on both listeners', async () => {
    for (const base of [server.publicUrl, server.adminUrl]) {
      const res = await server.request(`${base}/healthz`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, { status: 'ok' });
    }
  });

  test('readyz reports the database reachable', async () => {
    const res = await server.request(`${server.publicUrl}/readyz`);
    assert.equal(res.status, 200);
    assert.equal(res.json.status, 'ready');
  });
});

describe('security headers (S4.2)', () => {
  test('every response carries CSP without unsafe-inline, HSTS, nosniff, frame-ancestors, Referrer-Policy', async () => {
    for (const target of ['/', '/healthz', '/api/v1/does-not-exist']) {
      const res = await server.request(`${server.publicUrl}${target}`);
      const csp = res.headers['content-security-policy'];
      assert.ok(csp, `CSP on ${target}`);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /default-src 'self'/);
      assert.match(res.headers['strict-transport-security'], /max-age=\d{7,}/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
      assert.match(res.headers['x-request-id'], /^[0-9a-f]{16}$/);
    }
  });

  test('API answers are never cached', async () => {
    const res = await server.request(`${server.publicUrl}/healthz`);
    assert.equal(res.headers['cache-control'], 'no-store');
  });
});

describe('web client', () => {
  test('home page is the built client, revalidated on every load', async () => {
    const res = await server.request(`${server.publicUrl}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/html/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.match(res.body, /<div id="root">/);
    assert.doesNotMatch(res.body, /<script>(?!<\/script>)|<style>|style="/, 'no inline script or style');
  });

  test('hashed assets are cached immutably and typed', async () => {
    const home = await server.request(`${server.publicUrl}/`);
    const asset = /(?:src|href)="(\/assets\/[^"]+\.js)"/.exec(home.body)?.[1];
    assert.ok(asset, 'index.html references a hashed script');
    const res = await server.request(`${server.publicUrl}${asset}`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/javascript/);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    const again = await server.request(`${server.publicUrl}${asset}`, { headers: { 'if-none-match': res.headers.etag } });
    assert.equal(again.status, 304);
  });

  test('client routes fall back to index.html; missing assets are a JSON 404', async () => {
    const route = await server.request(`${server.publicUrl}/r/abc-defg-hij`);
    assert.equal(route.status, 200);
    assert.match(route.body, /<div id="root">/);
    const missing = await server.request(`${server.publicUrl}/assets/nope-123.js`);
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.code, 'not_found');
  });

  test('path traversal never leaves the web root (S4.2 LFI)', async () => {
    for (const target of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd', '/..%5c..%5cetc%5cpasswd']) {
      const res = await server.request(`${server.publicUrl}${target}`);
      assert.doesNotMatch(res.body, /root:.*:0:0:/, target);
      assert.ok(res.status === 404 || res.status === 400 || /<div id="root">/.test(res.body), `${target} → ${res.status}`);
    }
  });
});

describe('JSON errors (S4.3)', () => {
  test('unknown API route: 404 with code, message and request id, nothing internal', async () => {
    const res = await server.request(`${server.publicUrl}/api/v1/no/such/thing`);
    assert.equal(res.status, 404);
    assert.equal(res.json.error.code, 'not_found');
    assert.equal(typeof res.json.error.message, 'string');
    assert.equal(res.json.error.requestId, res.headers['x-request-id']);
  });

  test('wrong method: 405 with Allow', async () => {
    const res = await server.request(`${server.publicUrl}/api/v1/auth/login`, { method: 'GET' });
    assert.equal(res.status, 405);
    assert.equal(res.json.error.code, 'method_not_allowed');
    assert.equal(res.headers.allow, 'POST');
  });

  test('administration API exists only on the admin listener (S2.1)', async () => {
    const pub = await server.request(`${server.publicUrl}/api/v1/admin/overview`);
    assert.equal(pub.status, 404);
    const adm = await server.request(`${server.adminUrl}/api/v1/admin/overview`);
    assert.equal(adm.status, 401);
    assert.equal(adm.json.error.code, 'unauthenticated');
  });
});
