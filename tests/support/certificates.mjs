// A certificate authority and a certificate for "localhost" and 127.0.0.1 signed by it, made
// with the openssl command, for the test servers that speak TLS (rsyslog, slapd).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

// Writes <name>-ca.pem, <name>-server.pem and <name>-server.key into `dir`.
export function makeCertificates(dir, name) {
  const run = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}-ca.key`,
    '-out', `${name}-ca.pem`, '-days', '2', '-subj', `/CN=${name} test CA`);
  run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}-server.key`,
    '-out', `${name}-server.csr`, '-subj', '/CN=localhost');
  writeFileSync(path.join(dir, `${name}-ext.cnf`), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  run('x509', '-req', '-in', `${name}-server.csr`, '-CA', `${name}-ca.pem`, '-CAkey', `${name}-ca.key`,
    '-CAcreateserial', '-out', `${name}-server.pem`, '-days', '2', '-extfile', `${name}-ext.cnf`);
}
