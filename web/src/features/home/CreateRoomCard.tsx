// "Tạo phòng họp" for a signed-in user: "Họp ngay" creates a room with the server's defaults and
// a title naming the user; "Lên lịch" opens the form. Either way the result panel follows.
import { useEffect, useId, useRef, useState } from 'react';
import { createRoom } from '../../lib/api';
import type { CreatedRoom } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n/i18n';
import { problemFrom, type Problem } from '../../lib/problem';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import { CalendarIcon, VideoIcon } from './icons';
import { RoomCreated } from './RoomCreated';
import { ScheduleForm } from './ScheduleForm';
import { instantTitle } from './instant-title';

type Mode =
  | { readonly kind: 'choose' }
  | { readonly kind: 'schedule' }
  | { readonly kind: 'created'; readonly created: CreatedRoom; readonly password: string | null };

export interface CreateRoomCardProps {
  /** The signed-in user's display name, for the instant meeting's title. */
  readonly displayName: string;
  /** Told after every creation, so that the list of rooms can be re-read. */
  readonly onCreated?: (created: CreatedRoom) => void;
  readonly now?: () => number;
}

export function CreateRoomCard({ displayName, onCreated, now }: CreateRoomCardProps) {
  const { t } = useI18n();
  const id = useId();
  const [mode, setMode] = useState<Mode>({ kind: 'choose' });
  const [creating, setCreating] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  // Where focus goes back to when the choices reappear (after cancel or "create another").
  const returnFocus = useRef<'instant' | 'schedule' | null>(null);
  const instantButton = useRef<HTMLButtonElement>(null);
  const scheduleButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (mode.kind !== 'choose' || returnFocus.current === null) return;
    (returnFocus.current === 'instant' ? instantButton : scheduleButton).current?.focus();
    returnFocus.current = null;
  }, [mode]);

  function created(result: CreatedRoom, password: string | null) {
    setMode({ kind: 'created', created: result, password });
    onCreated?.(result);
  }

  async function handleInstant() {
    if (creating) return;
    setCreating(true);
    setProblem(null);
    try {
      created(await createRoom({ title: instantTitle(t, displayName), scheduledAt: null }), null);
    } catch (error: unknown) {
      setProblem(problemFrom(error, 'home'));
    } finally {
      setCreating(false);
    }
  }

  function backToChoices(focus: 'instant' | 'schedule') {
    returnFocus.current = focus;
    setMode({ kind: 'choose' });
  }

  return (
    <section className="card create-room" aria-labelledby={`${id}-title`} data-testid="create-room-card">
      <h2 id={`${id}-title`}>{t('home.rooms.create.title')}</h2>
      {mode.kind === 'choose' && (
        <>
          <p className="create-room__intro">{t('home.rooms.create.intro')}</p>
          <div className="create-room__choices" role="group" aria-label={t('home.rooms.create.choices')}>
            <button
              className="choice choice--primary"
              type="button"
              ref={instantButton}
              onClick={() => void handleInstant()}
              aria-disabled={creating}
              aria-describedby={`${id}-instant-hint`}
              data-testid="create-room-instant"
            >
              <VideoIcon className="choice__icon" />
              <span className="choice__label">{creating ? t('home.rooms.creating') : t('home.rooms.instant')}</span>
              <span className="choice__hint" id={`${id}-instant-hint`} aria-hidden="true">
                {t('home.rooms.instantHint')}
              </span>
            </button>
            <button
              className="choice"
              type="button"
              ref={scheduleButton}
              onClick={() => {
                setProblem(null);
                setMode({ kind: 'schedule' });
              }}
              aria-describedby={`${id}-schedule-hint`}
              data-testid="create-room-schedule"
            >
              <CalendarIcon className="choice__icon" />
              <span className="choice__label">{t('home.rooms.schedule')}</span>
              <span className="choice__hint" id={`${id}-schedule-hint`} aria-hidden="true">
                {t('home.rooms.scheduleHint')}
              </span>
            </button>
          </div>
          <ErrorMessage problem={problem} testId="create-room-error" />
        </>
      )}
      {mode.kind === 'schedule' && (
        <ScheduleForm onCreated={created} onCancel={() => backToChoices('schedule')} {...(now === undefined ? {} : { now })} />
      )}
      {mode.kind === 'created' && (
        <RoomCreated created={mode.created} password={mode.password} onAnother={() => backToChoices('instant')} />
      )}
    </section>
  );
}
