// The organisation's units within reach (S1.1) as a tree beside the accounts: choosing a unit
// lists its accounts and those of the units under it. With users.manage each unit offers a unit
// under it, renaming and removing (not one's own unit: that is changed from above); a unit with
// units or accounts in it cannot be removed (in_use, translated).
import { useId, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import { localProblem, problemFrom, type Problem } from '../../lib/problem';
import { ConfirmDialog } from '../../lib/ui/ConfirmDialog';
import { Dialog } from '../../lib/ui/Dialog';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import { createUnit, deleteUnit, renameUnit } from './admin-api';
import type { Unit, UnitList } from './admin-types';
import { problemText } from './problem-text';
import { buildUnitTree, cleanUnitName, unitActions, type UnitNode } from './unit-tree';

type UnitDialog =
  | { readonly kind: 'add'; readonly parent: Unit | null }
  | { readonly kind: 'rename'; readonly unit: Unit }
  | { readonly kind: 'delete'; readonly unit: Unit };

export interface UnitTreeProps {
  readonly units: UnitList;
  /** users.manage: the add, rename and remove buttons. */
  readonly canManage: boolean;
  /** The unit whose accounts are listed; '' for all within reach. */
  readonly selected: string;
  readonly onSelect: (unitId: string) => void;
  /** A unit was added, renamed or removed (`removed`: its id, to clear a filter on it). */
  readonly onChanged: (removed?: string) => void;
}

export function UnitTree({ units, canManage, selected, onSelect, onChanged }: UnitTreeProps) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<UnitDialog | null>(null);
  const [deleteProblem, setDeleteProblem] = useState<Problem | null>(null);
  const [deleting, setDeleting] = useState(false);
  const tree = buildUnitTree(units.units);

  async function handleDelete(unit: Unit) {
    setDeleting(true);
    setDeleteProblem(null);
    try {
      await deleteUnit(unit.id);
      setDialog(null);
      onChanged(unit.id);
    } catch (error: unknown) {
      setDeleteProblem(problemFrom(error, 'unit'));
    } finally {
      setDeleting(false);
    }
  }

  function renderNode(node: UnitNode) {
    const { unit } = node;
    const actions = unitActions(unit, units.rootUnitId);
    return (
      <li key={unit.id} className="unit-tree__item" data-testid="unit-node" data-unit-id={unit.id}>
        <div className="unit-tree__row">
          <button
            className="unit-tree__name"
            type="button"
            aria-pressed={selected === unit.id}
            onClick={() => onSelect(unit.id)}
            data-testid="unit-select"
          >
            {unit.name}
          </button>
          {canManage && (
            <span className="unit-tree__actions">
              {actions.add && (
                <button
                  className="link-button"
                  type="button"
                  onClick={() => setDialog({ kind: 'add', parent: unit })}
                  aria-label={t('console.units.addUnderLabel', { name: unit.name })}
                  title={t('console.units.addUnderLabel', { name: unit.name })}
                  data-testid="unit-add"
                >
                  {t('console.units.addUnder')}
                </button>
              )}
              {actions.change && (
                <>
                  <button
                    className="link-button"
                    type="button"
                    onClick={() => setDialog({ kind: 'rename', unit })}
                    aria-label={t('console.units.renameLabel', { name: unit.name })}
                    data-testid="unit-rename"
                  >
                    {t('console.units.rename')}
                  </button>
                  <button
                    className="link-button link-button--danger"
                    type="button"
                    onClick={() => {
                      setDeleteProblem(null);
                      setDialog({ kind: 'delete', unit });
                    }}
                    aria-label={t('console.units.deleteLabel', { name: unit.name })}
                    data-testid="unit-delete"
                  >
                    {t('console.units.delete')}
                  </button>
                </>
              )}
            </span>
          )}
        </div>
        {node.children.length > 0 && <ul className="unit-tree__children">{node.children.map(renderNode)}</ul>}
      </li>
    );
  }

  return (
    <nav className="unit-tree" aria-labelledby="unit-tree-title" data-testid="unit-tree">
      <div className="unit-tree__header">
        <h3 id="unit-tree-title">{t('console.units.title')}</h3>
        {canManage && units.rootUnitId === null && (
          <button
            className="button button--compact"
            type="button"
            onClick={() => setDialog({ kind: 'add', parent: null })}
            data-testid="unit-add-top"
          >
            {t('console.units.addTop')}
          </button>
        )}
      </div>
      <ul className="unit-tree__list">
        <li className="unit-tree__item">
          <div className="unit-tree__row">
            <button
              className="unit-tree__name"
              type="button"
              aria-pressed={selected === ''}
              onClick={() => onSelect('')}
              data-testid="unit-select-all"
            >
              {t(units.rootUnitId === null ? 'console.units.all' : 'console.units.allInReach')}
            </button>
          </div>
        </li>
        {tree.map(renderNode)}
      </ul>
      {tree.length === 0 && (
        <p className="field__hint" data-testid="unit-tree-empty">
          {t('console.units.empty')}
        </p>
      )}

      {dialog !== null && dialog.kind !== 'delete' && (
        <UnitNameDialog
          dialog={dialog}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            onChanged();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={t('console.units.confirmDelete.title')}
          text={t('console.units.confirmDelete.body', { name: dialog.unit.name })}
          acceptLabel={t('console.units.confirmDelete.accept')}
          cancelLabel={t('console.dialog.cancel')}
          onAccept={() => void handleDelete(dialog.unit)}
          onCancel={() => setDialog(null)}
          busy={deleting}
          error={deleteProblem === null ? null : problemText(deleteProblem, t)}
          testIds={{ dialog: 'confirm-dialog', accept: 'confirm-accept', cancel: 'confirm-cancel', error: 'confirm-error' }}
        />
      )}
    </nav>
  );
}

function UnitNameDialog({
  dialog,
  onClose,
  onSaved,
}: {
  dialog: Exclude<UnitDialog, { kind: 'delete' }>;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [name, setName] = useState(dialog.kind === 'rename' ? dialog.unit.name : '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const clean = cleanUnitName(name);
    if (clean === null) {
      setProblem(localProblem('console.units.error.name'));
      input.current?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      if (dialog.kind === 'add') await createUnit(clean, dialog.parent?.id ?? null);
      else await renameUnit(dialog.unit.id, clean);
      onSaved();
    } catch (error: unknown) {
      setProblem(problemFrom(error, 'unit'));
      setBusy(false);
    }
  }

  const title =
    dialog.kind === 'rename'
      ? t('console.units.renameTitle', { name: dialog.unit.name })
      : dialog.parent === null
        ? t('console.units.addTopTitle')
        : t('console.units.addTitle', { name: dialog.parent.name });
  return (
    <Dialog
      title={title}
      onClose={() => {
        if (!busy) onClose();
      }}
      closeLabel={t('console.dialog.close')}
      className="admin-dialog"
      testId="unit-dialog"
    >
      <form className="form" onSubmit={(e) => void handleSubmit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('console.units.name')}</label>
          <input
            id={`${id}-name`}
            ref={input}
            type="text"
            autoComplete="off"
            required
            maxLength={240}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={problem !== null && problem.requestId === null}
            aria-describedby={problem !== null ? `${id}-error` : undefined}
            data-testid="unit-name"
          />
        </div>
        <ErrorMessage problem={problem} testId="unit-error" id={`${id}-error`} />
        <div className="dialog__actions">
          <button className="button" type="button" onClick={onClose} aria-disabled={busy}>
            {t('console.dialog.cancel')}
          </button>
          <button className="button button--primary" type="submit" aria-disabled={busy} data-testid="unit-save">
            {busy ? t('console.dialog.saving') : t('console.units.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
