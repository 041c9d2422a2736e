// A modal dialog: over everything (a portal into <body>), focus moved in (the control marked
// `data-autofocus`, else the first one) and kept in (Tab cycles), Escape closes it (and only it,
// not a side panel behind), and focus goes back to what had it when the dialog opened.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { initialFocus, keepTabInside } from './focus-trap';
import { CloseIcon } from './icons';
import './dialog.css';

export interface DialogProps {
  readonly title: string;
  /** Escape, the close button and (with `closeOnBackdrop`) a click beside the dialog. */
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** A question that needs an answer (role alertdialog). */
  readonly alert?: boolean;
  readonly describedBy?: string | undefined;
  readonly wide?: boolean;
  /** A close button (×) beside the title, with this accessible name. */
  readonly closeLabel?: string;
  readonly closeOnBackdrop?: boolean;
  /** A class of the dialog box besides `dialog`, for what it holds. */
  readonly className?: string;
  readonly testId?: string | undefined;
}

export function Dialog({
  title,
  onClose,
  children,
  alert = false,
  describedBy,
  wide = false,
  closeLabel,
  closeOnBackdrop = false,
  className,
  testId,
}: DialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = ref.current;
    if (dialog !== null) (initialFocus(dialog) ?? dialog).focus();
    return () => {
      // The opener may be gone (a removed participant's row): focus then stays where the page puts it.
      if (opener?.isConnected === true) opener.focus();
    };
  }, []);

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      // Not the side panel's Escape too.
      event.stopPropagation();
      event.preventDefault();
      onClose();
      return;
    }
    if (ref.current !== null) keepTabInside(event, ref.current);
  }

  const classes = ['dialog', wide ? 'dialog--wide' : null, className ?? null].filter((name) => name !== null).join(' ');
  return createPortal(
    <div
      className="dialog-backdrop"
      onClick={
        closeOnBackdrop
          ? (event) => {
              if (event.target === event.currentTarget) onClose();
            }
          : undefined
      }
    >
      <div
        ref={ref}
        className={classes}
        role={alert ? 'alertdialog' : 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        data-testid={testId}
        onKeyDown={handleKeyDown}
      >
        <div className="dialog__header">
          <h2 className="dialog__title" id={titleId}>
            {title}
          </h2>
          {closeLabel !== undefined && (
            <button className="dialog__close" type="button" onClick={onClose} aria-label={closeLabel} title={closeLabel}>
              <CloseIcon />
            </button>
          )}
        </div>
        {children}
      </div>
    </div>,
    document.body,
  );
}
