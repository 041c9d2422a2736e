// The audit log's filter form (S3.1): what the administrator typed, turned into the API's filters.
// Times are typed in the browser's time zone (<input type="datetime-local">, to the minute) and
// sent as Unix ms; "to" includes the whole minute it names.
import type { MessageKey } from '../../lib/i18n/translate';
import { AUDIT_CATEGORIES, AUDIT_OUTCOMES, type AuditCategory, type AuditFilters, type AuditOutcome } from './admin-types';

export interface AuditFormValues {
  readonly category: AuditCategory | '';
  readonly outcome: AuditOutcome | '';
  readonly actor: string;
  readonly q: string;
  /** `YYYY-MM-DDTHH:MM` in local time, or ''. */
  readonly from: string;
  readonly to: string;
}

export type AuditFilterField = 'from' | 'to';

export type AuditFilterCheck =
  | { readonly ok: true; readonly filters: AuditFilters }
  | { readonly ok: false; readonly field: AuditFilterField; readonly key: MessageKey };

export const EMPTY_AUDIT_FORM: AuditFormValues = { category: '', outcome: '', actor: '', q: '', from: '', to: '' };

export const NO_AUDIT_FILTERS: AuditFilters = { category: '', outcome: '', actor: '', q: '', from: null, to: null };

export function isAuditCategory(value: string): value is AuditCategory {
  return (AUDIT_CATEGORIES as readonly string[]).includes(value);
}

export function isAuditOutcome(value: string): value is AuditOutcome {
  return (AUDIT_OUTCOMES as readonly string[]).includes(value);
}

/** Local `YYYY-MM-DDTHH:MM` (seconds allowed) as Unix ms; null when it is not such a time. */
export function parseLocalDateTime(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part))) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(year, month - 1, day, hour, minute, second);
  // Reject what Date silently rolls over (31 February, 24:00).
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day || date.getHours() !== hour) {
    return null;
  }
  return date.getTime();
}

export function checkAuditForm(values: AuditFormValues): AuditFilterCheck {
  let from: number | null = null;
  let to: number | null = null;
  if (values.from.trim() !== '') {
    from = parseLocalDateTime(values.from);
    if (from === null) return { ok: false, field: 'from', key: 'console.audit.error.time' };
  }
  if (values.to.trim() !== '') {
    const end = parseLocalDateTime(values.to);
    if (end === null) return { ok: false, field: 'to', key: 'console.audit.error.time' };
    // The minute typed is included whole (the picker has no seconds).
    to = /:\d{2}:\d{2}$/.test(values.to.trim()) ? end + 999 : end + 59_999;
  }
  if (from !== null && to !== null && from > to) return { ok: false, field: 'to', key: 'console.audit.error.order' };
  return {
    ok: true,
    filters: {
      category: values.category,
      outcome: values.outcome,
      actor: values.actor.trim(),
      q: values.q.trim(),
      from,
      to,
    },
  };
}
