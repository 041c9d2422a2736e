// The idle timeout against the real server (S2.2): a session with no request closes after the
// policy's idle minutes and says why; someone connected to a meeting is not idle. One wait of a
// little over the shortest idle limit (one minute) proves both.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { closeAll, connect } from '../support/signaling.mjs';
import { adminWithChangedPassword, changeSecurityPolicy, login, newAdminPassword, startServer } from '../support/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

describe('idle timeout (S2.2)', () => {
  test('S2_2_an_idle_session_closes_and_one_in_a_meeting_stays_open', async () => {
    await adminWithChangedPassword(server);
    const admin = await login(server, 'admin', newAdminPassword, server.adminUrl);
    await changeSecurityPolicy(server, admin, (policy) => ({ ...policy, session: { ...policy.session, idleMinutes: 1 } }));

    const idle = await login(server, 'admin', newAdminPassword);
    const inMeeting = await login(server, 'admin', newAdminPassword);
    const ws = await connect(server, { cookie: inMeeting.cookie });
    assert.equal(ws.hello.account.displayName, 'Quản trị viên', 'signed in on the meeting connection');
    try {
      await new Promise((resolve) => setTimeout(resolve, 65_000));  // the limit under test is time itself
      const closed = await server.request(`${server.publicUrl}/api/v1/auth/session`, { headers: { cookie: idle.cookie } });
      assert.equal(closed.status, 401);
      assert.equal(closed.json.error.code, 'session_expired', 'the client can say why');
      const open = await server.request(`${server.publicUrl}/api/v1/auth/session`, { headers: { cookie: inMeeting.cookie } });
      assert.equal(open.status, 200, 'a meeting participant is not idle');
    } finally {
      await closeAll(ws);
    }
  });
});
