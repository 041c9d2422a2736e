// "Tham gia cuộc họp": join by room code or link (F4). A pasted invitation link keeps its token,
// so that the invitation still lets the person in.
import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/translate';
import { parseRoomInput, roomPath } from '../../lib/room-id';
import { navigate } from '../../lib/router';

export function JoinCard({ className = 'card card--narrow' }: { className?: string }) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [errorKey, setErrorKey] = useState<MessageKey | null>(null);
  const id = useId();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseRoomInput(value);
    if (!parsed.ok) {
      setErrorKey(parsed.reason === 'empty' ? 'home.join.error.empty' : 'home.join.error.invalid');
      return;
    }
    setErrorKey(null);
    navigate(roomPath(parsed.roomId, parsed.inviteToken));
  }

  return (
    <section className={className} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('home.title')}</h2>
      <form className="form" onSubmit={handleSubmit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-room`}>{t('home.join.label')}</label>
          <p className="field__hint" id={`${id}-hint`}>
            {t('home.join.hint')}
          </p>
          <div className="join-row">
            <input
              id={`${id}-room`}
              type="text"
              inputMode="url"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-invalid={errorKey !== null}
              aria-describedby={errorKey !== null ? `${id}-hint ${id}-error` : `${id}-hint`}
              data-testid="home-join-input"
            />
            <button className="button button--primary" type="submit" data-testid="home-join-submit">
              {t('home.join.submit')}
            </button>
          </div>
          {errorKey !== null && (
            <p className="field__error" id={`${id}-error`} role="alert" data-testid="home-join-error">
              {t(errorKey)}
            </p>
          )}
        </div>
      </form>
    </section>
  );
}
