// Runs before every test file: a clean DOM, no CSRF token, no stored language, location "/".
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { setCsrfToken } from '../lib/api';

afterEach(() => {
  cleanup();
  setCsrfToken(null);
  window.localStorage.clear();
  window.history.replaceState(null, '', '/');
  document.documentElement.lang = '';
});
