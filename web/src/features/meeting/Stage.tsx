// The stage: the grid of remote participants (video or name, dominant speaker highlighted), their
// sound, and a small muted self-view.
import { useEffect, useRef, type RefObject } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { RemoteTile } from '../../lib/webrtc/remote-media';
import { StreamAudio, StreamVideo } from './MediaElements';
import type { MeetingSession, MeetingSnapshot } from './meeting-session';
import './stage.css';

function initial(name: string): string {
  const first = [...name.trim()][0];
  return first === undefined ? '?' : first.toLocaleUpperCase();
}

function Tile({ tile, session, speaking }: { tile: RemoteTile; session: MeetingSession; speaking: boolean }) {
  const { t } = useI18n();
  const ref = useRef<HTMLLIElement>(null);
  const { videoMid } = tile;
  const name = tile.displayName ?? t('meeting.tile.unknown');

  useEffect(() => {
    const element = ref.current;
    if (element === null || videoMid === null) return undefined;
    return session.observeTile(element, videoMid);
  }, [session, videoMid]);

  const stream = videoMid === null ? null : session.streamFor(videoMid);
  return (
    <li
      ref={ref}
      className={`tile${speaking ? ' tile--speaking' : ''}${videoMid === null ? ' tile--no-video' : ''}`}
      data-testid="remote-tile"
      data-participant-id={tile.participantId}
      data-mid={videoMid ?? undefined}
      data-speaking={speaking ? 'true' : undefined}
    >
      {videoMid !== null ? (
        <StreamVideo stream={stream} className="tile__video" />
      ) : (
        <span className="tile__avatar" aria-hidden="true">
          {initial(name)}
        </span>
      )}
      <span className="tile__name" data-testid="remote-tile-name">
        {name}
        {speaking && <span className="visually-hidden">{` — ${t('meeting.tile.speaking')}`}</span>}
      </span>
    </li>
  );
}

export function Stage({
  session,
  snapshot,
  onAudioBlocked,
  stageRef,
}: {
  session: MeetingSession;
  snapshot: MeetingSnapshot;
  /** The browser refused to start playback without a user gesture. */
  onAudioBlocked: () => void;
  /** The element that holds every media element (to resume playback after a click). */
  stageRef: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useI18n();
  const { tiles, audioMids, dominantSpeakerId, localStream } = snapshot;
  const hasSelfVideo = localStream !== null && localStream.getVideoTracks().length > 0;
  return (
    <div className={`meeting__stage${hasSelfVideo ? ' meeting__stage--with-self' : ''}`} ref={stageRef}>
      {snapshot.joined && tiles.length === 0 && (
        <p className="meeting__empty" data-testid="meeting-empty">
          {t('meeting.empty')}
        </p>
      )}
      <ul className="tile-grid" aria-label={t('meeting.grid')}>
        {tiles.map((tile) => (
          <Tile key={tile.key} tile={tile} session={session} speaking={tile.participantId === dominantSpeakerId} />
        ))}
      </ul>
      <div className="meeting__audio">
        {audioMids.map((mid) => (
          <StreamAudio key={mid} stream={session.streamFor(mid)} onBlocked={onAudioBlocked} />
        ))}
      </div>
      {hasSelfVideo && (
        <figure className="self-view" data-testid="self-view">
          <StreamVideo stream={localStream} className="self-view__video" />
          <figcaption className="self-view__name">{t('meeting.self', { name: session.displayName })}</figcaption>
        </figure>
      )}
    </div>
  );
}
