// TLS only, modern versions only (S1.5, S2.1, S5.1); operator certificates; HTTP only redirects.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import tls from 'node:tls';

import { makeDataDir, startServer } from '../support/server.mjs';

let server;
// A free port for the redirect listener (0 there means "off").
async function freePort() {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  probe.close();
  await once(probe, 'close');
  return port;
}

before(async () => { server = await startServer({ args: ['--redirect-port', String(await freePort())] }); });
after(async () => { await server?.stop(); });

async function handshake(options) {
  const ca = await server.ca();
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port: server.publicPort, ca, servername: 'localhost', ...options }, () => {
      const result = { ok: true, protocol: socket.getProtocol(), cipher: socket.getCipher().name, cert: socket.getPeerCertificate() };
      socket.end();
      resolve(result);
    });
    socket.on('error', (error) => resolve({ ok: false, error: error.code }));
  });
}

describe('TLS policy (S1.5, S2.1)', () => {
  test('S1_5_generated_certificate_is_ECDSA_P256_and_valid_for_localhost_and_loopback', async () => {
    const result = await handshake({});
    assert.ok(result.ok);
    assert.equal(result.cert.asn1Curve, 'prime256v1');
    assert.match(result.cert.subjectaltname, /DNS:localhost/);
    assert.match(result.cert.subjectaltname, /IP Address:127\.0\.0\.1/);
    const mode = (await import('node:fs')).statSync(path.join(server.dataDir, 'tls', 'server.key')).mode & 0o777;
    assert.equal(mode, 0o600, 'private key readable by the owner only');
  });

  test('S2_1_TLS_1_3_and_1_2_are_accepted_with_AEAD_ciphers', async () => {
    const v13 = await handshake({ minVersion: 'TLSv1.3' });
    assert.equal(v13.protocol, 'TLSv1.3');
    const v12 = await handshake({ maxVersion: 'TLSv1.2' });
    assert.equal(v12.protocol, 'TLSv1.2');
    assert.match(v12.cipher, /^ECDHE-ECDSA-(AES128-GCM|AES256-GCM|CHACHA20)/);
  });

  test('S2_1_TLS_1_1_and_CBC_ciphers_are_refused', async () => {
    const old = await handshake({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' });
    assert.equal(old.ok, false);
    const cbc = await handshake({ maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA' });
    assert.equal(cbc.ok, false);
  });

  test('plain HTTP on the HTTPS port gets no content', async () => {
    const socket = net.connect(server.publicPort, '127.0.0.1');
    await once(socket, 'connect');
    socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    let data = '';
    socket.on('data', (d) => { data += d; });
    await once(socket, 'close');
    assert.doesNotMatch(data, /"status":"ok"/);
  });

  test('the plain-HTTP port only redirects to HTTPS', async () => {
    const redirectPort = server.redirectPort;
    assert.ok(redirectPort, 'redirect port reported');
    const socket = net.connect(redirectPort, '127.0.0.1');
    await once(socket, 'connect');
    socket.write('GET /r/abc?x=1 HTTP/1.1\r\nHost: localhost:8080\r\n\r\n');
    let data = '';
    socket.on('data', (d) => { data += d; });
    await once(socket, 'close');
    assert.match(data, /^HTTP\/1\.1 308/);
    assert.match(data, new RegExp(`Location: https://localhost:${server.publicPort}/r/abc\\?x=1`, 'i'));
  });
});

describe('operator certificate', () => {
  test('a configured certificate and key are used instead of a generated one', async () => {
    const dir = await makeDataDir();
    const cert = path.join(dir, 'op.crt');
    const key = path.join(dir, 'op.key');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-nodes',
      '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=operator.test',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
    const op = await startServer({ args: ['--set', `tls.certificate=${cert}`, '--set', `tls.private_key=${key}`] });
    try {
      const ca = await readFile(cert);
      const curve = await new Promise((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port: op.publicPort, ca, servername: 'localhost' }, () => {
          resolve(socket.getPeerCertificate().asn1Curve);
          socket.end();
        });
        socket.on('error', reject);
      });
      assert.equal(curve, 'secp384r1');
    } finally {
      await op.stop();
      (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
    }
  });
});
