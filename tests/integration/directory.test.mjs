// Sign-in with existing directory accounts (F6) against a real OpenLDAP slapd that this test
// starts with its own certificate authority: StartTLS and ldaps, group mapping, the bind password
// sealed (S4.4), lockout of directory accounts (S1.4), filter injection, and a directory that is
// down.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { makeCertificates } from '../support/certificates.mjs';
import { waitFor } from '../support/meeting.mjs';
import { signInRequest } from '../support/proof-of-work.mjs';
import { adminWithChangedPassword, freePort, login, newAdminPassword, startServer } from '../support/server.mjs';

const suffix = 'dc=most,dc=gov,dc=vn';
// Longer than the 100 characters a display name may have, with characters of two and three bytes.
const longName = 'Đặng Thị Ánh Tuyết '.repeat(8).trim();
const serviceDn = `cn=dienhong,ou=services,${suffix}`;
const adminsGroup = `cn=quan-tri-su-dung,ou=groups,${suffix}`;

class Slapd {
  constructor(root) { this.root = root; }

  async setUp() {
    this.ldapPort = await freePort();
    this.ldapsPort = await freePort();
    await mkdir(path.join(this.root, 'slapd.d'));
    await mkdir(path.join(this.root, 'db'));
    await writeFile(path.join(this.root, 'config.ldif'), `dn: cn=config
objectClass: olcGlobal
cn: config
olcTLSCACertificateFile: ${this.root}/dir-ca.pem
olcTLSCertificateFile: ${this.root}/dir-server.pem
olcTLSCertificateKeyFile: ${this.root}/dir-server.key
olcPidFile: ${this.root}/slapd.pid

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file:///etc/ldap/schema/core.ldif
include: file:///etc/ldap/schema/cosine.ldif
include: file:///etc/ldap/schema/inetorgperson.ldif

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcSuffix: ${suffix}
olcDbDirectory: ${this.root}/db
olcRootDN: cn=root,${suffix}
olcAccess: {0}to attrs=userPassword by anonymous auth by * none
olcAccess: {1}to * by dn.exact="${serviceDn}" read by self read by * none
`);
    const cn = (text) => Buffer.from(text).toString('base64');
    await writeFile(path.join(this.root, 'data.ldif'), `dn: ${suffix}
objectClass: dcObject
objectClass: organization
o: Bo Khoa hoc va Cong nghe
dc: most

dn: ou=people,${suffix}
objectClass: organizationalUnit
ou: people

dn: ou=groups,${suffix}
objectClass: organizationalUnit
ou: groups

dn: ou=services,${suffix}
objectClass: organizationalUnit
ou: services

dn: ${serviceDn}
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: dienhong
userPassword: bind-secret

dn: uid=lan.nguyen,ou=people,${suffix}
objectClass: inetOrgPerson
uid: lan.nguyen
cn:: ${cn('Nguyễn Thị Lan')}
sn: Nguyen
mail: lan@most.gov.vn
userPassword: Mat-khau-LDAP-1

dn: uid=minh.tran,ou=people,${suffix}
objectClass: inetOrgPerson
uid: minh.tran
cn:: ${cn('Trần Văn Minh')}
sn: Tran
userPassword: Mat-khau-LDAP-2

dn: uid=ten.dai,ou=people,${suffix}
objectClass: inetOrgPerson
uid: ten.dai
cn:: ${cn(longName)}
sn: Dai
userPassword: Mat-khau-LDAP-3

dn: ${adminsGroup}
objectClass: groupOfNames
cn: quan-tri-su-dung
member: uid=lan.nguyen,ou=people,${suffix}
`);
    const slapadd = (db, file) => execFileSync('slapadd', ['-n', db, '-F', path.join(this.root, 'slapd.d'), '-l', path.join(this.root, file)], { stdio: 'pipe' });
    slapadd('0', 'config.ldif');
    slapadd('1', 'data.ldif');
  }

  async start() {
    this.child = spawn('slapd', ['-h', `ldap://127.0.0.1:${this.ldapPort}/ ldaps://127.0.0.1:${this.ldapsPort}/`,
      '-F', path.join(this.root, 'slapd.d'), '-d', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.output = '';
    this.child.stdout.on('data', (d) => { this.output += d; });
    this.child.stderr.on('data', (d) => { this.output += d; });
    this.exited = once(this.child, 'exit');
    await waitFor(() => new Promise((resolve) => {
      const socket = net.connect(this.ldapPort, '127.0.0.1', () => { socket.destroy(); resolve({ ok: true }); });
      socket.on('error', () => resolve({ ok: false }));
    }), { timeoutMs: 10_000, what: 'slapd listening', explain: async () => this.output });
  }

  async stop() {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exited;
  }
}

let server;
let admin;
let slapd;
let dir;

const directoryPath = '/api/v1/admin/directory';
const signIn = (username, password) => signInRequest(server, { username, password });
const put = (body) => server.request(`${server.adminUrl}${directoryPath}`, {
  method: 'PUT', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken }, body,
});

async function settings(overrides = {}) {
  return {
    enabled: true, url: `ldap://127.0.0.1:${slapd.ldapPort}`, startTls: true,
    caCertificate: await readFile(path.join(dir, 'dir-ca.pem'), 'utf8'), bindDn: serviceDn, bindPassword: 'bind-secret',
    userBase: `ou=people,${suffix}`, userFilter: '(uid={username})', displayNameAttribute: 'cn', emailAttribute: 'mail',
    groupBase: `ou=groups,${suffix}`, groupMappings: [{ group: adminsGroup, role: 'meeting_admin' }], ...overrides,
  };
}

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dienhong-ldap-'));
  makeCertificates(dir, 'dir');
  makeCertificates(dir, 'other');
  slapd = new Slapd(dir);
  await slapd.setUp();
  await slapd.start();
  server = await startServer();
  await adminWithChangedPassword(server);
  admin = await login(server, 'admin', newAdminPassword, server.adminUrl);
});

after(async () => {
  await server?.stop();
  await slapd?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('directory sign-in (F6)', () => {
  test('F6_S4_4_the_directory_is_set_in_the_console_and_its_bind_password_is_sealed', async () => {
    const initial = await server.request(`${server.adminUrl}${directoryPath}`, { headers: { cookie: admin.cookie } });
    assert.equal(initial.status, 200, initial.body);
    assert.equal(initial.json.directory.enabled, false);
    const plainLdap = await put(await settings({ startTls: false }));
    assert.equal(plainLdap.status, 400, 'credentials travel only over TLS');
    assert.equal(plainLdap.json.error.code, 'invalid_setting');
    const saved = await put(await settings());
    assert.equal(saved.status, 200, saved.body);
    assert.equal(saved.json.directory.bindPasswordSet, true);
    assert.equal(JSON.stringify(saved.json).includes('bind-secret'), false, 'never sent back');
    const stored = execFileSync('sqlite3', [path.join(server.dataDir, 'dienhong.db'), "SELECT value FROM settings WHERE name = 'directory'"]).toString();
    assert.ok(!stored.includes('bind-secret'));
    assert.match(stored, /"bindPasswordSealed":"v1\./);
  });

  test('F6_a_directory_person_signs_in_with_the_directory_password_and_gets_the_mapped_group', async () => {
    const res = await signIn('Lan.Nguyen', 'Mat-khau-LDAP-1');
    assert.equal(res.status, 200, res.body);
    assert.equal(res.json.user.username, 'lan.nguyen');
    assert.equal(res.json.user.displayName, 'Nguyễn Thị Lan');
    assert.equal(res.json.user.role, 'meeting_admin', 'from the group mapping');
    assert.equal(res.json.user.mustChangePassword, false);
    assert.equal(res.json.user.passwordStatus, 'current');
    const plain = await signIn('minh.tran', 'Mat-khau-LDAP-2');
    assert.equal(plain.json.user.role, 'user', 'no mapped group');
    // A name longer than the console allows is cut at a character, not in the middle of one.
    const long = await signIn('ten.dai', 'Mat-khau-LDAP-3');
    assert.equal(long.status, 200, long.body);
    assert.equal(long.json.user.displayName, [...longName].slice(0, 100).join(''));
    const state = { cookie: res.headers['set-cookie'][0].split(';')[0], csrfToken: res.json.csrfToken };
    const change = await server.request(`${server.publicUrl}/api/v1/auth/password`, {
      method: 'POST', headers: { cookie: state.cookie, 'x-csrf-token': state.csrfToken },
      body: { currentPassword: 'Mat-khau-LDAP-1', newPassword: 'Something-Else-2026!' },
    });
    assert.equal(change.status, 409);
    assert.equal(change.json.error.code, 'managed_by_directory');
    const audit = await server.request(`${server.adminUrl}/api/v1/admin/audit?q=lan.nguyen&category=account`, { headers: { cookie: admin.cookie } });
    assert.ok(audit.json.events.some((e) => e.action === 'account.create' && e.actor === 'directory'));
  });

  test('F6_S1_4_wrong_passwords_injection_and_unknown_names_are_refused_like_local_ones', async () => {
    const wrong = await signIn('lan.nguyen', 'not-it');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.error.attemptsLeft, 4, 'the local lockout counts directory failures');
    // Filter metacharacters are escaped (RFC 4515): these match nobody rather than everybody.
    for (const name of ['ghost', '*', 'lan.nguyen)(uid=*', 'lan.nguyen*', '*)(|(uid=*']) {
      const res = await signIn(name, 'Mat-khau-LDAP-1');
      assert.equal(res.status, 401, `${name}: ${res.body}`);
      assert.equal(res.json.error.code, 'invalid_credentials');
    }
    const empty = await signIn('lan.nguyen', ' ');
    assert.notEqual(empty.status, 200, 'a blank password never binds');
  });

  test('F6_over_ldaps_too_and_a_directory_that_is_down_answers_503', async () => {
    const ldaps = await put(await settings({ url: `ldaps://127.0.0.1:${slapd.ldapsPort}`, startTls: false, bindPassword: null }));
    assert.equal(ldaps.status, 200, ldaps.body);
    assert.equal(ldaps.json.directory.bindPasswordSet, true, 'null keeps the saved bind password');
    assert.equal((await signIn('minh.tran', 'Mat-khau-LDAP-2')).status, 200);
    await slapd.stop();
    const down = await signIn('minh.tran', 'Mat-khau-LDAP-2');
    assert.equal(down.status, 503);
    assert.equal(down.json.error.code, 'directory_unavailable');
    assert.equal((await login(server, 'admin', newAdminPassword)).session.user.username, 'admin', 'local accounts still sign in');
    await slapd.start();
    assert.equal((await signIn('minh.tran', 'Mat-khau-LDAP-2')).status, 200, 'back when the directory is');
    const other = await readFile(path.join(dir, 'other-ca.pem'), 'utf8');
    const untrusted = await put(await settings({ caCertificate: other, bindPassword: null }));
    assert.equal(untrusted.status, 200);
    assert.equal((await signIn('minh.tran', 'Mat-khau-LDAP-2')).status, 503, 'a directory whose certificate the authority did not sign is refused');
  });
});
