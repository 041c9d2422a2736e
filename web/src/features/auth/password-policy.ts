// The password rules (S1.3(2)), checked in the browser so users see at once what is missing. The
// rules come from the session (`passwordRules`, set by the security policy); a server that does
// not send them gets the defaults below, which are the server's own defaults. Checked like the
// server (src/auth/password_policy.cpp): length counted in Unicode code points; classes are
// ASCII — a-z, A-Z, 0-9 — and any other character (punctuation, space, a Vietnamese letter such
// as "ă") counts as a symbol; the username may not appear in the password. The server is
// authoritative (it answers weak_password, or password_reused for a recent password).
import type { PasswordRules } from '../../lib/api-types';

export const DEFAULT_PASSWORD_RULES: PasswordRules = {
  minLength: 12,
  maxLength: 128,
  requireLower: true,
  requireUpper: true,
  requireDigit: true,
  requireSymbol: true,
  historyCount: 5,
};

export type PolicyRule = 'length' | 'lower' | 'upper' | 'digit' | 'symbol' | 'username';

const ALL_RULES: readonly PolicyRule[] = ['length', 'lower', 'upper', 'digit', 'symbol', 'username'];

/** The rules in force, in the order the form lists them: the classes only when required. */
export function activeRules(rules: PasswordRules = DEFAULT_PASSWORD_RULES): readonly PolicyRule[] {
  const required: Readonly<Record<PolicyRule, boolean>> = {
    length: true,
    lower: rules.requireLower,
    upper: rules.requireUpper,
    digit: rules.requireDigit,
    symbol: rules.requireSymbol,
    username: true,
  };
  return ALL_RULES.filter((rule) => required[rule]);
}

/** Which rules `password` meets (every rule, required or not; see activeRules). */
export function checkPassword(
  password: string,
  username = '',
  rules: PasswordRules = DEFAULT_PASSWORD_RULES,
): Readonly<Record<PolicyRule, boolean>> {
  const length = [...password].length;
  const name = username.trim().toLowerCase();
  return {
    length: length >= rules.minLength,
    lower: /[a-z]/.test(password),
    upper: /[A-Z]/.test(password),
    digit: /[0-9]/.test(password),
    symbol: /[^A-Za-z0-9]/.test(password),
    username: password !== '' && (name === '' || !password.toLowerCase().includes(name)),
  };
}

export function isTooLong(password: string, rules: PasswordRules = DEFAULT_PASSWORD_RULES): boolean {
  return [...password].length > rules.maxLength;
}

export function meetsPolicy(password: string, username = '', rules: PasswordRules = DEFAULT_PASSWORD_RULES): boolean {
  const result = checkPassword(password, username, rules);
  return activeRules(rules).every((rule) => result[rule]) && !isTooLong(password, rules);
}
