import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES } from '../../lib/api-types';
import { translate } from '../../lib/i18n/translate';
import { AUDIT_CATEGORIES, AUDIT_OUTCOMES, FORWARDING_STATES } from './admin-types';
import { CATEGORY_TEXT, FORWARDING_TEXT, OUTCOME_TEXT, PERMISSION_TEXT, ROLE_TEXT, textOf } from './labels';
import { problemText } from './problem-text';

const vi = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('vi', key, params);

describe('console labels', () => {
  it('has a text for every fixed value of the API', () => {
    expect(Object.keys(ROLE_TEXT).sort()).toEqual([...ROLES].sort());
    expect(Object.keys(PERMISSION_TEXT).sort()).toEqual([...PERMISSIONS].sort());
    expect(Object.keys(CATEGORY_TEXT).sort()).toEqual([...AUDIT_CATEGORIES].sort());
    expect(Object.keys(OUTCOME_TEXT).sort()).toEqual([...AUDIT_OUTCOMES].sort());
    expect(Object.keys(FORWARDING_TEXT).sort()).toEqual([...FORWARDING_STATES].sort());
  });

  it('shows an unknown value as it is', () => {
    expect(textOf(CATEGORY_TEXT, 'meeting', vi)).toBe('Cuộc họp');
    expect(textOf(CATEGORY_TEXT, 'toString', vi)).toBe('toString');
    expect(textOf(OUTCOME_TEXT, 'later', vi)).toBe('later');
  });

  it('writes a problem as one line with its request ID', () => {
    expect(problemText({ key: 'errorCode.unit.in_use', requestId: null }, vi)).toBe(
      'Không xóa được: đơn vị này vẫn còn đơn vị trực thuộc hoặc tài khoản. Hãy chuyển hoặc xóa chúng trước.',
    );
    expect(problemText({ key: 'errorCode.forbidden', requestId: 'req-1' }, vi)).toBe(
      'Bạn không có quyền thực hiện thao tác này. Mã yêu cầu: req-1',
    );
  });
});
