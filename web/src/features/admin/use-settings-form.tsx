// The load / edit / check / save cycle every console settings page shares: the document is read
// (a newer read aborts an older one), edited as form values, checked on the client — the first
// field at fault gets the focus — then saved; the answer to the save replaces the form. The
// pages keep what differs: their fields, their checks and how an error names a field.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey, MessageParams } from '../../lib/i18n/translate';
import { problemFrom, type Problem } from '../../lib/problem';
import { ErrorMessage } from '../../lib/ui/ErrorMessage';

export type SettingsLoad<Answer> =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly problem: Problem }
  | { readonly status: 'ready'; readonly answer: Answer };

/** What a page's check answers: the document to send, or the field at fault and why. */
export type SettingsCheck<Body, Invalid> =
  | { readonly ok: true; readonly body: Body }
  | { readonly ok: false; readonly invalid: Invalid };

/** A field at fault and its message, with parameters only when the check gave some. */
export interface FieldProblem<Field extends string> {
  readonly field: Field;
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

export function fieldProblem<Field extends string>(checked: {
  readonly field: Field;
  readonly key: MessageKey;
  readonly params?: MessageParams | undefined;
}): FieldProblem<Field> {
  const { field, key, params } = checked;
  return params === undefined ? { field, key } : { field, key, params };
}

/** The message of a field at fault, as the form's error line shows it. */
export function problemOfField<Field extends string>(invalid: FieldProblem<Field>): Problem {
  return invalid.params === undefined
    ? { key: invalid.key, requestId: null }
    : { key: invalid.key, requestId: null, params: invalid.params };
}

export interface SettingsFormSpec<Answer, Values, Body> {
  readonly load: (signal: AbortSignal) => Promise<Answer>;
  readonly save: (body: Body) => Promise<Answer>;
  readonly toValues: (answer: Answer) => Values;
  readonly updatedAt: (answer: Answer) => number | null;
  /** For problemFrom: the page's own texts for an error code, before the general ones. */
  readonly problemContext: string;
  readonly now: () => number;
  /** After a save took effect (e.g. the session carries rules just changed). */
  readonly onSaved?: () => void;
}

export function useSettingsForm<Answer, Values, Body, Field extends string, Invalid extends { readonly field: Field }>(
  spec: SettingsFormSpec<Answer, Values, Body>,
) {
  const [load, setLoad] = useState<SettingsLoad<Answer>>({ status: 'loading' });
  const [values, setValues] = useState<Values | null>(null);
  const [invalid, setInvalid] = useState<Invalid | null>(null);
  const [serverProblem, setServerProblem] = useState<Problem | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const inputs = useRef<Partial<Record<Field, HTMLElement | null>>>({});
  const controller = useRef<AbortController | null>(null);
  const specRef = useRef(spec);
  specRef.current = spec;

  const reload = useCallback(async () => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setLoad({ status: 'loading' });
    setInvalid(null);
    setServerProblem(null);
    setSavedAt(null);
    const { load: read, toValues, problemContext } = specRef.current;
    try {
      const answer = await read(current.signal);
      if (current.signal.aborted) return;
      setLoad({ status: 'ready', answer });
      setValues(toValues(answer));
    } catch (error: unknown) {
      if (!current.signal.aborted) setLoad({ status: 'failed', problem: problemFrom(error, problemContext) });
    }
  }, []);

  useEffect(() => {
    void reload();
    return () => controller.current?.abort();
  }, [reload]);

  /** Checks the form with `check` and saves what it returns; does nothing while a save runs. */
  async function submit(check: () => SettingsCheck<Body, Invalid>): Promise<void> {
    if (saving) return;
    setSavedAt(null);
    setServerProblem(null);
    const checked = check();
    if (!checked.ok) {
      setInvalid(checked.invalid);
      inputs.current[checked.invalid.field]?.focus();
      return;
    }
    setInvalid(null);
    setSaving(true);
    const { save, toValues, updatedAt, problemContext, now, onSaved } = specRef.current;
    try {
      const saved = await save(checked.body);
      setLoad({ status: 'ready', answer: saved });
      setValues(toValues(saved));
      setSavedAt(updatedAt(saved) ?? now());
      onSaved?.();
    } catch (error: unknown) {
      setServerProblem(problemFrom(error, problemContext));
    } finally {
      setSaving(false);
    }
  }

  /** Updates the form values (nothing before they are loaded). */
  function update(change: (values: Values) => Values) {
    setValues((prev) => (prev === null ? prev : change(prev)));
  }

  /** A ref callback that lets `submit` focus the field at fault. */
  function inputRef(field: Field) {
    return (element: HTMLElement | null) => {
      inputs.current[field] = element;
    };
  }

  return { load, values, invalid, serverProblem, savedAt, saving, reload, submit, update, inputRef };
}

/**
 * What a settings page shows before its form: "loading", or the load error with a retry button.
 * Null once the form can be shown.
 */
export function SettingsGate<Answer>({
  load,
  hasValues,
  reload,
  errorTestId,
}: {
  readonly load: SettingsLoad<Answer>;
  readonly hasValues: boolean;
  readonly reload: () => Promise<void>;
  readonly errorTestId: string;
}): ReactNode {
  const { t } = useI18n();
  if (load.status === 'loading' && !hasValues) return <p role="status">{t('app.loading')}</p>;
  return (
    <>
      <ErrorMessage problem={load.status === 'failed' ? load.problem : null} testId={errorTestId} />
      <button className="button" type="button" onClick={() => void reload()}>
        {t('error.retry')}
      </button>
    </>
  );
}
