// Pure translation helpers, independent of React so that they can be tested directly.
import { en } from './en';
import { vi, type MessageKey } from './vi';

export type { MessageKey } from './vi';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

export type Catalogue = Readonly<Record<MessageKey, string>>;

export const catalogues: Readonly<Record<Language, Catalogue>> = { vi, en };

export type MessageParams = Readonly<Record<string, string | number>>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The BCP 47 locale used to format numbers and dates in a language. */
export function locale(lang: Language): string {
  return lang === 'vi' ? 'vi-VN' : 'en-GB';
}

/** Keys of a text whose wording depends on a count: "1 attempt" / "2 attempts". */
export interface PluralKeys {
  readonly one: MessageKey;
  readonly other: MessageKey;
}

/**
 * The text for `n` by the language's plural rules (Vietnamese has one form; both keys exist in
 * every catalogue so that the key sets stay equal). `n` also fills the {n} placeholder.
 */
export function translatePlural(lang: Language, keys: PluralKeys, n: number, params?: MessageParams): string {
  const category = new Intl.PluralRules(locale(lang)).select(n);
  return translate(lang, category === 'one' ? keys.one : keys.other, { n, ...params });
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.prototype.hasOwnProperty.call(vi, value);
}

/** Looks a key up and fills {placeholders} with plain text (the result is never parsed as HTML). */
export function translate(lang: Language, key: MessageKey, params?: MessageParams): string {
  const template = catalogues[lang][key];
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * The catalogue key for a stable error code from the server. A context (e.g. "password") lets a
 * form give a more precise text for the same code; unknown codes fall back to the generic text.
 */
export function errorMessageKey(code: string, context?: string): MessageKey {
  // Codes are snake_case; anything else (or a code without a text) gets the generic text.
  if (!/^[a-z0-9_]+$/.test(code)) return 'error.generic';
  if (context !== undefined) {
    const specific = `errorCode.${context}.${code}`;
    if (isMessageKey(specific)) return specific;
  }
  const general = `errorCode.${code}`;
  return isMessageKey(general) ? general : 'error.generic';
}
