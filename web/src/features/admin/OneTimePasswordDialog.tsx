// The one-time password of a new or reset account, shown once: the server keeps only its hash,
// so the dialog says it will not be shown again, offers a copy button (or selects the text for a
// copy by hand where the clipboard is refused) and stays open until the administrator closes it.
import { useId, useRef, useState } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import { Dialog } from '../../lib/ui/Dialog';
import { copyText } from '../home/clipboard';

export interface OneTimePasswordDialogProps {
  readonly username: string;
  readonly password: string;
  /** Why there is a new password: a new account, or an administrator's reset. */
  readonly reason: 'created' | 'reset';
  readonly onClose: () => void;
}

export function OneTimePasswordDialog({ username, password, reason, onClose }: OneTimePasswordDialogProps) {
  const { t } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);

  async function copy() {
    const ok = await copyText(password);
    if (!ok) input.current?.select();
    setCopied(ok);
  }

  return (
    <Dialog
      title={t(reason === 'created' ? 'console.users.otp.titleCreated' : 'console.users.otp.titleReset')}
      onClose={onClose}
      describedBy={`${id}-warning`}
      wide
      className="admin-dialog"
      testId="one-time-password-dialog"
    >
      <p className="dialog__text">{t('console.users.otp.intro', { username })}</p>
      <label className="otp__label" htmlFor={`${id}-value`}>
        {t('console.users.otp.label')}
      </label>
      <div className="otp__row">
        <input
          id={`${id}-value`}
          className="otp__value"
          type="text"
          readOnly
          value={password}
          ref={input}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          autoComplete="off"
          data-testid="one-time-password"
        />
        <button className="button" type="button" onClick={() => void copy()} data-testid="one-time-password-copy">
          {t('console.users.otp.copy')}
        </button>
      </div>
      <p className={copied === false ? 'copy-note copy-note--failed' : 'copy-note'} role="status">
        {copied === null ? '' : t(copied ? 'console.users.otp.copied' : 'console.users.otp.copyFailed')}
      </p>
      <p className="notice notice--warning" id={`${id}-warning`} data-testid="one-time-password-warning">
        {t('console.users.otp.warning')}
      </p>
      <div className="dialog__actions">
        <button className="button button--primary" type="button" onClick={onClose} data-testid="one-time-password-close">
          {t('console.users.otp.close')}
        </button>
      </div>
    </Dialog>
  );
}
