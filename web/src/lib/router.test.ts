import { describe, expect, it } from 'vitest';
import { safeLocalPath } from './router';

describe('safeLocalPath', () => {
  it.each([
    ['/', '/'],
    ['/r/abc', '/r/abc'],
    ['/admin?tab=1', '/admin?tab=1'],
  ])('keeps same-origin path %j', (input, expected) => {
    expect(safeLocalPath(input)).toBe(expected);
  });

  it.each([null, '', 'r/abc', '//evil.example/x', '/\\evil.example/x', 'https://evil.example/', 'javascript:alert(1)', '/a\nb'])(
    'refuses %j',
    (input) => {
      expect(safeLocalPath(input)).toBeNull();
    },
  );
});
