// Creating or changing an account (S1.1, S2.5): username (new accounts only), name, e-mail, group,
// unit, and the permissions — the group's, or a narrower list chosen among those the group allows
// and the administrator holds. For one's own account only the name and e-mail can be changed.
// Fields are checked before sending (account-form.ts); the server's refusals are translated.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { Permission, Role } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/translate';
import { localProblem, problemFrom, type Problem } from '../../lib/problem';
import { Dialog } from '../../lib/ui/Dialog';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import {
  checkAccountChanges,
  checkNewAccount,
  emptyAccountForm,
  formFromAccount,
  grantableRoles,
  isEmptyChange,
  offeredPermissions,
  withPermission,
  withRole,
  type AccountField,
  type AccountFormValues,
  type Actor,
} from './account-form';
import { createAccount, updateAccount } from './admin-api';
import type { AdminAccount, CreatedAccount, UnitList } from './admin-types';
import { PERMISSION_TEXT, ROLE_TEXT } from './labels';
import { buildUnitTree, flattenUnitTree, indentedName } from './unit-tree';

export type AccountDialogProps =
  | {
      readonly mode: 'create';
      readonly actor: Actor;
      readonly units: UnitList;
      readonly defaultUnitId: string | null;
      readonly onCreated: (created: CreatedAccount) => void;
      readonly onClose: () => void;
    }
  | {
      readonly mode: 'edit';
      readonly actor: Actor;
      readonly units: UnitList;
      readonly account: AdminAccount;
      readonly onSaved: (account: AdminAccount) => void;
      readonly onClose: () => void;
    };

export function AccountDialog(props: AccountDialogProps) {
  const { t } = useI18n();
  const id = useId();
  const { actor, units, onClose } = props;
  const editing = props.mode === 'edit' ? props.account : null;
  const self = editing !== null && editing.id === actor.id;
  const [values, setValues] = useState<AccountFormValues>(() =>
    editing !== null ? formFromAccount(editing) : emptyAccountForm(props.mode === 'create' ? props.defaultUnitId : null),
  );
  const [invalid, setInvalid] = useState<{ field: AccountField; key: MessageKey } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = useRef<Partial<Record<AccountField, HTMLElement | null>>>({});

  const flat = flattenUnitTree(buildUnitTree(units.units));
  const roles = grantableRoles(actor);
  // A group above the administrator's own cannot be given, but an account being edited keeps its own.
  const roleChoices: readonly Role[] = editing !== null && !roles.includes(editing.role) ? [...roles, editing.role] : roles;
  const offered = offeredPermissions(values.role, actor);

  function set(patch: Partial<AccountFormValues>) {
    setValues((prev) => ({ ...prev, ...patch }));
  }

  function refuse(field: AccountField, key: MessageKey) {
    setInvalid({ field, key });
    fields.current[field]?.focus();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    let send: () => Promise<void>;
    if (props.mode === 'create') {
      const checked = checkNewAccount(values);
      if (!checked.ok) return refuse(checked.field, checked.key);
      const { onCreated } = props;
      send = async () => onCreated(await createAccount(checked.request));
    } else {
      const checked = checkAccountChanges(props.account, values, self);
      if (!checked.ok) return refuse(checked.field, checked.key);
      if (isEmptyChange(checked.request)) {
        onClose();
        return;
      }
      const { account, onSaved } = props;
      send = async () => onSaved(await updateAccount(account.id, checked.request));
    }
    setInvalid(null);
    setBusy(true);
    try {
      await send();
    } catch (error: unknown) {
      setProblem(problemFrom(error, 'account'));
      setBusy(false);
    }
  }

  const errorId = `${id}-error`;
  const shown: Problem | null = invalid !== null ? localProblem(invalid.key) : problem;
  const describedBy = (field: AccountField, hint?: string) =>
    [hint, invalid?.field === field ? errorId : undefined].filter((part) => part !== undefined).join(' ') || undefined;

  return (
    <Dialog
      title={editing === null ? t('console.users.dialog.createTitle') : t('console.users.dialog.editTitle', { username: editing.username })}
      onClose={() => {
        if (!busy) onClose();
      }}
      wide
      closeLabel={t('console.dialog.close')}
      className="admin-dialog"
      testId="account-dialog"
    >
      <form className="form" onSubmit={(e) => void handleSubmit(e)} noValidate>
        {editing === null && (
          <div className="field">
            <label htmlFor={`${id}-username`}>{t('console.users.field.username')}</label>
            <input
              id={`${id}-username`}
              type="text"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              required
              maxLength={64}
              value={values.username}
              onChange={(e) => set({ username: e.target.value })}
              ref={(element) => {
                fields.current.username = element;
              }}
              aria-invalid={invalid?.field === 'username'}
              aria-describedby={describedBy('username', `${id}-username-hint`)}
              data-testid="account-username"
            />
            <p className="field__hint" id={`${id}-username-hint`}>
              {t('console.users.field.usernameHint')}
            </p>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('console.users.field.displayName')}</label>
          <input
            id={`${id}-name`}
            type="text"
            autoComplete="off"
            required
            maxLength={200}
            value={values.displayName}
            onChange={(e) => set({ displayName: e.target.value })}
            ref={(element) => {
              fields.current.displayName = element;
            }}
            aria-invalid={invalid?.field === 'displayName'}
            aria-describedby={describedBy('displayName')}
            data-testid="account-display-name"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('console.users.field.email')}</label>
          <input
            id={`${id}-email`}
            type="text"
            inputMode="email"
            autoComplete="off"
            maxLength={254}
            value={values.email}
            onChange={(e) => set({ email: e.target.value })}
            ref={(element) => {
              fields.current.email = element;
            }}
            aria-invalid={invalid?.field === 'email'}
            aria-describedby={describedBy('email', `${id}-email-hint`)}
            data-testid="account-email"
          />
          <p className="field__hint" id={`${id}-email-hint`}>
            {t('console.users.field.emailHint')}
          </p>
        </div>
        {self && (
          <p className="notice" data-testid="account-self-notice">
            {t('console.users.dialog.selfNotice')}
          </p>
        )}
        <div className="admin-dialog__row">
          <div className="field">
            <label htmlFor={`${id}-role`}>{t('console.users.field.role')}</label>
            <select
              id={`${id}-role`}
              className="admin-select"
              value={values.role}
              disabled={self}
              onChange={(e) => setValues((prev) => withRole(prev, e.target.value as Role))}
              data-testid="account-role"
            >
              {roleChoices.map((role) => (
                <option key={role} value={role} disabled={!roles.includes(role)}>
                  {t(ROLE_TEXT[role])}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-unit`}>{t('console.users.field.unit')}</label>
            <select
              id={`${id}-unit`}
              className="admin-select"
              value={values.unitId}
              disabled={self}
              onChange={(e) => set({ unitId: e.target.value })}
              data-testid="account-unit"
            >
              {(units.rootUnitId === null || values.unitId === '') && (
                <option value="" disabled={units.rootUnitId !== null}>
                  {t('console.users.noUnit')}
                </option>
              )}
              {flat.map((entry) => (
                <option key={entry.unit.id} value={entry.unit.id}>
                  {indentedName(entry)}
                </option>
              ))}
            </select>
          </div>
        </div>

        {values.role !== 'user' && (
          <fieldset className="settings-choices admin-permissions" disabled={self}>
            <legend>{t('console.users.field.permissions')}</legend>
            <label className="settings-choice">
              <input
                type="radio"
                name={`${id}-own`}
                checked={!values.ownPermissions}
                onChange={() => set({ ownPermissions: false })}
                data-testid="account-permissions-group"
              />
              <span>{t('console.users.permissions.group')}</span>
            </label>
            <label className="settings-choice">
              <input
                type="radio"
                name={`${id}-own`}
                checked={values.ownPermissions}
                onChange={() => set({ ownPermissions: true })}
                data-testid="account-permissions-own"
              />
              <span>{t('console.users.permissions.own')}</span>
            </label>
            {values.ownPermissions && (
              <div className="admin-permissions__list">
                {offered.map((permission: Permission) => (
                  <label key={permission} className="settings-choice">
                    <input
                      type="checkbox"
                      checked={values.permissions.includes(permission)}
                      onChange={(e) => setValues((prev) => withPermission(prev, permission, e.target.checked))}
                      data-testid={`account-permission-${permission}`}
                    />
                    <span>{t(PERMISSION_TEXT[permission])}</span>
                  </label>
                ))}
              </div>
            )}
          </fieldset>
        )}

        {editing !== null && !self && (
          <label className="settings-choice">
            <input
              type="checkbox"
              checked={values.disabled}
              onChange={(e) => set({ disabled: e.target.checked })}
              data-testid="account-disabled"
            />
            <span>{t('console.users.field.disabled')}</span>
          </label>
        )}

        <ErrorMessage problem={shown} testId="account-error" id={errorId} />
        <div className="dialog__actions">
          <button className="button" type="button" onClick={onClose} aria-disabled={busy}>
            {t('console.dialog.cancel')}
          </button>
          <button className="button button--primary" type="submit" aria-disabled={busy} data-testid="account-save">
            {busy
              ? t('console.dialog.saving')
              : editing === null
                ? t('console.users.dialog.create')
                : t('console.users.dialog.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
