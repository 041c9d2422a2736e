import { describe, expect, it } from 'vitest';
import { en } from './en';
import { errorMessageKey, translate, translatePlural } from './translate';
import { vi } from './vi';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  it('have identical key sets in vi and en', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('have no empty strings', () => {
    for (const catalogue of [vi, en]) {
      for (const [key, text] of Object.entries(catalogue)) {
        expect(text.trim(), key).not.toBe('');
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
    }
  });

  it('write Vietnamese with diacritics', () => {
    expect(vi['error.generic']).toBe('Đã xảy ra lỗi');
    expect(vi['error.requestId']).toBe('Mã yêu cầu: {id}');
    expect(vi['password.forced']).toBe('Bạn phải đổi mật khẩu trước khi tiếp tục.');
    // A catalogue copied from English would fail this: most Vietnamese texts carry a diacritic.
    const texts = Object.values(vi);
    const withDiacritics = texts.filter((text) => /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i.test(text));
    expect(withDiacritics.length / texts.length).toBeGreaterThan(0.8);
  });
});

describe('translate', () => {
  it('fills placeholders with plain text', () => {
    expect(translate('en', 'error.requestId', { id: '<b>x</b>' })).toBe('Request ID: <b>x</b>');
    expect(translate('vi', 'duration.days', { n: 2 })).toBe('2 ngày');
  });

  it('maps error codes to catalogue keys with a generic fallback', () => {
    expect(errorMessageKey('invalid_credentials')).toBe('errorCode.invalid_credentials');
    expect(errorMessageKey('invalid_credentials', 'password')).toBe('errorCode.password.invalid_credentials');
    expect(errorMessageKey('rate_limited', 'password')).toBe('errorCode.rate_limited');
    expect(errorMessageKey('something_new')).toBe('error.generic');
    expect(errorMessageKey('toString')).toBe('error.generic');
    expect(errorMessageKey('requestId')).toBe('error.generic');
    expect(errorMessageKey('generic')).toBe('error.generic');
    expect(errorMessageKey('password.invalid_credentials')).toBe('error.generic');
  });
});

describe('translatePlural', () => {
  const keys = { one: 'login.attemptsLeft.one', other: 'login.attemptsLeft.other' } as const;

  it('follows the language plural rules and fills {n}', () => {
    expect(translatePlural('en', keys, 1)).toBe('1 attempt left before the account is locked.');
    expect(translatePlural('en', keys, 2)).toBe('2 attempts left before the account is locked.');
    expect(translatePlural('en', keys, 0)).toBe('0 attempts left before the account is locked.');
    // Vietnamese nouns do not change with the count.
    expect(translatePlural('vi', keys, 1)).toBe('Còn 1 lần thử trước khi tài khoản bị khóa.');
    expect(translatePlural('vi', keys, 3)).toBe('Còn 3 lần thử trước khi tài khoản bị khóa.');
  });
});
