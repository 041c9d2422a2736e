// Runs before every test file: a clean DOM, no CSRF token, nothing stored, location "/".
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { setCsrfToken } from '../lib/api';

afterEach(() => {
  cleanup();
  setCsrfToken(null);
  window.localStorage.clear();
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
  document.documentElement.lang = '';
});
