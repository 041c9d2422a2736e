import { describe, expect, it } from 'vitest';
import { translate } from '../../lib/i18n/translate';
import { panelErrorKey } from './panel-error';

describe('panelErrorKey', () => {
  it('prefers the form’s own text, then the meeting’s, then the generic one', () => {
    expect(panelErrorKey('invalid_message', 'settings')).toBe('errorCode.meeting.settings.invalid_message');
    expect(panelErrorKey('forbidden', 'settings')).toBe('errorCode.meeting.forbidden');
    expect(panelErrorKey('chat_rate_limited')).toBe('errorCode.meeting.chat_rate_limited');
    expect(panelErrorKey('brand_new', 'settings')).toBe('error.generic');
    expect(panelErrorKey('x.y', 'settings')).toBe('error.generic');
  });

  it('has texts in both languages for the panels’ own codes', () => {
    for (const key of [panelErrorKey('invalid_settings'), panelErrorKey('invalid_message', 'settings')]) {
      expect(translate('vi', key)).not.toBe(translate('en', key));
      expect(key).not.toBe('error.generic');
    }
  });
});
