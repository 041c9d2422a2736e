// A chair action that cannot be undone (remove, ban, end the meeting), run from its confirmation
// (lib/ui/ConfirmDialog): a refusal is shown in the dialog, success closes it.
import { useState } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import { ConfirmDialog } from '../../lib/ui/ConfirmDialog';
import { panelErrorKey } from './panel-error';

const TEST_IDS = { dialog: 'confirm-dialog', accept: 'confirm-accept', cancel: 'confirm-cancel', error: 'confirm-error' } as const;

export function ChairConfirmDialog({
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
    <ConfirmDialog
      title={title}
      text={text}
      acceptLabel={busy ? t('meeting.panels.working') : confirmLabel}
      cancelLabel={t('meeting.panels.cancel')}
      onAccept={() => void confirm()}
      onCancel={onClose}
      busy={busy}
      error={error === null ? null : t(panelErrorKey(error))}
      testIds={TEST_IDS}
    />
  );
}
