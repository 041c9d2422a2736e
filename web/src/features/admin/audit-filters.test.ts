import { describe, expect, it } from 'vitest';
import { checkAuditForm, EMPTY_AUDIT_FORM, parseLocalDateTime } from './audit-filters';

describe('audit log filters', () => {
  it('reads local date-times as the browser does', () => {
    expect(parseLocalDateTime('2026-01-05T14:07')).toBe(new Date(2026, 0, 5, 14, 7).getTime());
    expect(parseLocalDateTime('2026-01-05T14:07:09')).toBe(new Date(2026, 0, 5, 14, 7, 9).getTime());
    for (const bad of ['', '2026-02-31T10:00', '2026-01-05', '05/01/2026 14:07', '2026-01-05T25:00']) {
      expect(parseLocalDateTime(bad), bad).toBeNull();
    }
  });

  it('S3_1_sends_every_filter_trimmed_with_the_whole_last_minute', () => {
    const checked = checkAuditForm({
      category: 'account',
      outcome: 'denied',
      actor: ' u1 ',
      q: ' account.create ',
      from: '2026-01-05T08:00',
      to: '2026-01-05T17:30',
    });
    expect(checked).toEqual({
      ok: true,
      filters: {
        category: 'account',
        outcome: 'denied',
        actor: 'u1',
        q: 'account.create',
        from: new Date(2026, 0, 5, 8, 0).getTime(),
        to: new Date(2026, 0, 5, 17, 30, 59, 999).getTime(),
      },
    });
    expect(checkAuditForm(EMPTY_AUDIT_FORM)).toEqual({
      ok: true,
      filters: { category: '', outcome: '', actor: '', q: '', from: null, to: null },
    });
  });

  it('refuses an unreadable time or an end before the start', () => {
    expect(checkAuditForm({ ...EMPTY_AUDIT_FORM, from: 'hôm qua' })).toEqual({ ok: false, field: 'from', key: 'console.audit.error.time' });
    expect(checkAuditForm({ ...EMPTY_AUDIT_FORM, from: '2026-01-05T10:00', to: '2026-01-05T09:59' })).toEqual({
      ok: false,
      field: 'to',
      key: 'console.audit.error.order',
    });
    // The same minute is a valid range.
    expect(checkAuditForm({ ...EMPTY_AUDIT_FORM, from: '2026-01-05T10:00', to: '2026-01-05T10:00' }).ok).toBe(true);
  });
});
