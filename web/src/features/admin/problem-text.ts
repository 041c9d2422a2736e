// A Problem as one line of text, for places that take a string (the confirmation dialog's
// refusal): the translated error, then the request ID to quote to support.
import type { MessageKey, MessageParams } from '../../lib/i18n/translate';
import type { Problem } from '../../lib/problem';

export function problemText(problem: Problem, t: (key: MessageKey, params?: MessageParams) => string): string {
  const text = t(problem.key, problem.params);
  return problem.requestId === null ? text : `${text} ${t('error.requestId', { id: problem.requestId })}`;
}
