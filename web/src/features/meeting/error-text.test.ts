import { describe, expect, it } from 'vitest';
import { errorMessageKey, translate } from '../../lib/i18n/translate';
import { SERVER_ERROR_CODES, type ClientErrorCode } from '../../lib/signaling/messages';
import { MEDIA_FAILED, SESSION_END_CODES } from './meeting-session';

const shownClientCodes: readonly ClientErrorCode[] = ['timeout', 'connection_lost', 'network_error', 'protocol_mismatch'];

describe('meeting error texts', () => {
  it('exist in both languages for every code of docs/signaling.md and every client code the page shows', () => {
    for (const code of [...SERVER_ERROR_CODES, ...shownClientCodes, MEDIA_FAILED, ...SESSION_END_CODES]) {
      const key = errorMessageKey(code, 'meeting');
      expect(key, code).not.toBe('error.generic');
      expect(translate('vi', key), code).not.toBe(translate('en', key));
    }
  });

  it('fall back to the generic text for a code the server adds later', () => {
    expect(errorMessageKey('brand_new_code', 'meeting')).toBe('error.generic');
  });
});
