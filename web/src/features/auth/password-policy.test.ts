import { describe, expect, it } from 'vitest';
import { activeRules, checkPassword, DEFAULT_PASSWORD_RULES, meetsPolicy } from './password-policy';

describe('password policy', () => {
  it('accepts a password with every class and 12 characters', () => {
    expect(meetsPolicy('Abcdefgh1!xy')).toBe(true);
    expect(meetsPolicy('Mật-khẩu-2025')).toBe(true);
  });

  it.each([
    ['Abcdefg1!xy', 'length'],
    ['ABCDEFGH1!XY', 'lower'],
    ['abcdefgh1!xy', 'upper'],
    ['Abcdefghi!xy', 'digit'],
    ['Abcdefgh1xyz', 'symbol'],
  ] as const)('refuses %j (missing %s)', (password, rule) => {
    expect(meetsPolicy(password)).toBe(false);
    expect(checkPassword(password)[rule]).toBe(false);
  });

  it('classifies like the server: ASCII classes, other letters count as symbols', () => {
    // "ăâđ" are not a-z for the server, so they do not satisfy "lower-case" but do give a symbol.
    expect(checkPassword('ĂÂĐăâđ123456')).toMatchObject({ lower: false, upper: false, symbol: true });
    expect(meetsPolicy('Ađa456789012')).toBe(true);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(checkPassword('Aa1!' + '😀'.repeat(8)).length).toBe(true);
    // 11 characters, 18 UTF-16 units: String.length would wrongly pass it.
    expect(checkPassword('Aa1!' + '😀'.repeat(7)).length).toBe(false);
  });

  it('refuses a password containing the username, in any case', () => {
    expect(checkPassword('Xx-NguyenVanA-1', 'nguyenvana').username).toBe(false);
    expect(meetsPolicy('Xx-NguyenVanA-1', 'nguyenvana')).toBe(false);
    expect(meetsPolicy('Xx-NguyenVanA-1', 'tranthib')).toBe(true);
  });

  it('refuses more than 128 characters', () => {
    expect(meetsPolicy('Aa1!' + 'x'.repeat(124))).toBe(true);
    expect(meetsPolicy('Aa1!' + 'x'.repeat(125))).toBe(false);
  });
});

describe('password policy from the server (S1.3)', () => {
  const relaxed = { ...DEFAULT_PASSWORD_RULES, minLength: 8, requireUpper: false, requireSymbol: false };

  it('lists only the required classes', () => {
    expect(activeRules()).toEqual(['length', 'lower', 'upper', 'digit', 'symbol', 'username']);
    expect(activeRules(relaxed)).toEqual(['length', 'lower', 'digit', 'username']);
  });

  it('checks the configured minimum length and classes', () => {
    expect(meetsPolicy('abcdefg1', '', relaxed)).toBe(true);
    expect(meetsPolicy('abcdef1', '', relaxed)).toBe(false);
    expect(meetsPolicy('abcdefgh', '', relaxed)).toBe(false); // a digit is still required
    expect(meetsPolicy('Abcdefgh1!xy', '', { ...DEFAULT_PASSWORD_RULES, minLength: 16 })).toBe(false);
  });

  it('checks the configured maximum length', () => {
    expect(meetsPolicy('Aa1!' + 'x'.repeat(16), '', { ...DEFAULT_PASSWORD_RULES, maxLength: 20 })).toBe(true);
    expect(meetsPolicy('Aa1!' + 'x'.repeat(17), '', { ...DEFAULT_PASSWORD_RULES, maxLength: 20 })).toBe(false);
  });
});
