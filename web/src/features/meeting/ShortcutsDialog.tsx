// The list of keyboard shortcuts (opened with ? or the toolbar's keyboard button): a modal dialog
// that keeps focus inside (Tab cycles), closes with Escape, the close button or a click on the
// backdrop, and gives focus back to what had it before.
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import { CloseIcon } from './icons';
import { SHORTCUT_LIST } from './use-shortcuts';

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeButton.current?.focus();
    return () => previous?.focus();
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      // Closes this only (not the side panel behind it).
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = [...(dialog.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
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
    <div
      className="shortcuts-backdrop"
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={dialog}
        className="shortcuts-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-intro`}
        onKeyDown={onKeyDown}
        data-testid="shortcuts-dialog"
      >
        <div className="shortcuts-dialog__header">
          <h2 id={`${id}-title`}>{t('meeting.controls.shortcuts.title')}</h2>
          <button
            ref={closeButton}
            type="button"
            className="shortcuts-dialog__close"
            onClick={onClose}
            aria-label={t('meeting.controls.shortcuts.close')}
            title={t('meeting.controls.shortcuts.close')}
          >
            <CloseIcon />
          </button>
        </div>
        <p id={`${id}-intro`} className="shortcuts-dialog__intro">
          {t('meeting.controls.shortcuts.intro')}
        </p>
        <table className="shortcuts-dialog__table">
          <thead>
            <tr>
              <th scope="col">{t('meeting.controls.shortcuts.key')}</th>
              <th scope="col">{t('meeting.controls.shortcuts.action')}</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUT_LIST.map((shortcut) => (
              <tr key={shortcut.key}>
                <td>
                  <kbd>{shortcut.key}</kbd>
                </td>
                <td>{t(shortcut.text)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
