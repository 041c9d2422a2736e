import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { defaultPolicy, errorReply, errorReplyWith, installFakeApi, overviewBody, reply, sessionBody } from '../test/fake-api';
import {
  ApiError,
  beginTotpEnrolment,
  changePassword,
  confirmTotpEnrolment,
  createRoom,
  CSRF_HEADER,
  deleteRoom,
  disableTotp,
  getAdminOverview,
  getCsrfToken,
  getSecurityPolicy,
  getSession,
  lastApiActivity,
  listRooms,
  login,
  loginWithCode,
  logout,
  onApiError,
  renewInvitation,
  saveSecurityPolicy,
  setCsrfToken,
} from './api';
import { createdBody, roomBody } from '../test/rooms';
import { leadingZeroBits } from './proof-of-work';
import { replaceProofSolver } from './proof-solver';

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('api: sign-in with a proof of work (S1.6)', () => {
  const puzzle = (n: number) => reply(200, { challenge: `v1.9.8.puzzle-${n}.mac`, bits: 8, expiresAtMs: 9 });

  it('solves the puzzle the server asks for and sends the sign-in again with it', async () => {
    let puzzles = 0;
    const { calls } = installFakeApi({
      'POST /api/v1/auth/login': (request) =>
        (request.body as { proof?: unknown }).proof === undefined
          ? errorReply(428, 'proof_required')
          : reply(200, sessionBody({}, { csrfToken: 'after-proof' })),
      'GET /api/v1/auth/login/proof': () => puzzle(++puzzles),
    });
    const onProofOfWork = vi.fn();
    const restore = replaceProofSolver(async (challenge, bits) => `${challenge}/${bits}`);
    try {
      await login({ username: 'lan', password: 'secret' }, { onProofOfWork });
    } finally {
      restore();
    }
    expect(onProofOfWork).toHaveBeenCalledTimes(1);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /api/v1/auth/login',
      'GET /api/v1/auth/login/proof',
      'POST /api/v1/auth/login',
    ]);
    expect(calls[2]?.body).toEqual({
      username: 'lan',
      password: 'secret',
      proof: { challenge: 'v1.9.8.puzzle-1.mac', solution: 'v1.9.8.puzzle-1.mac/8' },
    });
    expect(getCsrfToken()).toBe('after-proof');
  });

  it('tries a second puzzle when the first expired, then lets the error stand', async () => {
    let puzzles = 0;
    const { calls } = installFakeApi({
      'POST /api/v1/auth/login': errorReply(428, 'proof_required'),
      'GET /api/v1/auth/login/proof': () => puzzle(++puzzles),
    });
    const restore = replaceProofSolver(async () => '1');
    try {
      const error = await caught(login({ username: 'lan', password: 'secret' }));
      expect(error.code).toBe('proof_required');
    } finally {
      restore();
    }
    expect(calls.filter((c) => c.path === '/api/v1/auth/login')).toHaveLength(3);
    expect(puzzles).toBe(2);
  });

  it('reports a puzzle it could not solve as proof_required', async () => {
    installFakeApi({
      'POST /api/v1/auth/login': errorReply(428, 'proof_required'),
      'GET /api/v1/auth/login/proof': puzzle(1),
    });
    const restore = replaceProofSolver(() => Promise.reject(new Error('worker died')));
    try {
      const error = await caught(login({ username: 'lan', password: 'secret' }));
      expect(error.code).toBe('proof_required');
      expect(error.status).toBe(0);
    } finally {
      restore();
    }
  });

  it('solves for real when no solver is replaced', async () => {
    const { calls } = installFakeApi({
      'POST /api/v1/auth/login': (request) =>
        (request.body as { proof?: unknown }).proof === undefined
          ? errorReply(428, 'proof_required')
          : reply(200, sessionBody()),
      'GET /api/v1/auth/login/proof': puzzle(1),
    });
    await login({ username: 'lan', password: 'secret' });
    const proof = (calls[2]?.body as { proof: { challenge: string; solution: string } }).proof;
    expect(leadingZeroBits(new Uint8Array(createHash('sha256').update(`${proof.challenge}:${proof.solution}`).digest()))).toBeGreaterThanOrEqual(8);
  });
});

describe('api: session', () => {
  it('returns the session and keeps its CSRF token', async () => {
    const { calls } = installFakeApi({ 'GET /api/v1/auth/session': reply(200, sessionBody({}, { csrfToken: 'tok-9' })) });
    const session = await getSession();
    expect(session?.user.displayName).toBe('Nguyễn Văn A');
    expect(getCsrfToken()).toBe('tok-9');
    expect(calls[0]?.headers.has(CSRF_HEADER)).toBe(false); // GET carries no CSRF token
  });

  it('returns null when not signed in', async () => {
    installFakeApi({ 'GET /api/v1/auth/session': errorReply(401, 'unauthenticated') });
    await expect(getSession()).resolves.toBeNull();
    expect(getCsrfToken()).toBeNull();
  });
});

describe('api: errors', () => {
  it('turns the error shape into a typed ApiError with code and requestId', async () => {
    installFakeApi({ 'POST /api/v1/auth/login': errorReply(401, 'invalid_credentials', 'req-123') });
    const error = await caught(login({ username: 'a', password: 'b' }));
    expect(error.code).toBe('invalid_credentials');
    expect(error.status).toBe(401);
    expect(error.requestId).toBe('req-123');
    expect(error.message).toBe('english log text for invalid_credentials');
  });

  it('handles a non-JSON error body (e.g. a proxy page)', async () => {
    installFakeApi({
      'GET /api/v1/admin/overview': { status: 502, raw: '<html><body>Bad gateway</body></html>', headers: { 'X-Request-Id': 'edge-1' } },
    });
    const error = await caught(getAdminOverview());
    expect(error.code).toBe('unexpected_response');
    expect(error.status).toBe(502);
    expect(error.requestId).toBe('edge-1');
  });

  it('handles JSON that is not the error shape, and an empty body', async () => {
    installFakeApi({ 'GET /api/v1/admin/overview': reply(500, { oops: true }), 'POST /api/v1/auth/logout': { status: 500, raw: '' } });
    const first = await caught(getAdminOverview());
    expect(first.code).toBe('unexpected_response');
    expect(first.requestId).toBeNull();
    const second = await caught(logout());
    expect(second.code).toBe('unexpected_response');
  });

  it('reports a network failure as network_error', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    const error = await caught(getAdminOverview());
    expect(error.code).toBe('network_error');
    expect(error.status).toBe(0);
  });

  it('refuses a success answer of the wrong shape', async () => {
    installFakeApi({ 'GET /api/v1/admin/overview': reply(200, { ...overviewBody, database: 'oracle' }) });
    expect((await caught(getAdminOverview())).code).toBe('unexpected_response');
  });

  it('tells listeners about every failure', async () => {
    installFakeApi({ 'GET /api/v1/admin/overview': errorReply(403, 'password_change_required', 'r-5') });
    const seen: string[] = [];
    const stop = onApiError((error, request) => seen.push(`${request.method} ${request.path} ${error.code}`));
    await caught(getAdminOverview());
    stop();
    await caught(getAdminOverview());
    expect(seen).toEqual(['GET /admin/overview password_change_required']);
  });
});

describe('api: CSRF', () => {
  it('sends the token on POST but not on login', async () => {
    const { calls } = installFakeApi({
      'POST /api/v1/auth/login': reply(200, sessionBody({}, { csrfToken: 'after-login' })),
      'POST /api/v1/auth/password': reply(200, sessionBody({}, { csrfToken: 'after-change' })),
      'POST /api/v1/auth/logout': reply(204),
    });
    setCsrfToken('token-of-an-old-session'); // present, yet login must not send it
    await login({ username: 'nguyenvana', password: 'secret' });
    await changePassword({ currentPassword: 'secret', newPassword: 'N3w-Password!' });
    await logout();

    const [loginCall, changeCall, logoutCall] = calls;
    expect(loginCall?.headers.has(CSRF_HEADER)).toBe(false);
    expect(loginCall?.body).toEqual({ username: 'nguyenvana', password: 'secret' });
    expect(changeCall?.headers.get(CSRF_HEADER)).toBe('after-login');
    expect(changeCall?.body).toEqual({ currentPassword: 'secret', newPassword: 'N3w-Password!' });
    expect(logoutCall?.headers.get(CSRF_HEADER)).toBe('after-change');
    expect(getCsrfToken()).toBeNull();
  });

  it('treats a logout answered 401 as done', async () => {
    installFakeApi({ 'POST /api/v1/auth/logout': errorReply(401, 'unauthenticated') });
    await expect(logout()).resolves.toBeUndefined();
  });
});

describe('api: rooms', () => {
  it('creates a room with the CSRF header and checks the answer', async () => {
    setCsrfToken('tok-r');
    const { calls } = installFakeApi({ 'POST /api/v1/rooms': reply(201, createdBody({ title: 'Họp' })) });
    const created = await createRoom({ title: 'Họp', scheduledAt: null });
    expect(created.room.title).toBe('Họp');
    expect(created.inviteToken).toBe('Inv1te_Tok-en');
    expect(calls[0]?.headers.get(CSRF_HEADER)).toBe('tok-r');
    expect(calls[0]?.body).toEqual({ title: 'Họp', scheduledAt: null });
  });

  it('turns a malformed room into unexpected_response', async () => {
    const broken = { ...roomBody(), scheduledAt: '2026-05-14' };
    installFakeApi({ 'GET /api/v1/rooms': reply(200, { rooms: [roomBody(), broken] }) });
    expect((await caught(listRooms())).code).toBe('unexpected_response');
    installFakeApi({ 'POST /api/v1/rooms/482915306/invitation': reply(200, { inviteToken: 'x' }) });
    expect((await caught(renewInvitation('482915306'))).code).toBe('unexpected_response');
  });

  it('reports a refused deletion with its code', async () => {
    installFakeApi({ 'DELETE /api/v1/rooms/482915306': errorReply(409, 'meeting_in_progress', 'req-9') });
    const error = await caught(deleteRoom('482915306'));
    expect([error.code, error.status, error.requestId]).toEqual(['meeting_in_progress', 409, 'req-9']);
  });
});

describe('api: error facts and activity', () => {
  it('S1_4_keeps_the_numeric_facts_of_an_error', async () => {
    installFakeApi({ 'POST /api/v1/auth/login': errorReplyWith(401, 'invalid_credentials', { attemptsLeft: 2 }) });
    const error = await caught(login({ username: 'a', password: 'b' }));
    expect(error.fact('attemptsLeft')).toBe(2);
    expect(error.fact('lockedUntilMs')).toBeNull();
    expect(error.fact('toString')).toBeNull();
  });

  it('ignores facts that are not numbers', async () => {
    installFakeApi({
      'POST /api/v1/auth/login': {
        status: 423,
        body: { error: { code: 'account_locked', message: 'x', requestId: 'r', lockedUntilMs: 'soon', extra: { a: 1 } } },
      },
    });
    const error = await caught(login({ username: 'a', password: 'b' }));
    expect(error.code).toBe('account_locked');
    expect(error.facts).toEqual({});
  });

  it('S2_2_notes_the_time_of_every_answer_from_the_server', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(1_000_000);
      installFakeApi({ 'GET /api/v1/auth/session': errorReply(401, 'unauthenticated') });
      await getSession();
      expect(lastApiActivity()).toBe(1_000_000);
      vi.setSystemTime(2_000_000);
      vi.stubGlobal('fetch', () => Promise.reject(new TypeError('offline')));
      await caught(getSession());
      expect(lastApiActivity()).toBe(1_000_000); // no answer, no activity
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('api: security policy', () => {
  it('reads the policy', async () => {
    installFakeApi({ 'GET /api/v1/admin/security-policy': reply(200, { policy: defaultPolicy, updatedAt: null }) });
    await expect(getSecurityPolicy()).resolves.toEqual({ policy: defaultPolicy, updatedAt: null });
  });

  it('saves the whole document with the CSRF token', async () => {
    setCsrfToken('tok-p');
    const saved = { ...defaultPolicy, addressFailuresPerMinute: 20 };
    const { calls } = installFakeApi({
      'PUT /api/v1/admin/security-policy': (request) => reply(200, { policy: request.body, updatedAt: 1234 }),
    });
    await expect(saveSecurityPolicy(saved)).resolves.toEqual({ policy: saved, updatedAt: 1234 });
    expect(calls[0]?.headers.get(CSRF_HEADER)).toBe('tok-p');
    expect(calls[0]?.body).toEqual(saved);
  });

  it('refuses a malformed answer', async () => {
    installFakeApi({
      'GET /api/v1/admin/security-policy': reply(200, { policy: { ...defaultPolicy, lockout: { action: 'forever' } }, updatedAt: null }),
    });
    expect((await caught(getSecurityPolicy())).code).toBe('unexpected_response');
  });
});

describe('api: two-factor sign-in (TOTP)', () => {
  it('S1_1_login_answers_the_challenge_without_a_session_or_token', async () => {
    setCsrfToken(null);
    installFakeApi({ 'POST /api/v1/auth/login': reply(200, { secondFactor: 'totp', challenge: 'ch-1' }) });
    await expect(login({ username: 'a', password: 'b' })).resolves.toEqual({ secondFactor: 'totp', challenge: 'ch-1' });
    expect(getCsrfToken()).toBeNull();
  });

  it('S1_1_the_code_step_answers_the_session_and_sends_no_CSRF_header', async () => {
    setCsrfToken('stale');
    const { calls } = installFakeApi({ 'POST /api/v1/auth/login/totp': reply(200, sessionBody({ twoFactor: 'on' }, { csrfToken: 'tok-2' })) });
    const session = await loginWithCode({ challenge: 'ch-1', code: '123456' });
    expect(session.user.twoFactor).toBe('on');
    expect(getCsrfToken()).toBe('tok-2');
    expect(calls[0]?.body).toEqual({ challenge: 'ch-1', code: '123456' });
    expect(calls[0]?.headers.has(CSRF_HEADER)).toBe(false);
  });

  it('S1_4_keeps_attemptsLeft_of_a_wrong_code', async () => {
    installFakeApi({ 'POST /api/v1/auth/login/totp': errorReplyWith(401, 'invalid_code', { attemptsLeft: 3 }) });
    const error = await caught(loginWithCode({ challenge: 'c', code: '000000' }));
    expect([error.code, error.fact('attemptsLeft')]).toEqual(['invalid_code', 3]);
  });

  it('refuses a login answer of neither shape', async () => {
    installFakeApi({ 'POST /api/v1/auth/login': reply(200, { secondFactor: 'sms', challenge: 'x' }) });
    expect((await caught(login({ username: 'a', password: 'b' }))).code).toBe('unexpected_response');
  });

  it('enrols with the CSRF token: the seed, then the code, which answers the session', async () => {
    setCsrfToken('tok-e');
    const { calls } = installFakeApi({
      'POST /api/v1/auth/totp/enrolment': reply(200, { secret: 'JBSWY3DPEHPK3PXP', uri: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP' }),
      'POST /api/v1/auth/totp/enrolment/confirm': reply(200, sessionBody({ twoFactor: 'on' }, { csrfToken: 'tok-f' })),
    });
    await expect(beginTotpEnrolment()).resolves.toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      uri: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP',
    });
    const session = await confirmTotpEnrolment({ code: '123456' });
    expect(session.user.twoFactor).toBe('on');
    expect(calls.map((c) => c.headers.get(CSRF_HEADER))).toEqual(['tok-e', 'tok-e']);
    expect(calls[1]?.body).toEqual({ code: '123456' });
    expect(getCsrfToken()).toBe('tok-f');
  });

  it('refuses an enrolment answer without a usable seed', async () => {
    installFakeApi({ 'POST /api/v1/auth/totp/enrolment': reply(200, { secret: 'not base32!', uri: 'otpauth://totp/x' }) });
    expect((await caught(beginTotpEnrolment())).code).toBe('unexpected_response');
  });

  it('S2_4_disabling_sends_the_password_and_reports_two_factor_required', async () => {
    setCsrfToken('tok-d');
    const { calls } = installFakeApi({ 'POST /api/v1/auth/totp/disable': errorReply(403, 'two_factor_required', 'req-d') });
    const error = await caught(disableTotp({ password: 'Mật-khẩu' }));
    expect([error.code, error.status, error.requestId]).toEqual(['two_factor_required', 403, 'req-d']);
    expect(calls[0]?.body).toEqual({ password: 'Mật-khẩu' });
    expect(calls[0]?.headers.get(CSRF_HEADER)).toBe('tok-d');
  });
});
