import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import type { Problem } from '../problem';

/**
 * A translated error with the request ID underneath, announced to screen readers. `detail` is
 * more of the same alert (e.g. how many sign-in attempts remain), between the two.
 */
export function ErrorMessage({
  problem,
  testId,
  id,
  detail,
}: {
  problem: Problem | null;
  testId: string;
  id?: string;
  detail?: ReactNode;
}) {
  const { t } = useI18n();
  if (problem === null) return null;
  return (
    <div className="error-message" role="alert" id={id}>
      <p className="error-message__text" data-testid={testId}>
        {t(problem.key, problem.params)}
      </p>
      {detail}
      {problem.requestId !== null && (
        <p className="error-message__request-id" data-testid="error-request-id">
          {t('error.requestId', { id: problem.requestId })}
        </p>
      )}
    </div>
  );
}
