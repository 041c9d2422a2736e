// The list of keyboard shortcuts (opened with ? or the toolbar's keyboard button): a modal dialog
// (lib/ui/Dialog) that also closes with its close button or a click on the backdrop.
import { useId } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import { Dialog } from '../../lib/ui/Dialog';
import { SHORTCUT_LIST } from './use-shortcuts';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <Dialog
      title={t('meeting.controls.shortcuts.title')}
      onClose={onClose}
      describedBy={`${id}-intro`}
      closeLabel={t('meeting.controls.shortcuts.close')}
      closeOnBackdrop
      className="shortcuts-dialog"
      testId="shortcuts-dialog"
    >
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
    </Dialog>
  );
}
