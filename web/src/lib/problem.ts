// What a form or page shows when something failed: a catalogue key and, for server errors, the
// request ID users can quote to support. Never the server's English message (S4.3).
import { ApiError } from './api';
import { errorMessageKey, type MessageKey } from './i18n/translate';

export interface Problem {
  readonly key: MessageKey;
  readonly requestId: string | null;
}

export function localProblem(key: MessageKey): Problem {
  return { key, requestId: null };
}

export function problemFrom(error: unknown, context?: string): Problem {
  if (error instanceof ApiError) return { key: errorMessageKey(error.code, context), requestId: error.requestId };
  return { key: 'error.generic', requestId: null };
}
