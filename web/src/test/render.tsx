import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nProvider } from '../lib/i18n/i18n';
import type { Language } from '../lib/i18n/translate';
import { SessionProvider } from '../lib/session';

/** Renders `ui` inside the providers the app uses (language fixed for the test). */
export function renderWithProviders(ui: ReactNode, lang: Language = 'vi'): RenderResult {
  return render(
    <I18nProvider initial={lang}>
      <SessionProvider>{ui}</SessionProvider>
    </I18nProvider>,
  );
}
