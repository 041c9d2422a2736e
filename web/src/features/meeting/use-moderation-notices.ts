// What the toolbar tells the participant after a chair's action on them: a short notice that
// goes away by itself ("Người chủ trì đã tắt micrô của bạn"), or the polite request to turn the
// microphone on, which stays until answered. Only actions that arrive while the toolbar is shown
// count (an old one is not announced again).
import { useEffect, useRef, useState } from 'react';
import type { ModeratedMessage, Role } from '../../lib/signaling/messages';
import { moderationEffect } from './moderation-effect';

/** How long the notice stays. */
export const MODERATION_NOTICE_MS = 8000;

export interface ModerationNotices {
  /** The action to tell about (its name: mute, muteAll, stopCamera, stopScreen); null: none. */
  readonly notice: string | null;
  /** A chair asked us to turn the microphone on. */
  readonly askUnmute: boolean;
  readonly dismissNotice: () => void;
  readonly dismissAskUnmute: () => void;
}

export function useModerationNotices(moderation: ModeratedMessage | null, role: Role | null): ModerationNotices {
  const [notice, setNotice] = useState<{ readonly action: string } | null>(null);
  const [askUnmute, setAskUnmute] = useState(false);
  const seen = useRef(moderation);

  useEffect(() => {
    if (moderation === null || moderation === seen.current) return;
    seen.current = moderation;
    const effect = moderationEffect(moderation, role);
    if (effect.askUnmute) setAskUnmute(true);
    // Muted again: the request is void.
    if (effect.turnOff === 'microphone') setAskUnmute(false);
    // A new object each time: the same action twice shows (and times) the notice again.
    if (effect.notice) setNotice({ action: moderation.action });
  }, [moderation, role]);

  useEffect(() => {
    if (notice === null) return undefined;
    const timer = setTimeout(() => setNotice(null), MODERATION_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  return {
    notice: notice?.action ?? null,
    askUnmute,
    dismissNotice: () => setNotice(null),
    dismissAskUnmute: () => setAskUnmute(false),
  };
}
