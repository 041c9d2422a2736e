// Chairs: actions on the whole room at the top of the participant list: mute everyone (and
// whether they may unmute), let everyone unmute, lock the room, the room settings, the display
// priority mode, end the meeting. Collapsible, for room to see the list.
import { useId, useState } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { RoomSettings } from '../../lib/signaling/messages';
import { LockIcon } from '../../lib/ui/icons';
import type { PanelSession } from './panel-session';
import { ChevronIcon, MicrophoneIcon } from './icons';
import { EndCallIcon, SettingsIcon, SortIcon, UnlockIcon } from './panel-icons';

export function ChairRoomActions({
  settings,
  anyoneLocked,
  session,
  onError,
  onOpenSettings,
  onEndMeeting,
  ordering,
  onToggleOrdering,
}: {
  settings: RoomSettings | null;
  /** Someone's microphone is locked by a chair: offer to let everyone unmute. */
  anyoneLocked: boolean;
  session: PanelSession;
  onError: (code: string | null) => void;
  onOpenSettings: () => void;
  onEndMeeting: () => void;
  /** The display-priority ordering mode of the list (up and down buttons on each row). */
  ordering: boolean;
  onToggleOrdering: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [lock, setLock] = useState(false);
  const [busy, setBusy] = useState(false);
  const [expanded, setExpanded] = useState(true);
  const locked = settings?.locked ?? false;

  async function run(request: Parameters<PanelSession['tryRequest']>[0]) {
    onError(null);
    setBusy(true);
    const code = await session.tryRequest(request);
    setBusy(false);
    if (code !== null) onError(code);
  }

  return (
    <section className="panel-section chair-actions" aria-labelledby={`${id}-title`}>
      <div className="chair-actions__header">
        <h3 className="panel-section__title" id={`${id}-title`}>
          {t('meeting.chair.roomActions')}
        </h3>
        <button
          className="panel-icon-button panel-icon-button--small"
          type="button"
          aria-expanded={expanded}
          aria-controls={`${id}-body`}
          aria-label={expanded ? t('meeting.chair.collapse') : t('meeting.chair.expand')}
          title={expanded ? t('meeting.chair.collapse') : t('meeting.chair.expand')}
          onClick={() => setExpanded(!expanded)}
        >
          <ChevronIcon direction={expanded ? 'up' : 'down'} />
        </button>
      </div>
      {expanded && (
        <div className="chair-actions__body" id={`${id}-body`}>
          <div className="chair-actions__grid">
            <button
              className="button panel-button"
              type="button"
              disabled={busy}
              onClick={() => void run({ type: 'moderate', action: 'muteAll', lock })}
              data-testid="chair-mute-all"
            >
              <MicrophoneIcon off />
              {t('meeting.chair.muteAll')}
            </button>
            <button
              className={`button panel-button${locked ? ' panel-button--pressed' : ''}`}
              type="button"
              aria-pressed={locked}
              disabled={busy || settings === null}
              title={locked ? t('meeting.chair.unlockRoom') : t('meeting.chair.lockRoom')}
              onClick={() => void run({ type: 'moderate', action: 'updateSettings', settings: { locked: !locked } })}
              data-testid="chair-lock-room"
            >
              {locked ? <LockIcon /> : <UnlockIcon />}
              {t('meeting.chair.lockRoom')}
            </button>
            <label className="panel-check panel-check--inline chair-actions__wide">
              <input type="checkbox" checked={lock} onChange={(event) => setLock(event.target.checked)} data-testid="chair-mute-all-lock" />
              <span>{t('meeting.chair.muteAllLock')}</span>
            </label>
            {anyoneLocked && (
              <button
                className="button panel-button chair-actions__wide"
                type="button"
                disabled={busy}
                onClick={() => void run({ type: 'moderate', action: 'allowUnmute' })}
                data-testid="chair-allow-unmute-all"
              >
                <MicrophoneIcon />
                {t('meeting.chair.allowUnmuteAll')}
              </button>
            )}
            <button className="button panel-button" type="button" disabled={settings === null} onClick={onOpenSettings} data-testid="chair-room-settings">
              <SettingsIcon />
              {t('meeting.chair.roomSettings')}
            </button>
            <button
              className={`button panel-button${ordering ? ' panel-button--pressed' : ''}`}
              type="button"
              aria-pressed={ordering}
              onClick={onToggleOrdering}
              data-testid="people-priority-mode"
            >
              <SortIcon />
              {t('meeting.people.priorityMode')}
            </button>
            <button
              className="button button--danger panel-button chair-actions__wide"
              type="button"
              onClick={onEndMeeting}
              data-testid="chair-end-meeting"
            >
              <EndCallIcon />
              {t('meeting.chair.endMeeting')}
            </button>
          </div>
          {locked && <p className="chair-actions__notice">{t('meeting.chair.lockedNotice')}</p>}
        </div>
      )}
    </section>
  );
}
