// The home page's copy controls (what was created, a renewed link): a copy button, the status
// line that says what was copied or that it must be copied by hand (use-copy.ts), and an
// invitation link shown read-only (selected on focus) with its copy button.
import type { RefObject } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import { CopyIcon } from './icons';
import type { CopyFeedback } from './use-copy';

export function CopyButton({ label, onCopy, compact = false, testId }: { label: string; onCopy: () => Promise<void>; compact?: boolean; testId?: string }) {
  return (
    <button className={compact ? 'button button--compact' : 'button'} type="button" onClick={() => void onCopy()} data-testid={testId}>
      <CopyIcon />
      {label}
    </button>
  );
}

export function CopyStatus({ feedback }: { feedback: CopyFeedback }) {
  const { t } = useI18n();
  return (
    <p className={feedback.failed ? 'copy-status copy-status--failed' : 'copy-status'} role="status">
      {feedback.messageKey === null ? '' : t(feedback.messageKey)}
    </p>
  );
}

export function LinkCopyRow({
  id,
  link,
  input,
  feedback,
  describedBy,
  testIds,
}: {
  id: string;
  link: string;
  input: RefObject<HTMLInputElement | null>;
  feedback: CopyFeedback;
  describedBy?: string;
  testIds: { link: string; copy: string };
}) {
  const { t } = useI18n();
  return (
    <div className="copy-row">
      <input
        id={id}
        type="text"
        readOnly
        value={link}
        ref={input}
        onFocus={(e) => e.currentTarget.select()}
        aria-describedby={describedBy}
        data-testid={testIds.link}
      />
      <CopyButton label={t('home.rooms.copyLink')} onCopy={() => feedback.copy('link', link, () => input.current?.select())} testId={testIds.copy} />
    </div>
  );
}
