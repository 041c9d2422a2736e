// "Lên lịch": title, start time (local), optional password, waiting room, guests, size limit and
// start muted. Checked before sending (schedule-form.ts); the field at fault gets the focus.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { createRoom } from '../../lib/api';
import type { CreatedRoom } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n/i18n';
import { localProblem, problemFrom, type Problem } from '../../lib/problem';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';
import { localTimeZone } from './meeting-time';
import {
  checkSchedule,
  defaultScheduleValues,
  MAX_PARTICIPANTS,
  MIN_PARTICIPANTS,
  toLocalDateTimeValue,
  type ScheduleField,
  type ScheduleValues,
} from './schedule-form';

export interface ScheduleFormProps {
  /** `password` is the one just set (null if none), for the invitation text. */
  readonly onCreated: (created: CreatedRoom, password: string | null) => void;
  readonly onCancel: () => void;
  /** The clock, replaceable in tests. */
  readonly now?: () => number;
}

export function ScheduleForm({ onCreated, onCancel, now = Date.now }: ScheduleFormProps) {
  const { t } = useI18n();
  const id = useId();
  const [values, setValues] = useState<ScheduleValues>(() => defaultScheduleValues(now()));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [badField, setBadField] = useState<ScheduleField | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const fields = {
    title: useRef<HTMLInputElement>(null),
    when: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    maxParticipants: useRef<HTMLInputElement>(null),
  } satisfies Record<ScheduleField, unknown>;
  const titleInput = fields.title;

  useEffect(() => {
    titleInput.current?.focus();
  }, [titleInput]);

  function set<K extends keyof ScheduleValues>(key: K, value: ScheduleValues[K]) {
    setValues((prev) => ({ ...prev, [key]: value }));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const checked = checkSchedule(values, now());
    if (!checked.ok) {
      setProblem(localProblem(checked.key));
      setBadField(checked.field);
      fields[checked.field].current?.focus();
      return;
    }
    setProblem(null);
    setBadField(null);
    setSubmitting(true);
    try {
      const created = await createRoom(checked.request);
      onCreated(created, checked.request.password ?? null);
    } catch (error: unknown) {
      setProblem(problemFrom(error, 'home'));
      setSubmitting(false);
    }
  }

  const errorId = `${id}-error`;
  const invalid = (field: ScheduleField) => badField === field;
  const describedBy = (field: ScheduleField, hintId: string) => (invalid(field) ? `${hintId} ${errorId}` : hintId);

  return (
    <form className="form schedule-form" onSubmit={handleSubmit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="schedule-form__heading">
        {t('home.rooms.form.heading')}
      </h3>

      <div className="field">
        <label htmlFor={`${id}-title`}>{t('home.rooms.form.name')}</label>
        <input
          id={`${id}-title`}
          type="text"
          autoComplete="off"
          value={values.title}
          onChange={(e) => set('title', e.target.value)}
          ref={fields.title}
          aria-invalid={invalid('title')}
          aria-describedby={describedBy('title', `${id}-title-hint`)}
          data-testid="schedule-title"
        />
        <p className="field__hint" id={`${id}-title-hint`}>
          {t('home.rooms.form.nameHint')}
        </p>
      </div>

      <div className="schedule-form__row">
        <div className="field">
          <label htmlFor={`${id}-when`}>{t('home.rooms.form.when')}</label>
          <input
            id={`${id}-when`}
            type="datetime-local"
            min={toLocalDateTimeValue(now())}
            value={values.when}
            onChange={(e) => set('when', e.target.value)}
            ref={fields.when}
            aria-invalid={invalid('when')}
            aria-describedby={describedBy('when', `${id}-when-hint`)}
            data-testid="schedule-time"
          />
          <p className="field__hint" id={`${id}-when-hint`}>
            {t('home.rooms.form.whenHint', { zone: localTimeZone() })}
          </p>
        </div>

        <div className="field">
          <label htmlFor={`${id}-max`}>{t('home.rooms.form.max')}</label>
          <input
            id={`${id}-max`}
            type="number"
            inputMode="numeric"
            min={MIN_PARTICIPANTS}
            max={MAX_PARTICIPANTS}
            step={1}
            value={values.maxParticipants}
            onChange={(e) => set('maxParticipants', e.target.value)}
            ref={fields.maxParticipants}
            aria-invalid={invalid('maxParticipants')}
            aria-describedby={describedBy('maxParticipants', `${id}-max-hint`)}
            data-testid="schedule-max"
          />
          <p className="field__hint" id={`${id}-max-hint`}>
            {t('home.rooms.form.maxHint')}
          </p>
        </div>
      </div>

      <div className="field">
        <label htmlFor={`${id}-password`}>{t('home.rooms.form.password')}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={(e) => set('password', e.target.value)}
          ref={fields.password}
          aria-invalid={invalid('password')}
          aria-describedby={describedBy('password', `${id}-password-hint`)}
          data-testid="schedule-password"
        />
        <p className="field__hint" id={`${id}-password-hint`}>
          {t('home.rooms.form.passwordHint')}
        </p>
      </div>

      <fieldset className="schedule-form__options">
        <legend className="visually-hidden">{t('home.rooms.badges')}</legend>
        <Check
          id={`${id}-lobby`}
          checked={values.lobbyEnabled}
          onChange={(on) => set('lobbyEnabled', on)}
          label={t('home.rooms.form.lobby')}
          hint={t('home.rooms.form.lobbyHint')}
          testId="schedule-lobby"
        />
        <Check
          id={`${id}-guests`}
          checked={values.allowGuests}
          onChange={(on) => set('allowGuests', on)}
          label={t('home.rooms.form.guests')}
          hint={t('home.rooms.form.guestsHint')}
          testId="schedule-guests"
        />
        <Check
          id={`${id}-muted`}
          checked={values.startMuted}
          onChange={(on) => set('startMuted', on)}
          label={t('home.rooms.form.startMuted')}
          hint={t('home.rooms.form.startMutedHint')}
          testId="schedule-start-muted"
        />
      </fieldset>

      <ErrorMessage problem={problem} testId="schedule-error" id={errorId} />

      <div className="schedule-form__actions">
        <button className="button button--primary" type="submit" aria-disabled={submitting} data-testid="schedule-submit">
          {submitting ? t('home.rooms.form.submitting') : t('home.rooms.form.submit')}
        </button>
        <button className="button" type="button" onClick={onCancel}>
          {t('home.rooms.form.cancel')}
        </button>
      </div>
    </form>
  );
}

interface CheckProps {
  readonly id: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly label: string;
  readonly hint: string;
  readonly testId: string;
}

/** A checkbox with its label beside it and an explanation underneath. */
function Check({ id, checked, onChange, label, hint, testId }: CheckProps) {
  return (
    <div className="home-check-field">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={`${id}-hint`}
        data-testid={testId}
      />
      <label htmlFor={id}>{label}</label>
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  );
}
