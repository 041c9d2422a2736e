// What a form or page shows when something failed: a catalogue key (with its placeholders) and,
// for server errors, the request ID users can quote to support. Never the server's English
// message (S4.3).
import { ApiError } from './api';
import { errorMessageKey, type MessageKey, type MessageParams } from './i18n/translate';

export interface Problem {
  readonly key: MessageKey;
  readonly requestId: string | null;
  /** Plain-text values of the key's {placeholders}. */
  readonly params?: MessageParams;
}

export function localProblem(key: MessageKey, params?: MessageParams): Problem {
  return params === undefined ? { key, requestId: null } : { key, requestId: null, params };
}

export function problemFrom(error: unknown, context?: string): Problem {
  if (error instanceof ApiError) return { key: errorMessageKey(error.code, context), requestId: error.requestId };
  return { key: 'error.generic', requestId: null };
}
