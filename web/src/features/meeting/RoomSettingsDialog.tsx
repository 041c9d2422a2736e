// The room's settings, for chairs during the meeting: title, password, waiting room, guests,
// participant limit, start muted, participants' default permissions. Saves only what changed
// (`moderate updateSettings`); the locked state has its own button in the panel.
import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/translate';
import type { RoomSettings } from '../../lib/signaling/messages';
import { Dialog } from '../../lib/ui/Dialog';
import type { PanelSession } from './panel-session';
import { panelErrorKey } from './panel-error';
import {
  checkSettingsForm,
  formFromSettings,
  MAX_PARTICIPANTS_MAX,
  MAX_PARTICIPANTS_MIN,
  type SettingsField,
  type SettingsForm,
} from './room-settings-form';

type Flag = 'lobbyEnabled' | 'allowGuests' | 'startMuted' | 'mayShareContent' | 'mayRecordAudio' | 'mayRecordVideo';

const ACCESS_FLAGS: readonly { key: Flag; text: MessageKey; testId: string }[] = [
  { key: 'lobbyEnabled', text: 'meeting.chair.settingsLobby', testId: 'settings-lobby' },
  { key: 'allowGuests', text: 'meeting.chair.settingsGuests', testId: 'settings-guests' },
  { key: 'startMuted', text: 'meeting.chair.settingsStartMuted', testId: 'settings-start-muted' },
];

const PERMISSION_FLAGS: readonly { key: Flag; text: MessageKey; testId: string }[] = [
  { key: 'mayShareContent', text: 'meeting.chair.shareContent', testId: 'settings-share-content' },
  { key: 'mayRecordAudio', text: 'meeting.chair.recordAudio', testId: 'settings-record-audio' },
  { key: 'mayRecordVideo', text: 'meeting.chair.recordVideo', testId: 'settings-record-video' },
];

export function RoomSettingsDialog({ settings, session, onClose }: { settings: RoomSettings; session: PanelSession; onClose: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(settings));
  const [invalid, setInvalid] = useState<{ field: SettingsField; key: MessageKey } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const edit = (patch: Partial<SettingsForm>) => setForm((current) => ({ ...current, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const check = checkSettingsForm(settings, form);
    if (!check.ok) {
      setInvalid({ field: check.field, key: check.key });
      document.getElementById(`${id}-${check.field}`)?.focus();
      return;
    }
    setInvalid(null);
    if (Object.keys(check.changes).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    const code = await session.tryRequest({ type: 'moderate', action: 'updateSettings', settings: check.changes });
    setBusy(false);
    if (code === null) onClose();
    else setError(code);
  }

  const fieldError = (field: SettingsField) =>
    invalid?.field === field ? (
      <p className="field__error" id={`${id}-${field}-error`} data-testid="settings-error">
        {t(invalid.key)}
      </p>
    ) : null;
  const describedBy = (field: SettingsField, hint?: string) =>
    [hint, invalid?.field === field ? `${id}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;

  const checkbox = ({ key, text, testId }: { key: Flag; text: MessageKey; testId: string }) => (
    <label className="panel-check" key={key}>
      <input type="checkbox" checked={form[key]} onChange={(event) => edit({ [key]: event.target.checked })} data-testid={testId} />
      <span>{t(text)}</span>
    </label>
  );

  return (
    <Dialog title={t('meeting.chair.settingsTitle')} onClose={onClose} testId="room-settings-dialog" wide>
      <form className="form room-settings" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-title`}>{t('meeting.chair.settingsName')}</label>
          <input
            id={`${id}-title`}
            type="text"
            value={form.title}
            onChange={(event) => edit({ title: event.target.value })}
            aria-invalid={invalid?.field === 'title'}
            aria-describedby={describedBy('title')}
            autoComplete="off"
            data-autofocus
            data-testid="settings-title"
          />
          {fieldError('title')}
        </div>

        <div className="field">
          <label htmlFor={`${id}-password`}>{settings.passwordProtected ? t('meeting.chair.settingsPasswordNew') : t('meeting.chair.settingsPassword')}</label>
          <p className="field__hint" id={`${id}-password-state`}>
            {form.removePassword
              ? t('meeting.chair.settingsPasswordRemoved')
              : settings.passwordProtected
                ? t('meeting.chair.settingsPasswordSet')
                : t('meeting.chair.settingsPasswordNone')}
          </p>
          <div className="room-settings__password">
            <input
              id={`${id}-password`}
              type="password"
              value={form.password}
              onChange={(event) => edit({ password: event.target.value })}
              disabled={form.removePassword}
              autoComplete="new-password"
              aria-invalid={invalid?.field === 'password'}
              aria-describedby={describedBy('password', `${id}-password-state ${id}-password-hint`)}
              data-testid="settings-password"
            />
            {settings.passwordProtected && (
              <button
                className="button"
                type="button"
                aria-pressed={form.removePassword}
                onClick={() => edit({ removePassword: !form.removePassword, password: '' })}
                data-testid="settings-password-remove"
              >
                {t('meeting.chair.settingsPasswordRemove')}
              </button>
            )}
          </div>
          <p className="field__hint" id={`${id}-password-hint`}>
            {t('meeting.chair.settingsPasswordHint')}
          </p>
          {fieldError('password')}
        </div>

        <fieldset className="panel-fieldset">
          <legend>{t('meeting.chair.settingsAccess')}</legend>
          {ACCESS_FLAGS.map(checkbox)}
          <div className="field room-settings__max">
            <label htmlFor={`${id}-maxParticipants`}>{t('meeting.chair.settingsMax')}</label>
            <input
              id={`${id}-maxParticipants`}
              className="panel-number"
              type="number"
              inputMode="numeric"
              min={MAX_PARTICIPANTS_MIN}
              max={MAX_PARTICIPANTS_MAX}
              step={1}
              value={form.maxParticipants}
              onChange={(event) => edit({ maxParticipants: event.target.value })}
              aria-invalid={invalid?.field === 'maxParticipants'}
              aria-describedby={describedBy('maxParticipants', `${id}-max-hint`)}
              data-testid="settings-max"
            />
            <p className="field__hint" id={`${id}-max-hint`}>
              {t('meeting.chair.settingsMaxHint')}
            </p>
            {fieldError('maxParticipants')}
          </div>
        </fieldset>

        <fieldset className="panel-fieldset">
          <legend>{t('meeting.chair.settingsDefaults')}</legend>
          {PERMISSION_FLAGS.map(checkbox)}
        </fieldset>

        {error !== null && (
          <p className="field__error" role="alert" data-testid="settings-error">
            {t(panelErrorKey(error, 'settings'))}
          </p>
        )}
        <div className="dialog__actions">
          <button className="button" type="button" onClick={onClose}>
            {t('meeting.panels.cancel')}
          </button>
          <button className="button button--primary" type="submit" disabled={busy} data-testid="settings-save">
            {busy ? t('meeting.panels.saving') : t('meeting.panels.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
