// A chair renames another participant (F6: e.g. an endpoint "Phòng họp Sở Y tế" for monitoring).
import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { Participant } from '../../lib/signaling/messages';
import { Dialog } from '../../lib/ui/Dialog';
import { checkDisplayName, DISPLAY_NAME_MAX } from './display-name';
import type { PanelSession } from './panel-session';
import { panelErrorKey } from './panel-error';

export function EndpointRenameDialog({ person, session, onClose }: { person: Participant; session: PanelSession; onClose: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [name, setName] = useState(person.displayName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ kind: 'local'; reason: 'empty' | 'tooLong' } | { kind: 'server'; code: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const check = checkDisplayName(name);
    if (!check.ok) {
      setError({ kind: 'local', reason: check.reason });
      return;
    }
    if (check.name === person.displayName) {
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    const code = await session.tryRequest({ type: 'moderate', action: 'rename', target: person.participantId, displayName: check.name });
    setBusy(false);
    if (code === null) onClose();
    else setError({ kind: 'server', code });
  }

  const errorText =
    error === null
      ? null
      : error.kind === 'local'
        ? t(error.reason === 'empty' ? 'meeting.name.error.empty' : 'meeting.name.error.tooLong')
        : t(panelErrorKey(error.code));

  return (
    <Dialog title={t('meeting.chair.renameTitle', { name: person.displayName })} onClose={onClose} testId="endpoint-rename-dialog">
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('meeting.chair.renameLabel')}</label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            onChange={(event) => setName(event.target.value)}
            maxLength={DISPLAY_NAME_MAX * 2}
            autoComplete="off"
            aria-invalid={error !== null}
            aria-describedby={`${id}-hint${errorText === null ? '' : ` ${id}-error`}`}
            data-autofocus
            data-testid="endpoint-rename-input"
          />
          <p className="field__hint" id={`${id}-hint`}>
            {t('meeting.chair.renameHint')}
          </p>
          {errorText !== null && (
            <p className="field__error" id={`${id}-error`} role="alert" data-testid="endpoint-rename-error">
              {errorText}
            </p>
          )}
        </div>
        <div className="dialog__actions">
          <button className="button" type="button" onClick={onClose}>
            {t('meeting.panels.cancel')}
          </button>
          <button className="button button--primary" type="submit" disabled={busy} data-testid="endpoint-rename-save">
            {busy ? t('meeting.panels.saving') : t('meeting.panels.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
