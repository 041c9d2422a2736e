import { describe, expect, it } from 'vitest';
import { sessionBody } from '../test/fake-api';
import {
  isLoginResponse,
  isSecondFactorChallenge,
  isSessionResponse,
  isTotpEnrolment,
  isTwoFactorStatus,
  mustSetUpTwoFactor,
} from './api-types';

describe('api-types: two-factor sign-in', () => {
  it('reads user.twoFactor, absent on older servers', () => {
    for (const status of ['off', 'on', 'setup_required'] as const) {
      expect(isSessionResponse(sessionBody({ twoFactor: status })), status).toBe(true);
      expect(isTwoFactorStatus(status)).toBe(true);
    }
    expect(isSessionResponse(sessionBody())).toBe(true);
    const odd = sessionBody();
    expect(isSessionResponse({ ...odd, user: { ...odd.user, twoFactor: 'maybe' } })).toBe(false);
    expect(isSessionResponse({ ...odd, user: { ...odd.user, twoFactor: true } })).toBe(false);
    expect(mustSetUpTwoFactor({ twoFactor: 'setup_required' })).toBe(true);
    expect(mustSetUpTwoFactor({ twoFactor: 'on' })).toBe(false);
    expect(mustSetUpTwoFactor({})).toBe(false);
  });

  it('tells the second-factor answer of login from a session', () => {
    const challenge = { secondFactor: 'totp', challenge: 'c-123' };
    expect(isSecondFactorChallenge(challenge)).toBe(true);
    expect(isLoginResponse(challenge)).toBe(true);
    expect(isSecondFactorChallenge(sessionBody())).toBe(false);
    expect(isLoginResponse(sessionBody())).toBe(true);
    for (const bad of [
      { secondFactor: 'sms', challenge: 'c' },
      { secondFactor: 'totp', challenge: '' },
      { secondFactor: 'totp' },
      { secondFactor: 'totp', challenge: 42 },
      null,
      [],
    ]) {
      expect(isLoginResponse(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('checks the enrolment answer: base32 secret and otpauth URI', () => {
    expect(isTotpEnrolment({ secret: 'JBSWY3DPEHPK3PXP', uri: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP' })).toBe(true);
    expect(isTotpEnrolment({ secret: 'jbswy3dp', uri: 'otpauth://totp/x' })).toBe(false);
    expect(isTotpEnrolment({ secret: 'JBSW Y3DP', uri: 'otpauth://totp/x' })).toBe(false);
    expect(isTotpEnrolment({ secret: 'JBSWY3DP', uri: 'https://evil.example/' })).toBe(false);
    expect(isTotpEnrolment({ secret: 'JBSWY3DP' })).toBe(false);
  });
});
