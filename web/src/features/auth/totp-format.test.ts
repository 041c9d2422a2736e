import { describe, expect, it } from 'vitest';
import { groupSecret, normaliseCode } from './totp-format';

describe('TOTP code and secret formats', () => {
  it('S1_1_accepts_six_digits_with_or_without_spaces', () => {
    expect(normaliseCode('123456')).toBe('123456');
    expect(normaliseCode(' 123 456 ')).toBe('123456');
    expect(normaliseCode('012345')).toBe('012345');
  });

  it('S4_1_refuses_anything_but_six_digits', () => {
    for (const typed of ['', '12345', '1234567', '12345a', '１２３４５６', '123-456', '١٢٣٤٥٦']) {
      expect(normaliseCode(typed), typed).toBeNull();
    }
  });

  it('groups the base32 secret in fours for typing', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('JBSWY3DPEHPK3PXPAB')).toBe('JBSW Y3DP EHPK 3PXP AB');
    expect(groupSecret('MZXW6===')).toBe('MZXW 6');
    expect(groupSecret('')).toBe('');
  });
});
