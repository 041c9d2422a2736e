// The meeting: the bar (title, room code, status), messages (errors, device notices), the stage
// (Stage.tsx), and once in the room the toolbar (Toolbar.tsx: own media, panels, leave); while in
// the lobby, a waiting screen instead (status `waiting`, with its own leave button).
import { useId, useRef, useState, useSyncExternalStore } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import { errorMessageKey, type MessageKey } from '../../lib/i18n/translate';
import { resumePlayback } from './MediaElements';
import type { ConnectionStatus, MeetingSession, MeetingSnapshot } from './meeting-session';
import { CAMERA_TEXT, MICROPHONE_TEXT } from './device-text';
import type { SidePanelName } from './side-panel-name';
import { SidePanel } from './SidePanel';
import { Stage } from './Stage';
import { Toolbar } from './Toolbar';

const STATUS_TEXT: Readonly<Record<ConnectionStatus, MessageKey>> = {
  connecting: 'meeting.status.connecting',
  waiting: 'meeting.status.waiting',
  connected: 'meeting.status.connected',
  reconnecting: 'meeting.status.reconnecting',
  failed: 'meeting.status.failed',
};


/** The sentences explaining which device is missing and why (empty when both work). */
function mediaNotice(media: MeetingSnapshot['media']): MessageKey[] {
  if (media === null) return [];
  if (media.video === 'unsupported' || media.audio === 'unsupported') return ['meeting.media.unsupported', 'meeting.media.watchOnly'];
  const keys: MessageKey[] = [];
  if (media.video !== 'ok') keys.push(CAMERA_TEXT[media.video]);
  if (media.audio !== 'ok') keys.push(MICROPHONE_TEXT[media.audio]);
  if (media.video !== 'ok' && media.audio !== 'ok') keys.push('meeting.media.watchOnly');
  return keys;
}

export function MeetingView({
  session,
  onLeave,
  onRejoin,
}: {
  session: MeetingSession;
  onLeave: () => Promise<void>;
  onRejoin: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const [leaving, setLeaving] = useState(false);
  const [audioBlocked, setAudioBlocked] = useState(false);
  // Opened and closed by the toolbar and the panel itself (and keyboard shortcuts).
  const [panel, setPanel] = useState<SidePanelName | null>(null);
  const stage = useRef<HTMLDivElement>(null);

  const { connection, fatal, problem } = snapshot;
  const notice = mediaNotice(snapshot.media);

  async function handleLeave() {
    setLeaving(true);
    await onLeave();
  }

  const status = (
    <p className={`meeting-status meeting-status--${connection}`} role="status" data-testid="meeting-status" data-status={connection}>
      <span className="meeting-status__dot" aria-hidden="true" />
      {t(STATUS_TEXT[connection])}
    </p>
  );
  const leaveButton = (
    <button className="button button--danger" type="button" onClick={() => void handleLeave()} disabled={leaving} data-testid="meeting-leave">
      {leaving ? t('meeting.leaving') : t('meeting.leave')}
    </button>
  );
  const roomCode = (
    <code className="room-id__value" data-testid="room-id">
      {snapshot.roomCode}
    </code>
  );

  if (connection === 'waiting' && fatal === null) {
    return (
      <section className="card card--narrow lobby-waiting" aria-labelledby={`${id}-title`} data-testid="meeting-lobby-waiting">
        <h1 id={`${id}-title`}>{snapshot.title ?? t('meeting.lobby.title')}</h1>
        <p className="room-id">
          <span className="room-id__label">{t('room.idLabel')}</span> {roomCode}
        </p>
        {status}
        <p className="lobby-waiting__text">{t('meeting.lobby.waiting')}</p>
        <p className="field__hint">{t('meeting.lobby.hint')}</p>
        <div className="lobby-waiting__actions">{leaveButton}</div>
      </section>
    );
  }

  return (
    <section
      className="meeting"
      aria-labelledby={`${id}-title`}
      data-panel={panel ?? undefined}
      onKeyDown={(event) => {
        // Escape closes the side panel from anywhere inside the meeting (menus close first: they stop it).
        if (event.key === 'Escape' && panel !== null) setPanel(null);
      }}
    >
      <div className="meeting__bar">
        <h1 className="meeting__title" id={`${id}-title`}>
          {snapshot.title ?? t('room.title')} {roomCode}
        </h1>
        {status}
      </div>

      {fatal !== null && (
        <div className="error-message meeting__message" role="alert">
          <p className="error-message__text" data-testid="meeting-error">
            {t(errorMessageKey(fatal, 'meeting'))}
          </p>
          <button className="button meeting__rejoin" type="button" onClick={onRejoin} data-testid="meeting-rejoin">
            {t('meeting.rejoin')}
          </button>
        </div>
      )}
      {fatal === null && problem !== null && (
        <div className="error-message meeting__message" role="alert">
          <p className="error-message__text" data-testid="meeting-problem">
            {t(errorMessageKey(problem, 'meeting'))}
          </p>
        </div>
      )}
      {fatal === null && snapshot.media === null && (
        <p className="notice meeting__message" data-testid="meeting-media-pending">
          {t('meeting.media.asking')}
        </p>
      )}
      {fatal === null && notice.length > 0 && (
        <div className="notice notice--warning meeting__message" role="status" data-testid="meeting-media-notice">
          {notice.map((key) => (
            <p key={key}>{t(key)}</p>
          ))}
        </div>
      )}
      {audioBlocked && (
        <div className="notice notice--warning meeting__message" role="alert">
          <p>{t('meeting.audioBlocked')}</p>
          <button
            className="button"
            type="button"
            onClick={() => {
              setAudioBlocked(false);
              resumePlayback(stage.current);
            }}
            data-testid="meeting-enable-audio"
          >
            {t('meeting.enableAudio')}
          </button>
        </div>
      )}

      {fatal === null && (
        <div className="meeting__body">
          <Stage session={session} snapshot={snapshot} onAudioBlocked={() => setAudioBlocked(true)} stageRef={stage} />
          <SidePanel panel={panel} onClose={() => setPanel(null)} session={session} snapshot={snapshot} />
        </div>
      )}
      {fatal === null && snapshot.joined && (
        <Toolbar
          session={session}
          snapshot={snapshot}
          panel={panel}
          onPanelChange={setPanel}
          leaving={leaving}
          onLeave={() => void handleLeave()}
        />
      )}
    </section>
  );
}
