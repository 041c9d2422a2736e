// /admin/users (users.view): the accounts within the administrator's reach (S1.1) — search, filters
// by unit, group and status, pages with the total — beside the tree of units. With users.manage:
// create an account (its one-time password shown once), change it, reset its password or second
// factor, unlock it, delete it. Actions the session may not take are not offered, and neither is
// changing one's own group, unit, permissions or status (S2.4, S2.5); the server checks anyway.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/translate';
import { problemFrom, type Problem } from '../../lib/problem';
import { useSession } from '../../lib/session';
import { ConfirmDialog } from '../../lib/ui/ConfirmDialog';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import { AccountDialog } from './AccountDialog';
import { canEditOwnAccount, canManageAccount, type Actor } from './account-form';
import { deleteAccount, listAccounts, listUnits, resetAccountPassword, resetAccountTwoFactor, unlockAccount } from './admin-api';
import { ACCOUNT_STATUSES, type AccountPage, type AccountQuery, type AccountStatus, type AdminAccount, type UnitList } from './admin-types';
import { ROLE_TEXT } from './labels';
import { OneTimePasswordDialog } from './OneTimePasswordDialog';
import { problemText } from './problem-text';
import { buildUnitTree, flattenUnitTree, indentedName, unitName, unitPath } from './unit-tree';
import { UnitTree } from './UnitTree';

export const ACCOUNTS_PER_PAGE = 25;

const STATUS_TEXT: Readonly<Record<AccountStatus, MessageKey>> = {
  active: 'console.users.status.active',
  locked: 'console.users.status.locked',
  disabled: 'console.users.status.disabled',
};

type Load<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly problem: Problem }
  | { readonly status: 'ready'; readonly value: T };

type Dialogs =
  | { readonly kind: 'create' }
  | { readonly kind: 'edit'; readonly account: AdminAccount }
  | { readonly kind: 'password'; readonly username: string; readonly password: string; readonly reason: 'created' | 'reset' }
  | { readonly kind: 'confirm'; readonly action: ConfirmAction; readonly account: AdminAccount };

type ConfirmAction = 'delete' | 'resetPassword' | 'resetTwoFactor';

const CONFIRM_TEXT: Readonly<
  Record<ConfirmAction, { readonly title: MessageKey; readonly body: MessageKey; readonly accept: MessageKey }>
> = {
  delete: {
    title: 'console.users.confirmDelete.title',
    body: 'console.users.confirmDelete.body',
    accept: 'console.users.confirmDelete.accept',
  },
  resetPassword: {
    title: 'console.users.confirmReset.title',
    body: 'console.users.confirmReset.body',
    accept: 'console.users.confirmReset.accept',
  },
  resetTwoFactor: {
    title: 'console.users.confirmTwoFactor.title',
    body: 'console.users.confirmTwoFactor.body',
    accept: 'console.users.confirmTwoFactor.accept',
  },
};

const FIRST_PAGE: AccountQuery = { q: '', unit: '', role: '', status: '', offset: 0, limit: ACCOUNTS_PER_PAGE };

export function UsersPage({ actor }: { actor: Actor }) {
  const { t, plural, formatNumber, formatDateTime } = useI18n();
  const id = useId();
  const { refresh } = useSession();
  const canManage = actor.permissions.has('users.manage');
  const [units, setUnits] = useState<Load<UnitList>>({ status: 'loading' });
  const [unitsVersion, setUnitsVersion] = useState(0);
  const [query, setQuery] = useState<AccountQuery>(FIRST_PAGE);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState<Load<AccountPage>>({ status: 'loading' });
  const [pageVersion, setPageVersion] = useState(0);
  const [dialog, setDialog] = useState<Dialogs | null>(null);
  const [confirmProblem, setConfirmProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>('');
  const [actionProblem, setActionProblem] = useState<Problem | null>(null);
  const lastPage = useRef<AccountPage | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listUnits(controller.signal).then(
      (value) => setUnits({ status: 'ready', value }),
      (error: unknown) => {
        if (!controller.signal.aborted) setUnits({ status: 'failed', problem: problemFrom(error) });
      },
    );
    return () => controller.abort();
  }, [unitsVersion]);

  useEffect(() => {
    const controller = new AbortController();
    setPage({ status: 'loading' });
    listAccounts(query, controller.signal).then(
      (value) => {
        // The last account of the last page went away: show the page before.
        if (value.users.length === 0 && query.offset > 0 && value.total > 0) {
          setQuery((prev) => ({ ...prev, offset: Math.max(0, Math.floor((value.total - 1) / prev.limit) * prev.limit) }));
          return;
        }
        lastPage.current = value;
        setPage({ status: 'ready', value });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setPage({ status: 'failed', problem: problemFrom(error, 'account') });
      },
    );
    return () => controller.abort();
  }, [query, pageVersion]);

  const reloadAccounts = useCallback(() => setPageVersion((v) => v + 1), []);

  function filter(patch: Partial<AccountQuery>) {
    setNotice('');
    setQuery((prev) => ({ ...prev, ...patch, offset: 0 }));
  }

  function handleSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    filter({ q: search.trim() });
  }

  function openConfirm(action: ConfirmAction, account: AdminAccount) {
    setConfirmProblem(null);
    setDialog({ kind: 'confirm', action, account });
  }

  async function runConfirmed(action: ConfirmAction, account: AdminAccount) {
    setBusy(true);
    setConfirmProblem(null);
    try {
      if (action === 'delete') {
        await deleteAccount(account.id);
        setDialog(null);
        setNotice(t('console.users.done.deleted', { username: account.username }));
      } else if (action === 'resetPassword') {
        const password = await resetAccountPassword(account.id);
        setDialog({ kind: 'password', username: account.username, password, reason: 'reset' });
        setNotice(t('console.users.done.passwordReset', { username: account.username }));
      } else {
        await resetAccountTwoFactor(account.id);
        setDialog(null);
        setNotice(t('console.users.done.twoFactorReset', { username: account.username }));
      }
      reloadAccounts();
    } catch (error: unknown) {
      setConfirmProblem(problemFrom(error, 'account'));
    } finally {
      setBusy(false);
    }
  }

  async function unlock(account: AdminAccount) {
    setActionProblem(null);
    setNotice('');
    try {
      await unlockAccount(account.id);
      setNotice(t('console.users.done.unlocked', { username: account.username }));
      reloadAccounts();
    } catch (error: unknown) {
      setActionProblem(problemFrom(error, 'account'));
    }
  }

  const unitList = units.status === 'ready' ? units.value : null;
  const flatUnits = unitList === null ? [] : flattenUnitTree(buildUnitTree(unitList.units));
  const shown = page.status === 'ready' ? page.value : lastPage.current;

  function unitCell(account: AdminAccount) {
    if (account.unitId === null) return t('console.users.noUnit');
    const name = unitList === null ? null : unitName(unitList.units, account.unitId);
    if (name === null || unitList === null) return '—';
    return <span title={unitPath(unitList.units, account.unitId)}>{name}</span>;
  }

  function statusCell(account: AdminAccount) {
    const parts = [];
    if (account.disabled) {
      parts.push(
        <span key="disabled" className="status status--off" data-testid="user-status" data-status="disabled">
          {t('console.users.status.disabled')}
        </span>,
      );
    }
    if (account.locked) {
      parts.push(
        <span key="locked" className="status status--warning" data-testid="user-locked" data-status="locked">
          {account.lockedUntil === null
            ? t('console.users.lockedUntilUnlocked')
            : t('console.users.lockedUntil', { time: formatDateTime(account.lockedUntil) })}
        </span>,
      );
    }
    if (!account.disabled && !account.locked) {
      parts.push(
        <span key="active" className="status status--ok" data-testid="user-status" data-status="active">
          {t('console.users.status.active')}
        </span>,
      );
    }
    return <div className="status-list">{parts}</div>;
  }

  function actionsCell(account: AdminAccount) {
    const self = account.id === actor.id;
    const manage = canManageAccount(actor, account);
    const editSelf = canEditOwnAccount(actor, account);
    if (!manage && !editSelf) return null;
    const named = (key: MessageKey) => t(key, { username: account.username });
    return (
      <div className="row-actions">
        <button
          className="link-button"
          type="button"
          onClick={() => setDialog({ kind: 'edit', account })}
          aria-label={named('console.users.action.editLabel')}
          data-testid="user-edit"
        >
          {t('console.users.action.edit')}
        </button>
        {manage && !self && (
          <>
            <button
              className="link-button"
              type="button"
              onClick={() => openConfirm('resetPassword', account)}
              aria-label={named('console.users.action.resetPasswordLabel')}
              data-testid="user-reset-password"
            >
              {t('console.users.action.resetPassword')}
            </button>
            {account.locked && (
              <button
                className="link-button"
                type="button"
                onClick={() => void unlock(account)}
                aria-label={named('console.users.action.unlockLabel')}
                data-testid="user-unlock"
              >
                {t('console.users.action.unlock')}
              </button>
            )}
            {account.twoFactor && (
              <button
                className="link-button"
                type="button"
                onClick={() => openConfirm('resetTwoFactor', account)}
                aria-label={named('console.users.action.resetTwoFactorLabel')}
                data-testid="user-reset-2fa"
              >
                {t('console.users.action.resetTwoFactor')}
              </button>
            )}
            <button
              className="link-button link-button--danger"
              type="button"
              onClick={() => openConfirm('delete', account)}
              aria-label={named('console.users.action.deleteLabel')}
              data-testid="user-delete"
            >
              {t('console.users.action.delete')}
            </button>
          </>
        )}
      </div>
    );
  }

  const from = shown === null || shown.total === 0 ? 0 : query.offset + 1;
  const to = shown === null ? 0 : query.offset + shown.users.length;
  const total = shown?.total ?? 0;

  return (
    <section className="card console-users" aria-labelledby="users-title" data-testid="users-section">
      <div className="card__header">
        <h2 id="users-title">{t('console.users.title')}</h2>
        {canManage && unitList !== null && (
          <button className="button button--primary" type="button" onClick={() => setDialog({ kind: 'create' })} data-testid="users-create">
            {t('console.users.create')}
          </button>
        )}
      </div>

      <div className="users-layout">
        <div className="users-layout__units">
          {units.status === 'loading' && <p role="status">{t('app.loading')}</p>}
          {units.status === 'failed' && (
            <>
              <ErrorMessage problem={units.problem} testId="units-error" />
              <button className="button" type="button" onClick={() => setUnitsVersion((v) => v + 1)}>
                {t('error.retry')}
              </button>
            </>
          )}
          {unitList !== null && (
            <UnitTree
              units={unitList}
              canManage={canManage}
              selected={query.unit}
              onSelect={(unit) => filter({ unit })}
              onChanged={(removed) => {
                setUnitsVersion((v) => v + 1);
                if (removed !== undefined && query.unit === removed) filter({ unit: '' });
                else reloadAccounts();
              }}
            />
          )}
        </div>

        <div className="users-layout__accounts">
          <form className="filters" role="search" onSubmit={handleSearch} aria-label={t('console.users.filters')}>
            <div className="field filters__search">
              <label htmlFor={`${id}-q`}>{t('console.users.search')}</label>
              <div className="join-row">
                <input
                  id={`${id}-q`}
                  type="search"
                  value={search}
                  maxLength={200}
                  onChange={(e) => setSearch(e.target.value)}
                  aria-describedby={`${id}-q-hint`}
                  data-testid="users-search"
                />
                <button className="button" type="submit" data-testid="users-search-submit">
                  {t('console.users.searchSubmit')}
                </button>
              </div>
              <p className="field__hint" id={`${id}-q-hint`}>
                {t('console.users.searchHint')}
              </p>
            </div>
            <div className="field">
              <label htmlFor={`${id}-unit`}>{t('console.users.field.unit')}</label>
              <select
                id={`${id}-unit`}
                className="admin-select"
                value={query.unit}
                onChange={(e) => filter({ unit: e.target.value })}
                data-testid="users-filter-unit"
              >
                <option value="">{t('console.users.anyUnit')}</option>
                {flatUnits.map((entry) => (
                  <option key={entry.unit.id} value={entry.unit.id}>
                    {indentedName(entry)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-role`}>{t('console.users.field.role')}</label>
              <select
                id={`${id}-role`}
                className="admin-select"
                value={query.role}
                onChange={(e) => filter({ role: e.target.value as Role | '' })}
                data-testid="users-filter-role"
              >
                <option value="">{t('console.users.anyRole')}</option>
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(ROLE_TEXT[role])}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-status`}>{t('console.users.field.status')}</label>
              <select
                id={`${id}-status`}
                className="admin-select"
                value={query.status}
                onChange={(e) => filter({ status: e.target.value as AccountStatus | '' })}
                data-testid="users-filter-status"
              >
                <option value="">{t('console.users.anyStatus')}</option>
                {ACCOUNT_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {t(STATUS_TEXT[status])}
                  </option>
                ))}
              </select>
            </div>
          </form>

          <p className="console-notice" role="status" data-testid="users-notice">
            {notice}
          </p>
          <ErrorMessage problem={actionProblem} testId="users-action-error" />
          {page.status === 'failed' && (
            <>
              <ErrorMessage problem={page.problem} testId="users-error" />
              <button className="button" type="button" onClick={reloadAccounts}>
                {t('error.retry')}
              </button>
            </>
          )}
          {page.status === 'loading' && shown === null && <p role="status">{t('app.loading')}</p>}
          {shown !== null && page.status !== 'failed' && (
            <>
              <p className="table-summary" data-testid="users-total" data-total={total} aria-live="polite">
                {total === 0
                  ? t('console.users.none')
                  : plural({ one: 'console.users.count.one', other: 'console.users.count.other' }, total, {
                      from: formatNumber(from),
                      to: formatNumber(to),
                      total: formatNumber(total),
                    })}
              </p>
              {shown.users.length > 0 && (
                <div className="table-scroll">
                  <table className="admin-table" data-testid="users-table" aria-busy={page.status === 'loading'}>
                    <caption className="visually-hidden">{t('console.users.tableCaption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('console.users.column.account')}</th>
                        <th scope="col">{t('console.users.column.roleUnit')}</th>
                        <th scope="col">{t('console.users.field.status')}</th>
                        <th scope="col">
                          <span className="visually-hidden">{t('console.users.column.actions')}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown.users.map((account) => (
                        <tr key={account.id} data-testid="user-row" data-user-id={account.id} data-username={account.username}>
                          <th scope="row" className="account-cell">
                            <span className="account-cell__name" data-testid="user-display-name">
                              {account.displayName}
                            </span>
                            {account.id === actor.id && <span className="badge">{t('console.users.you')}</span>}
                            <span className="account-cell__username" data-testid="user-username">
                              {account.username}
                            </span>
                            {account.email !== '' && <span className="account-cell__email">{account.email}</span>}
                          </th>
                          <td>
                            <span className="cell-line" data-testid="user-role" data-role={account.role}>
                              {t(ROLE_TEXT[account.role])}
                            </span>
                            {account.ownPermissions !== null && (
                              <span className="account-cell__note">{t('console.users.ownPermissionsNote')}</span>
                            )}
                            <span className="cell-line cell-line--muted" data-testid="user-unit">
                              {unitCell(account)}
                            </span>
                          </td>
                          <td>
                            {statusCell(account)}
                            <span className="cell-line cell-line--small">
                              {t('console.users.column.twoFactor')}:{' '}
                              <span data-testid="user-2fa" data-two-factor={account.twoFactor ? 'on' : 'off'}>
                                {t(account.twoFactor ? 'console.users.twoFactor.on' : 'console.users.twoFactor.off')}
                              </span>
                            </span>
                            <span className="cell-line cell-line--small">
                              {t('console.users.column.password')}:{' '}
                              <span
                                className={account.mustChangePassword ? 'emphasis' : undefined}
                                data-testid="user-must-change"
                                data-must-change={account.mustChangePassword ? 'true' : 'false'}
                              >
                                {t(account.mustChangePassword ? 'console.users.mustChange' : 'console.users.passwordSet')}
                              </span>
                            </span>
                          </td>
                          <td>{actionsCell(account)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {total > query.limit && (
                <div className="pager" role="group" aria-label={t('console.pager.label')}>
                  <button
                    className="button button--compact"
                    type="button"
                    disabled={query.offset === 0}
                    onClick={() => setQuery((prev) => ({ ...prev, offset: Math.max(0, prev.offset - prev.limit) }))}
                    data-testid="users-page-prev"
                  >
                    {t('console.pager.previous')}
                  </button>
                  <span data-testid="users-page-label">
                    {t('console.pager.page', {
                      page: Math.floor(query.offset / query.limit) + 1,
                      pages: Math.ceil(total / query.limit),
                    })}
                  </span>
                  <button
                    className="button button--compact"
                    type="button"
                    disabled={query.offset + query.limit >= total}
                    onClick={() => setQuery((prev) => ({ ...prev, offset: prev.offset + prev.limit }))}
                    data-testid="users-page-next"
                  >
                    {t('console.pager.next')}
                  </button>
                </div>
              )}
            </>
          )}
        </div>
      </div>

      {dialog?.kind === 'create' && unitList !== null && (
        <AccountDialog
          mode="create"
          actor={actor}
          units={unitList}
          defaultUnitId={query.unit !== '' ? query.unit : unitList.rootUnitId}
          onClose={() => setDialog(null)}
          onCreated={(created) => {
            setDialog({ kind: 'password', username: created.user.username, password: created.oneTimePassword, reason: 'created' });
            setNotice(t('console.users.done.created', { username: created.user.username }));
            reloadAccounts();
          }}
        />
      )}
      {dialog?.kind === 'edit' && unitList !== null && (
        <AccountDialog
          mode="edit"
          actor={actor}
          units={unitList}
          account={dialog.account}
          onClose={() => setDialog(null)}
          onSaved={(account) => {
            setDialog(null);
            // One's own name is in the header: the session carries it.
            if (account.id === actor.id) void refresh();
            setNotice(t('console.users.done.saved', { username: account.username }));
            reloadAccounts();
          }}
        />
      )}
      {dialog?.kind === 'password' && (
        <OneTimePasswordDialog
          username={dialog.username}
          password={dialog.password}
          reason={dialog.reason}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'confirm' && (
        <ConfirmDialog
          title={t(CONFIRM_TEXT[dialog.action].title)}
          text={t(CONFIRM_TEXT[dialog.action].body, { username: dialog.account.username, name: dialog.account.displayName })}
          acceptLabel={t(CONFIRM_TEXT[dialog.action].accept)}
          cancelLabel={t('console.dialog.cancel')}
          onAccept={() => void runConfirmed(dialog.action, dialog.account)}
          onCancel={() => setDialog(null)}
          busy={busy}
          error={confirmProblem === null ? null : problemText(confirmProblem, t)}
          testIds={{ dialog: 'confirm-dialog', accept: 'confirm-accept', cancel: 'confirm-cancel', error: 'confirm-error' }}
        />
      )}
    </section>
  );
}
