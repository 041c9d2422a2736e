// The catalogue key for a refusal shown in a panel or dialog: a form-specific text
// (`errorCode.meeting.<form>.<code>`) when there is one, else the meeting's text for the code.
import { errorMessageKey, isMessageKey, type MessageKey } from '../../lib/i18n/translate';

export function panelErrorKey(code: string, form?: string): MessageKey {
  if (form !== undefined && /^[a-z0-9_]+$/.test(code)) {
    const specific = `errorCode.meeting.${form}.${code}`;
    if (isMessageKey(specific)) return specific;
  }
  return errorMessageKey(code, 'meeting');
}
