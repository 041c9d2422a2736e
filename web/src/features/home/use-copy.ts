// Copy buttons' shared feedback: which thing was copied, or that copying must be done by hand
// (then the caller selects the text so that Ctrl+C is all that is left to do).
import { useCallback, useState } from 'react';
import type { MessageKey } from '../../lib/i18n/translate';
import { copyText } from './clipboard';

export type CopyWhat = 'link' | 'code' | 'invitation';

const COPIED: Readonly<Record<CopyWhat, MessageKey>> = {
  link: 'home.rooms.copied.link',
  code: 'home.rooms.copied.code',
  invitation: 'home.rooms.copied.invitation',
};

export interface CopyFeedback {
  /** What to announce after the last copy, or null before any. */
  readonly messageKey: MessageKey | null;
  readonly failed: boolean;
  copy(what: CopyWhat, text: string, selectForManualCopy?: () => void): Promise<void>;
}

export function useCopy(): CopyFeedback {
  const [state, setState] = useState<{ what: CopyWhat; ok: boolean } | null>(null);
  const copy = useCallback(async (what: CopyWhat, text: string, selectForManualCopy?: () => void) => {
    const ok = await copyText(text);
    if (!ok) selectForManualCopy?.();
    setState({ what, ok });
  }, []);
  return {
    messageKey: state === null ? null : state.ok ? COPIED[state.what] : 'home.rooms.copyFailed',
    failed: state !== null && !state.ok,
    copy,
  };
}
