// React binding of the catalogues: the current language (default Vietnamese), persisted in
// localStorage and mirrored into <html lang> and the document title.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  DEFAULT_LANGUAGE,
  isLanguage,
  locale,
  translate,
  translatePlural,
  type Language,
  type MessageKey,
  type MessageParams,
  type PluralKeys,
} from './translate';

export { locale } from './translate';

export const LANGUAGE_STORAGE_KEY = 'dienhong.lang';

export interface I18n {
  readonly lang: Language;
  setLang(lang: Language): void;
  t(key: MessageKey, params?: MessageParams): string;
  /** The text for a count `n` (also the {n} placeholder) by the language's plural rules. */
  plural(keys: PluralKeys, n: number, params?: MessageParams): string;
  formatNumber(value: number): string;
  formatDateTime(epochMs: number): string;
}

const I18nContext = createContext<I18n | null>(null);

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    // Storage can be disabled by policy; the default language is then used.
    return DEFAULT_LANGUAGE;
  }
}

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [lang, setLangState] = useState<Language>(() => initial ?? readStoredLanguage());

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'app.name');
  }, [lang]);

  const setLang = useCallback((next: Language) => {
    setLangState(next);
    try {
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    } catch {
      // Not persisted when storage is unavailable; the choice still applies to this page.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const numberFormat = new Intl.NumberFormat(locale(lang));
    const dateFormat = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'medium' });
    return {
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      plural: (keys, n, params) => translatePlural(lang, keys, n, params),
      formatNumber: (n) => numberFormat.format(n),
      formatDateTime: (ms) => dateFormat.format(new Date(ms)),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useI18n outside I18nProvider');
  return value;
}
