// A modal yes/no question before something that cannot be undone. Focus starts on "cancel" (the
// safe answer), Tab stays inside, Escape cancels, and focus returns to where it was on close.
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly body: string;
  readonly acceptLabel: string;
  readonly cancelLabel: string;
  readonly onAccept: () => void;
  readonly onCancel: () => void;
  /** While the accepted action runs: both buttons inert, Escape ignored. */
  readonly busy?: boolean;
  readonly acceptTestId?: string;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, body, acceptLabel, cancelLabel, onAccept, onCancel, busy = false, acceptTestId } = props;
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancel.current?.focus();
    return () => {
      if (opener?.isConnected === true) opener.focus();
    };
  }, []);

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      if (!busy) onCancel();
      return;
    }
    if (event.key !== 'Tab' || dialog.current === null) return;
    const buttons = Array.from(dialog.current.querySelectorAll<HTMLElement>('button'));
    const first = buttons[0];
    const last = buttons[buttons.length - 1];
    if (first === undefined || last === undefined) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <div className="confirm-dialog-backdrop">
      <div
        className="confirm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        ref={dialog}
        onKeyDown={handleKeyDown}
      >
        <h2 className="confirm-dialog__title" id={`${id}-title`}>
          {title}
        </h2>
        <p className="confirm-dialog__body" id={`${id}-body`}>
          {body}
        </p>
        <div className="confirm-dialog__actions">
          <button className="button" type="button" ref={cancel} onClick={() => !busy && onCancel()} aria-disabled={busy}>
            {cancelLabel}
          </button>
          <button
            className="button button--destructive"
            type="button"
            onClick={() => !busy && onAccept()}
            aria-disabled={busy}
            data-testid={acceptTestId}
          >
            {acceptLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
