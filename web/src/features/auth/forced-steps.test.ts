import { describe, expect, it } from 'vitest';
import { afterLoginPath, forcedStepPath } from './forced-steps';

const q = (query = '') => new URLSearchParams(query);
const free = { mustChangePassword: false, twoFactor: 'off' } as const;
const mustChange = { mustChangePassword: true, twoFactor: 'off' } as const;
const mustEnrol = { mustChangePassword: false, twoFactor: 'setup_required' } as const;
const both = { mustChangePassword: true, twoFactor: 'setup_required' } as const;

describe('after signing in', () => {
  it('goes to `next` (same origin only) or home', () => {
    expect(afterLoginPath(free, '/r/482915306')).toBe('/r/482915306');
    expect(afterLoginPath(free, null)).toBe('/');
    expect(afterLoginPath(free, '//evil.example/x')).toBe('/');
    expect(afterLoginPath({ mustChangePassword: false }, '/x')).toBe('/x'); // older server: no twoFactor
  });

  it('S1_3_1_changes_the_password_first_keeping_next', () => {
    expect(afterLoginPath(mustChange, '/r/482915306')).toBe('/change-password?next=%2Fr%2F482915306');
    expect(afterLoginPath(both, null)).toBe('/change-password');
  });

  it('S1_1_enrols_the_second_factor_the_policy_requires_keeping_next', () => {
    expect(afterLoginPath(mustEnrol, '/r/482915306')).toBe('/account/security?next=%2Fr%2F482915306');
    expect(afterLoginPath(mustEnrol, null)).toBe('/account/security');
  });
});

describe('pages a forced step leaves', () => {
  it('leaves nothing when nothing is forced', () => {
    expect(forcedStepPath(free, '/', q())).toBeNull();
    expect(forcedStepPath(free, '/account/security', q())).toBeNull();
  });

  it('S1_3_1_keeps_only_the_change_password_page_while_a_change_is_required', () => {
    expect(forcedStepPath(mustChange, '/change-password', q())).toBeNull();
    expect(forcedStepPath(mustChange, '/', q())).toBe('/change-password');
    expect(forcedStepPath(mustChange, '/login', q('next=%2Fr%2F482915306'))).toBe('/change-password?next=%2Fr%2F482915306');
    // The password comes before the second factor.
    expect(forcedStepPath(both, '/account/security', q())).toBe('/change-password');
  });

  it('S1_1_keeps_only_the_enrolment_page_while_a_second_factor_is_required', () => {
    expect(forcedStepPath(mustEnrol, '/account/security', q('next=%2Fx'))).toBeNull();
    expect(forcedStepPath(mustEnrol, '/', q())).toBe('/account/security');
    expect(forcedStepPath(mustEnrol, '/r/482915306', q('t=abc'))).toBe('/account/security?next=%2Fr%2F482915306%3Ft%3Dabc');
    expect(forcedStepPath(mustEnrol, '/login', q('next=%2Fr%2F1'))).toBe('/account/security?next=%2Fr%2F1');
    // Right after the password change, the change page's `next` carries on.
    expect(forcedStepPath(mustEnrol, '/change-password', q('next=%2Fr%2F1'))).toBe('/account/security?next=%2Fr%2F1');
    expect(forcedStepPath(mustEnrol, '/login', q('next=%2F%2Fevil.example'))).toBe('/account/security');
  });
});
