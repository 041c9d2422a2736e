// "Are you sure?" before a chair action that cannot be undone (remove, ban, end the meeting):
// the action runs from the dialog, which shows a refusal and closes on success.
import { useId, useState } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import { panelErrorKey } from './panel-error';
import { PanelDialog } from './PanelDialog';

export function ConfirmDialog({
  title,
  text,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  text: string;
  confirmLabel: string;
  /** Resolves null when done, else the error code. */
  onConfirm: () => Promise<string | null>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    const code = await onConfirm();
    setBusy(false);
    if (code === null) onClose();
    else setError(code);
  }

  return (
    <PanelDialog title={title} onClose={onClose} testId="confirm-dialog" alert describedBy={`${id}-text`}>
      <p className="panel-dialog__text" id={`${id}-text`}>
        {text}
      </p>
      {error !== null && (
        <p className="field__error" role="alert" data-testid="confirm-error">
          {t(panelErrorKey(error))}
        </p>
      )}
      <div className="panel-dialog__actions">
        <button className="button" type="button" onClick={onClose} data-testid="confirm-cancel" data-autofocus>
          {t('meeting.panels.cancel')}
        </button>
        <button className="button button--danger" type="button" onClick={() => void confirm()} disabled={busy} data-testid="confirm-accept">
          {busy ? t('meeting.panels.working') : confirmLabel}
        </button>
      </div>
    </PanelDialog>
  );
}
