// Before joining: the room ID and the display name (remembered from the last meeting, else the
// signed-in user's name). The join click is also the user gesture that lets audio play.
import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/translate';
import { Link } from '../../lib/router';
import { useSession } from '../../lib/session';
import { checkDisplayName, DISPLAY_NAME_MAX, readStoredDisplayName } from './display-name';

const NAME_ERRORS: Readonly<Record<'empty' | 'tooLong', MessageKey>> = {
  empty: 'meeting.name.error.empty',
  tooLong: 'meeting.name.error.tooLong',
};

export function PrejoinForm({ roomId, onJoin }: { roomId: string; onJoin: (displayName: string) => void }) {
  const { t } = useI18n();
  const { state } = useSession();
  const signedInName = state.status === 'authenticated' ? state.session.user.displayName : '';
  const [name, setName] = useState(() => readStoredDisplayName() ?? signedInName);
  const [errorKey, setErrorKey] = useState<MessageKey | null>(null);
  const id = useId();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = checkDisplayName(name);
    if (!checked.ok) {
      setErrorKey(NAME_ERRORS[checked.reason]);
      return;
    }
    setErrorKey(null);
    onJoin(checked.name);
  }

  return (
    <section className="card card--narrow" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('meeting.prejoin.title')}</h1>
      <p className="room-id">
        <span className="room-id__label">{t('room.idLabel')}</span>{' '}
        <code className="room-id__value" data-testid="room-id">
          {roomId}
        </code>
      </p>
      <form className="form" onSubmit={handleSubmit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('meeting.prejoin.name')}</label>
          <p className="field__hint" id={`${id}-hint`}>
            {t('meeting.prejoin.nameHint')}
          </p>
          <input
            id={`${id}-name`}
            type="text"
            autoComplete="name"
            maxLength={DISPLAY_NAME_MAX * 2}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={errorKey !== null}
            aria-describedby={errorKey !== null ? `${id}-hint ${id}-error` : `${id}-hint`}
            data-testid="meeting-name-input"
          />
          {errorKey !== null && (
            <p className="field__error" id={`${id}-error`} role="alert" data-testid="meeting-name-error">
              {t(errorKey)}
            </p>
          )}
        </div>
        <p className="field__hint">{t('meeting.prejoin.mediaHint')}</p>
        <div className="prejoin__actions">
          <button className="button button--primary" type="submit" data-testid="meeting-join">
            {t('meeting.prejoin.submit')}
          </button>
          <Link to="/">{t('room.backHome')}</Link>
        </div>
      </form>
    </section>
  );
}
