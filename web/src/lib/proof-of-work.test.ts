import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leadingZeroBits, solveProofOfWork } from './proof-of-work';

const digest = (text: string) => new Uint8Array(createHash('sha256').update(text).digest());

describe('proof of work (S1.6)', () => {
  it('counts the leading zero bits of a digest', () => {
    expect(leadingZeroBits(new Uint8Array([0, 0, 0x80]))).toBe(16);
    expect(leadingZeroBits(new Uint8Array([0, 0x01]))).toBe(15);
    expect(leadingZeroBits(new Uint8Array([0xff]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array(32))).toBe(256);
  });

  it('finds the smallest solution, as an independent SHA-256 confirms', () => {
    const challenge = 'v1.1800000120000.12.00112233445566778899aabbccddeeff.cafe';
    const solution = solveProofOfWork(challenge, 12);
    expect(solution).toMatch(/^(0|[1-9]\d*)$/);
    expect(leadingZeroBits(digest(`${challenge}:${solution}`))).toBeGreaterThanOrEqual(12);
    for (let n = 0; n < Number(solution); n++) {
      expect(leadingZeroBits(digest(`${challenge}:${n}`))).toBeLessThan(12);
    }
  });

  it('gives up after the bound', () => {
    expect(() => solveProofOfWork('v1.x', 64, 1000)).toThrow(/no solution within 1000 tries/);
  });
});
