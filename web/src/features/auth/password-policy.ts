// The default password policy of S1.3(2), checked in the browser so users see at once what is
// missing. It mirrors the server's defaults (src/auth/password_policy.cpp): length counted in
// Unicode code points; classes are ASCII — a-z, A-Z, 0-9 — and any other character (punctuation,
// space, a Vietnamese letter such as "ă") counts as a symbol; the username may not appear in the
// password. The server is authoritative (it answers weak_password); its policy will become
// configurable, at which point these rules should come from the server.

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

export type PolicyRule = 'length' | 'lower' | 'upper' | 'digit' | 'symbol' | 'username';

export const POLICY_RULES: readonly PolicyRule[] = ['length', 'lower', 'upper', 'digit', 'symbol', 'username'];

export function checkPassword(password: string, username = ''): Readonly<Record<PolicyRule, boolean>> {
  const length = [...password].length;
  const name = username.trim().toLowerCase();
  return {
    length: length >= MIN_PASSWORD_LENGTH,
    lower: /[a-z]/.test(password),
    upper: /[A-Z]/.test(password),
    digit: /[0-9]/.test(password),
    symbol: /[^A-Za-z0-9]/.test(password),
    username: password !== '' && (name === '' || !password.toLowerCase().includes(name)),
  };
}

export function isTooLong(password: string): boolean {
  return [...password].length > MAX_PASSWORD_LENGTH;
}

export function meetsPolicy(password: string, username = ''): boolean {
  const result = checkPassword(password, username);
  return POLICY_RULES.every((rule) => result[rule]) && !isTooLong(password);
}
