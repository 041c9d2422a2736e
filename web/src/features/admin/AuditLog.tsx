// /admin/audit (audit.view): the audit log (S3.1) — filters by category, outcome, actor, text and
// time, newest first, in pages with the total — and its export as CSV or JSON with the same
// filters (a plain download link: a GET that carries the session cookie; the server audits it).
// Every value is the server's data and is rendered as text.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/translate';
import { localProblem, problemFrom, type Problem } from '../../lib/problem';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import { auditExportHref, listAuditEvents } from './admin-api';
import { AUDIT_CATEGORIES, AUDIT_OUTCOMES, type AuditEvent, type AuditFilters, type AuditPage } from './admin-types';
import {
  checkAuditForm,
  EMPTY_AUDIT_FORM,
  isAuditCategory,
  isAuditOutcome,
  NO_AUDIT_FILTERS,
  type AuditFilterField,
  type AuditFormValues,
} from './audit-filters';
import { CATEGORY_TEXT, OUTCOME_TEXT, textOf } from './labels';

export const EVENTS_PER_PAGE = 50;

type Load =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly problem: Problem }
  | { readonly status: 'ready'; readonly page: AuditPage };

const OUTCOME_CLASS: Readonly<Record<string, string>> = {
  success: 'status status--ok',
  denied: 'status status--warning',
  failure: 'status status--off',
};

export function AuditLog() {
  const { t, plural, formatNumber, formatDateTime } = useI18n();
  const id = useId();
  const [form, setForm] = useState<AuditFormValues>(EMPTY_AUDIT_FORM);
  const [filters, setFilters] = useState<AuditFilters>(NO_AUDIT_FILTERS);
  const [offset, setOffset] = useState(0);
  const [version, setVersion] = useState(0);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [invalid, setInvalid] = useState<{ field: AuditFilterField; key: MessageKey } | null>(null);
  const lastPage = useRef<AuditPage | null>(null);
  const timeInputs = useRef<Partial<Record<AuditFilterField, HTMLInputElement | null>>>({});

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ status: 'loading' });
    listAuditEvents(filters, offset, EVENTS_PER_PAGE, controller.signal).then(
      (page) => {
        lastPage.current = page;
        setLoad({ status: 'ready', page });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoad({ status: 'failed', problem: problemFrom(error, 'audit') });
      },
    );
    return () => controller.abort();
  }, [filters, offset, version]);

  function set(patch: Partial<AuditFormValues>) {
    setForm((prev) => ({ ...prev, ...patch }));
  }

  function apply(values: AuditFormValues) {
    const checked = checkAuditForm(values);
    if (!checked.ok) {
      setInvalid({ field: checked.field, key: checked.key });
      timeInputs.current[checked.field]?.focus();
      return;
    }
    setInvalid(null);
    setOffset(0);
    setFilters(checked.filters);
    setVersion((v) => v + 1);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply(form);
  }

  function clear() {
    setForm(EMPTY_AUDIT_FORM);
    apply(EMPTY_AUDIT_FORM);
  }

  function filterByActor(actor: string) {
    const next = { ...form, actor };
    setForm(next);
    apply(next);
  }

  function actorText(actor: string): string {
    if (actor === '') return t('console.audit.actor.anonymous');
    if (actor === 'system') return t('console.audit.actor.system');
    if (actor === 'cli') return t('console.audit.actor.cli');
    return actor;
  }

  const shown = load.status === 'ready' ? load.page : lastPage.current;
  const total = shown?.total ?? 0;
  const errorId = `${id}-error`;

  function row(event: AuditEvent) {
    return (
      <tr key={event.id} data-testid="audit-row" data-action={event.action} data-outcome={event.outcome}>
        <td>
          <time dateTime={new Date(event.at).toISOString()}>{formatDateTime(event.at)}</time>
        </td>
        <td data-testid="audit-category">{textOf(CATEGORY_TEXT, event.category, t)}</td>
        <td className="audit-actor" data-testid="audit-actor">
          {event.actor === '' ? (
            <span className="muted">{actorText(event.actor)}</span>
          ) : (
            <button
              className="link-button mono"
              type="button"
              onClick={() => filterByActor(event.actor)}
              title={t('console.audit.filterByActor')}
              aria-label={t('console.audit.filterByActorLabel', { actor: actorText(event.actor) })}
            >
              {actorText(event.actor)}
            </button>
          )}
        </td>
        <td className="mono" data-testid="audit-address">
          {event.sourceAddress}
        </td>
        <td className="mono" data-testid="audit-action">
          {event.action}
        </td>
        <td className="audit-target" data-testid="audit-target">
          {event.target}
        </td>
        <td data-testid="audit-outcome">
          <span className={OUTCOME_CLASS[event.outcome] ?? 'status'}>{textOf(OUTCOME_TEXT, event.outcome, t)}</span>
        </td>
        <td className="audit-detail" data-testid="audit-detail">
          {event.detail}
        </td>
      </tr>
    );
  }

  return (
    <section className="card console-audit" aria-labelledby="audit-title" data-testid="audit-section">
      <div className="card__header">
        <h2 id="audit-title">{t('console.audit.title')}</h2>
        <div className="export-links" role="group" aria-label={t('console.audit.export')}>
          <a className="button button--compact" href={auditExportHref(filters, 'csv')} download data-testid="audit-export-csv">
            {t('console.audit.exportCsv')}
          </a>
          <a className="button button--compact" href={auditExportHref(filters, 'json')} download data-testid="audit-export-json">
            {t('console.audit.exportJson')}
          </a>
        </div>
      </div>
      <p className="field__hint">{t('console.audit.intro')}</p>

      <form className="filters filters--audit" role="search" onSubmit={handleSubmit} noValidate aria-label={t('console.audit.filters')}>
        <div className="field">
          <label htmlFor={`${id}-category`}>{t('console.audit.field.category')}</label>
          <select
            id={`${id}-category`}
            className="admin-select"
            value={form.category}
            onChange={(e) => set({ category: isAuditCategory(e.target.value) ? e.target.value : '' })}
            data-testid="audit-filter-category"
          >
            <option value="">{t('console.audit.any')}</option>
            {AUDIT_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(CATEGORY_TEXT[category])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-outcome`}>{t('console.audit.field.outcome')}</label>
          <select
            id={`${id}-outcome`}
            className="admin-select"
            value={form.outcome}
            onChange={(e) => set({ outcome: isAuditOutcome(e.target.value) ? e.target.value : '' })}
            data-testid="audit-filter-outcome"
          >
            <option value="">{t('console.audit.any')}</option>
            {AUDIT_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(OUTCOME_TEXT[outcome])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-actor`}>{t('console.audit.field.actor')}</label>
          <input
            id={`${id}-actor`}
            type="text"
            spellCheck={false}
            autoComplete="off"
            maxLength={128}
            value={form.actor}
            onChange={(e) => set({ actor: e.target.value })}
            aria-describedby={`${id}-actor-hint`}
            data-testid="audit-filter-actor"
          />
          <p className="field__hint" id={`${id}-actor-hint`}>
            {t('console.audit.field.actorHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('console.audit.field.q')}</label>
          <input
            id={`${id}-q`}
            type="search"
            maxLength={200}
            value={form.q}
            onChange={(e) => set({ q: e.target.value })}
            aria-describedby={`${id}-q-hint`}
            data-testid="audit-filter-q"
          />
          <p className="field__hint" id={`${id}-q-hint`}>
            {t('console.audit.field.qHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('console.audit.field.from')}</label>
          <input
            id={`${id}-from`}
            type="datetime-local"
            value={form.from}
            onChange={(e) => set({ from: e.target.value })}
            ref={(element) => {
              timeInputs.current.from = element;
            }}
            aria-invalid={invalid?.field === 'from'}
            aria-describedby={invalid?.field === 'from' ? errorId : undefined}
            data-testid="audit-filter-from"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('console.audit.field.to')}</label>
          <input
            id={`${id}-to`}
            type="datetime-local"
            value={form.to}
            onChange={(e) => set({ to: e.target.value })}
            ref={(element) => {
              timeInputs.current.to = element;
            }}
            aria-invalid={invalid?.field === 'to'}
            aria-describedby={invalid?.field === 'to' ? errorId : undefined}
            data-testid="audit-filter-to"
          />
        </div>
        <div className="filters__actions">
          <button className="button button--primary" type="submit" data-testid="audit-apply">
            {t('console.audit.apply')}
          </button>
          <button className="button" type="button" onClick={clear} data-testid="audit-clear">
            {t('console.audit.clear')}
          </button>
        </div>
      </form>
      <ErrorMessage problem={invalid === null ? null : localProblem(invalid.key)} testId="audit-filter-error" id={errorId} />

      {load.status === 'failed' && (
        <>
          <ErrorMessage problem={load.problem} testId="audit-error" />
          <button className="button" type="button" onClick={() => setVersion((v) => v + 1)}>
            {t('error.retry')}
          </button>
        </>
      )}
      {load.status === 'loading' && shown === null && <p role="status">{t('app.loading')}</p>}
      {shown !== null && load.status !== 'failed' && (
        <>
          <p className="table-summary" data-testid="audit-total" data-total={total} aria-live="polite">
            {total === 0
              ? t('console.audit.none')
              : plural({ one: 'console.audit.count.one', other: 'console.audit.count.other' }, total, {
                  from: formatNumber(offset + 1),
                  to: formatNumber(offset + shown.events.length),
                  total: formatNumber(total),
                })}
          </p>
          {shown.events.length > 0 && (
            <div className="table-scroll">
              <table className="admin-table admin-table--audit" data-testid="audit-table" aria-busy={load.status === 'loading'}>
                <caption className="visually-hidden">{t('console.audit.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('console.audit.column.time')}</th>
                    <th scope="col">{t('console.audit.field.category')}</th>
                    <th scope="col">{t('console.audit.column.actor')}</th>
                    <th scope="col">{t('console.audit.column.address')}</th>
                    <th scope="col">{t('console.audit.column.action')}</th>
                    <th scope="col">{t('console.audit.column.target')}</th>
                    <th scope="col">{t('console.audit.field.outcome')}</th>
                    <th scope="col">{t('console.audit.column.detail')}</th>
                  </tr>
                </thead>
                <tbody>{shown.events.map(row)}</tbody>
              </table>
            </div>
          )}
          {total > EVENTS_PER_PAGE && (
            <div className="pager" role="group" aria-label={t('console.pager.label')}>
              <button
                className="button button--compact"
                type="button"
                disabled={offset === 0}
                onClick={() => setOffset((o) => Math.max(0, o - EVENTS_PER_PAGE))}
                data-testid="audit-page-prev"
              >
                {t('console.pager.previous')}
              </button>
              <span data-testid="audit-page-label">
                {t('console.pager.page', {
                  page: Math.floor(offset / EVENTS_PER_PAGE) + 1,
                  pages: Math.ceil(total / EVENTS_PER_PAGE),
                })}
              </span>
              <button
                className="button button--compact"
                type="button"
                disabled={offset + EVENTS_PER_PAGE >= total}
                onClick={() => setOffset((o) => o + EVENTS_PER_PAGE)}
                data-testid="audit-page-next"
              >
                {t('console.pager.next')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
