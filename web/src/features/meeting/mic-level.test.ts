import { describe, expect, it } from 'vitest';
import { levelFromSamples } from './mic-level';

const constant = (amplitude: number, length = 256) => new Float32Array(length).fill(amplitude);

describe('levelFromSamples', () => {
  it('maps the RMS in dBFS onto 0–100: -60 dBFS is 0, -10 dBFS is 100', () => {
    expect(levelFromSamples(constant(0))).toBe(0);
    expect(levelFromSamples(constant(0.001))).toBe(0);
    expect(levelFromSamples(constant(0.01))).toBe(40);
    expect(levelFromSamples(constant(-0.1))).toBe(80);
    expect(levelFromSamples(constant(10 ** (-10 / 20)))).toBe(100);
    expect(levelFromSamples(constant(1))).toBe(100);
    expect(levelFromSamples(new Float32Array(0))).toBe(0);
  });
});
