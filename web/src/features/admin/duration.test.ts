import { describe, expect, it } from 'vitest';
import { translate } from '../../lib/i18n/translate';
import { formatDuration } from './duration';

const vi = (s: number) => formatDuration(s, (key, params) => translate('vi', key, params));
const en = (s: number) => formatDuration(s, (key, params) => translate('en', key, params));

describe('formatDuration', () => {
  it('shows seconds below a minute', () => {
    expect(vi(0)).toBe('0 giây');
    expect(en(59)).toBe('59 s');
  });

  it('shows days, hours and minutes, skipping empty units', () => {
    expect(vi(2 * 86_400 + 3 * 3_600 + 4 * 60 + 5)).toBe('2 ngày 3 giờ 4 phút');
    expect(en(86_400 + 60)).toBe('1 d 1 min');
    expect(en(3_600)).toBe('1 h');
    expect(en(86_400)).toBe('1 d');
    expect(en(61)).toBe('1 min');
  });

  it('treats negative or fractional input sanely', () => {
    expect(en(-5)).toBe('0 s');
    expect(en(90.9)).toBe('1 min');
  });
});
