// The security settings form's values, checked before sending with the server's own ranges and
// cross-field rules (src/auth/security_policy.cpp), so that the administrator sees which field to
// fix instead of a refused save.
import type { LockAction, SecurityPolicy, TwoFactorPolicy } from '../../lib/api-types';
import type { MessageKey } from '../../lib/i18n/translate';

export type PolicyNumberField =
  | 'minLength'
  | 'historyCount'
  | 'changeAfterDays'
  | 'validDays'
  | 'maxFailures'
  | 'windowMinutes'
  | 'lockMinutes'
  | 'addressFailuresPerMinute'
  | 'proofAfterFailures'
  | 'proofBits'
  | 'idleMinutes'
  | 'absoluteHours';

export interface Range {
  readonly min: number;
  readonly max: number;
}

/** The server's ranges, in the order the form shows the fields. */
export const POLICY_RANGES: Readonly<Record<PolicyNumberField, Range>> = {
  minLength: { min: 8, max: 64 },
  historyCount: { min: 0, max: 24 },
  changeAfterDays: { min: 0, max: 3650 },
  validDays: { min: 0, max: 3650 },
  maxFailures: { min: 1, max: 100 },
  windowMinutes: { min: 1, max: 1440 },
  lockMinutes: { min: 1, max: 43_200 },
  addressFailuresPerMinute: { min: 1, max: 1000 },
  proofAfterFailures: { min: 1, max: 100 },
  proofBits: { min: 8, max: 24 },
  idleMinutes: { min: 1, max: 10_080 },
  absoluteHours: { min: 1, max: 2160 },
};

const NUMBER_FIELDS = Object.keys(POLICY_RANGES) as PolicyNumberField[];

export interface PolicyFormValues {
  /** As typed. */
  readonly numbers: Readonly<Record<PolicyNumberField, string>>;
  readonly requireLower: boolean;
  readonly requireUpper: boolean;
  readonly requireDigit: boolean;
  readonly requireSymbol: boolean;
  readonly action: LockAction;
  /** Which groups must sign in with a second factor; sent as the policy's `twoFactor`. */
  readonly twoFactor: TwoFactorPolicy;
}

export type TwoFactorField = keyof TwoFactorPolicy;

export type PolicyCheck =
  | { readonly ok: true; readonly policy: SecurityPolicy }
  | {
      readonly ok: false;
      readonly field: PolicyNumberField;
      readonly key: MessageKey;
      /** For console.security.error.range; the form adds the field's label. */
      readonly range: Range | null;
    };

export function formFromPolicy(policy: SecurityPolicy): PolicyFormValues {
  const { password, lockout, session } = policy;
  const numbers: Record<PolicyNumberField, number> = {
    minLength: password.minLength,
    historyCount: password.historyCount,
    changeAfterDays: password.changeAfterDays,
    validDays: password.validDays,
    maxFailures: lockout.maxFailures,
    windowMinutes: lockout.windowMinutes,
    lockMinutes: lockout.lockMinutes,
    addressFailuresPerMinute: policy.addressFailuresPerMinute,
    proofAfterFailures: policy.proofOfWork.afterFailures,
    proofBits: policy.proofOfWork.bits,
    idleMinutes: session.idleMinutes,
    absoluteHours: session.absoluteHours,
  };
  return {
    numbers: Object.fromEntries(NUMBER_FIELDS.map((field) => [field, String(numbers[field])])) as Record<
      PolicyNumberField,
      string
    >,
    requireLower: password.requireLower,
    requireUpper: password.requireUpper,
    requireDigit: password.requireDigit,
    requireSymbol: password.requireSymbol,
    action: lockout.action,
    twoFactor: {
      requiredForUsers: policy.twoFactor.requiredForUsers,
      requiredForMeetingAdmins: policy.twoFactor.requiredForMeetingAdmins,
      requiredForSystemAdmins: policy.twoFactor.requiredForSystemAdmins,
    },
  };
}

/** A whole number written with digits only (spaces around allowed), or null. */
export function parseWholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,9}$/.test(trimmed)) return null;
  return Number(trimmed);
}

/**
 * Checks the form; the first field at fault, in the form's order, is reported. `lockMinutes` is
 * not used by an "until unlocked" lock, so it is then only checked when valid and otherwise
 * replaced by `savedLockMinutes` (the server requires every field in range).
 */
export function checkPolicyForm(values: PolicyFormValues, savedLockMinutes: number): PolicyCheck {
  const parsed: Partial<Record<PolicyNumberField, number>> = {};
  for (const field of NUMBER_FIELDS) {
    const range = POLICY_RANGES[field];
    const value = parseWholeNumber(values.numbers[field]);
    if (value === null || value < range.min || value > range.max) {
      if (field === 'lockMinutes' && values.action === 'until_unlocked') {
        parsed[field] = savedLockMinutes;
        continue;
      }
      return { ok: false, field, key: 'console.security.error.range', range };
    }
    parsed[field] = value;
  }
  const n = parsed as Record<PolicyNumberField, number>;
  if (n.changeAfterDays > 0 && n.validDays > 0 && n.changeAfterDays >= n.validDays) {
    return { ok: false, field: 'changeAfterDays', key: 'console.security.error.changeAfterValid', range: null };
  }
  if (n.idleMinutes > n.absoluteHours * 60) {
    return { ok: false, field: 'idleMinutes', key: 'console.security.error.idleAbsolute', range: null };
  }
  return {
    ok: true,
    policy: {
      password: {
        minLength: n.minLength,
        requireLower: values.requireLower,
        requireUpper: values.requireUpper,
        requireDigit: values.requireDigit,
        requireSymbol: values.requireSymbol,
        historyCount: n.historyCount,
        changeAfterDays: n.changeAfterDays,
        validDays: n.validDays,
      },
      lockout: {
        maxFailures: n.maxFailures,
        windowMinutes: n.windowMinutes,
        action: values.action,
        lockMinutes: n.lockMinutes,
      },
      addressFailuresPerMinute: n.addressFailuresPerMinute,
      proofOfWork: { afterFailures: n.proofAfterFailures, bits: n.proofBits },
      session: { idleMinutes: n.idleMinutes, absoluteHours: n.absoluteHours },
      twoFactor: {
        requiredForUsers: values.twoFactor.requiredForUsers,
        requiredForMeetingAdmins: values.twoFactor.requiredForMeetingAdmins,
        requiredForSystemAdmins: values.twoFactor.requiredForSystemAdmins,
      },
    },
  };
}
