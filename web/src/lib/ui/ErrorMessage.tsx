import { useI18n } from '../i18n/i18n';
import type { Problem } from '../problem';

/** A translated error with the request ID underneath, announced to screen readers. */
export function ErrorMessage({ problem, testId, id }: { problem: Problem | null; testId: string; id?: string }) {
  const { t } = useI18n();
  if (problem === null) return null;
  return (
    <div className="error-message" role="alert" id={id}>
      <p className="error-message__text" data-testid={testId}>
        {t(problem.key)}
      </p>
      {problem.requestId !== null && (
        <p className="error-message__request-id" data-testid="error-request-id">
          {t('error.requestId', { id: problem.requestId })}
        </p>
      )}
    </div>
  );
}
