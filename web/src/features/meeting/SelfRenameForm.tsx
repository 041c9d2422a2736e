// Renaming oneself in place on one's own row of the participant list (F6): 1–64 characters.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/translate';
import { CheckIcon, CloseIcon } from '../../lib/ui/icons';
import { checkDisplayName, DISPLAY_NAME_MAX, storeDisplayName } from './display-name';
import type { PanelSession } from './panel-session';
import { panelErrorKey } from './panel-error';

export function SelfRenameForm({ name, session, onDone }: { name: string; session: PanelSession; onDone: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [value, setValue] = useState(name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const check = checkDisplayName(value);
    if (!check.ok) {
      setError(check.reason === 'empty' ? 'meeting.name.error.empty' : 'meeting.name.error.tooLong');
      return;
    }
    if (check.name === name) {
      onDone();
      return;
    }
    setBusy(true);
    setError(null);
    const code = await session.tryRequest({ type: 'rename', displayName: check.name });
    setBusy(false);
    if (code === null) {
      // The next meeting's pre-join form suggests the new name.
      storeDisplayName(check.name);
      onDone();
    } else {
      setError(panelErrorKey(code));
    }
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape') {
      // Cancels the rename, not the side panel.
      event.stopPropagation();
      onDone();
    }
  }

  return (
    <form className="self-rename" onSubmit={(event) => void submit(event)} noValidate>
      <label className="visually-hidden" htmlFor={`${id}-name`}>
        {t('meeting.people.renameLabel')}
      </label>
      <div className="self-rename__row">
        <input
          ref={input}
          id={`${id}-name`}
          type="text"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={handleKeyDown}
          maxLength={DISPLAY_NAME_MAX * 2}
          autoComplete="nickname"
          aria-invalid={error !== null}
          aria-describedby={error !== null ? `${id}-error` : undefined}
          data-testid="rename-input"
        />
        <button
          className="panel-icon-button panel-icon-button--primary"
          type="submit"
          disabled={busy}
          aria-label={t('meeting.panels.save')}
          title={t('meeting.panels.save')}
          data-testid="rename-save"
        >
          <CheckIcon />
        </button>
        <button className="panel-icon-button" type="button" onClick={onDone} aria-label={t('meeting.panels.cancel')} title={t('meeting.panels.cancel')}>
          <CloseIcon />
        </button>
      </div>
      {error !== null && (
        <p className="field__error self-rename__error" id={`${id}-error`} role="alert" data-testid="rename-error">
          {t(error)}
        </p>
      )}
    </form>
  );
}
