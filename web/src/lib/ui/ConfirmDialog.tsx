// "Are you sure?" before something that cannot be undone (deleting a room, removing someone,
// ending the meeting): a modal alertdialog whose focus starts on "cancel", the safe answer.
// While the accepted action runs both answers are inert (marked aria-disabled, so that focus
// stays on them) and Escape waits: the outcome is never hidden by a late cancel.
import { useId } from 'react';
import { Dialog } from './Dialog';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly text: string;
  readonly acceptLabel: string;
  readonly cancelLabel: string;
  readonly onAccept: () => void;
  readonly onCancel: () => void;
  readonly busy?: boolean;
  /** A refusal of the action, translated, shown under the text. */
  readonly error?: string | null;
  readonly testIds?: {
    readonly dialog?: string;
    readonly accept?: string;
    readonly cancel?: string;
    readonly error?: string;
  };
}

export function ConfirmDialog({ title, text, acceptLabel, cancelLabel, onAccept, onCancel, busy = false, error = null, testIds = {} }: ConfirmDialogProps) {
  const id = useId();
  const cancel = () => {
    if (!busy) onCancel();
  };
  return (
    <Dialog title={title} onClose={cancel} alert describedBy={`${id}-text`} testId={testIds.dialog}>
      <p className="dialog__text" id={`${id}-text`}>
        {text}
      </p>
      {error !== null && (
        <p className="field__error" role="alert" data-testid={testIds.error}>
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button className="button" type="button" onClick={cancel} aria-disabled={busy} data-testid={testIds.cancel} data-autofocus>
          {cancelLabel}
        </button>
        <button
          className="button button--danger"
          type="button"
          onClick={() => {
            if (!busy) onAccept();
          }}
          aria-disabled={busy}
          data-testid={testIds.accept}
        >
          {acceptLabel}
        </button>
      </div>
    </Dialog>
  );
}
