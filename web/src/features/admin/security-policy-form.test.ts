import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../test/fake-api';
import { checkPolicyForm, formFromPolicy, parseWholeNumber, POLICY_RANGES, type PolicyFormValues } from './security-policy-form';

const form = formFromPolicy(defaultPolicy);

function withNumbers(numbers: Partial<PolicyFormValues['numbers']>, values: PolicyFormValues = form): PolicyFormValues {
  return { ...values, numbers: { ...values.numbers, ...numbers } };
}

describe('security policy form', () => {
  it('round-trips the policy document unchanged', () => {
    expect(form.numbers.minLength).toBe('12');
    expect(form.action).toBe('lock_for');
    expect(checkPolicyForm(form, 15)).toEqual({ ok: true, policy: defaultPolicy });
  });

  it('reads whole numbers only', () => {
    expect(parseWholeNumber(' 42 ')).toBe(42);
    for (const text of ['', '-1', '1.5', '1e3', '0x10', 'mười', '1 000']) expect(parseWholeNumber(text)).toBeNull();
  });

  it.each(Object.entries(POLICY_RANGES))('S1_4_checks_the_range_of_%s', (field, range) => {
    for (const bad of [range.min - 1, range.max + 1]) {
      expect(checkPolicyForm(withNumbers({ [field]: String(bad) }), 15)).toEqual({
        ok: false,
        field,
        key: 'console.security.error.range',
        range,
      });
    }
    // Both ends are valid (the other fields set so that no cross-field rule objects).
    const lenient = { changeAfterDays: '0', validDays: '0', idleMinutes: '1', absoluteHours: '2160' };
    for (const good of [range.min, range.max]) {
      expect(checkPolicyForm(withNumbers({ ...lenient, [field]: String(good) }), 15).ok).toBe(true);
    }
  });

  it('reports the first field at fault in the form order', () => {
    const result = checkPolicyForm(withNumbers({ validDays: 'x', minLength: '7', idleMinutes: '0' }), 15);
    expect(result.ok === false && result.field).toBe('minLength');
  });

  it('S1_3_wants_the_change_suggestion_before_the_expiry', () => {
    expect(checkPolicyForm(withNumbers({ changeAfterDays: '90', validDays: '90' }), 15)).toMatchObject({
      ok: false,
      field: 'changeAfterDays',
      key: 'console.security.error.changeAfterValid',
      range: null,
    });
    // Either one off: no constraint.
    expect(checkPolicyForm(withNumbers({ changeAfterDays: '400', validDays: '0' }), 15).ok).toBe(true);
    expect(checkPolicyForm(withNumbers({ changeAfterDays: '0', validDays: '1' }), 15).ok).toBe(true);
  });

  it('S2_2_keeps_the_idle_timeout_within_the_session_lifetime', () => {
    expect(checkPolicyForm(withNumbers({ idleMinutes: '721', absoluteHours: '12' }), 15)).toMatchObject({
      ok: false,
      field: 'idleMinutes',
      key: 'console.security.error.idleAbsolute',
    });
    expect(checkPolicyForm(withNumbers({ idleMinutes: '720', absoluteHours: '12' }), 15).ok).toBe(true);
  });

  it('S1_4_an_until_unlocked_lock_ignores_an_unusable_lock_duration', () => {
    const untilUnlocked: PolicyFormValues = { ...withNumbers({ lockMinutes: '' }), action: 'until_unlocked' };
    const result = checkPolicyForm(untilUnlocked, 15);
    expect(result.ok && result.policy.lockout).toEqual({
      maxFailures: 5,
      windowMinutes: 15,
      action: 'until_unlocked',
      lockMinutes: 15,
    });
    expect(checkPolicyForm({ ...untilUnlocked, action: 'lock_for' }, 15)).toMatchObject({ ok: false, field: 'lockMinutes' });
  });
});
