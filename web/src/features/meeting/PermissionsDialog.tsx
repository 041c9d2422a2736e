// A chair sets what one participant may do: share content, record audio, record video.
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/translate';
import type { Participant, Permissions } from '../../lib/signaling/messages';
import { Dialog } from '../../lib/ui/Dialog';
import type { PanelSession } from './panel-session';
import { panelErrorKey } from './panel-error';

const PERMISSIONS: readonly { key: keyof Permissions; text: MessageKey; testId: string }[] = [
  { key: 'shareContent', text: 'meeting.chair.shareContent', testId: 'permission-share-content' },
  { key: 'recordAudio', text: 'meeting.chair.recordAudio', testId: 'permission-record-audio' },
  { key: 'recordVideo', text: 'meeting.chair.recordVideo', testId: 'permission-record-video' },
];

export function PermissionsDialog({ person, session, onClose }: { person: Participant; session: PanelSession; onClose: () => void }) {
  const { t } = useI18n();
  const [permissions, setPermissions] = useState<Permissions>(person.permissions);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    // All three: the server replaces the participant's permissions.
    const code = await session.tryRequest({ type: 'moderate', action: 'setPermissions', target: person.participantId, permissions });
    setBusy(false);
    if (code === null) onClose();
    else setError(code);
  }

  return (
    <Dialog title={t('meeting.chair.permissionsTitle', { name: person.displayName })} onClose={onClose} testId="permissions-dialog">
      <form className="form" onSubmit={(event) => void submit(event)}>
        <fieldset className="panel-fieldset">
          <legend className="visually-hidden">{t('meeting.chair.permissionsTitle', { name: person.displayName })}</legend>
          {PERMISSIONS.map(({ key, text, testId }, index) => (
            <label className="panel-check" key={key}>
              <input
                type="checkbox"
                checked={permissions[key]}
                onChange={(event) => setPermissions({ ...permissions, [key]: event.target.checked })}
                data-testid={testId}
                {...(index === 0 ? { 'data-autofocus': true } : {})}
              />
              <span>{t(text)}</span>
            </label>
          ))}
        </fieldset>
        {error !== null && (
          <p className="field__error" role="alert" data-testid="permissions-error">
            {t(panelErrorKey(error))}
          </p>
        )}
        <div className="dialog__actions">
          <button className="button" type="button" onClick={onClose}>
            {t('meeting.panels.cancel')}
          </button>
          <button className="button button--primary" type="submit" disabled={busy} data-testid="permissions-save">
            {busy ? t('meeting.panels.saving') : t('meeting.panels.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
