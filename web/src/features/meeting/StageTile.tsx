// One remote tile: the camera, the shared screen (never cropped) or the name; over it the
// connection quality, a raised hand, the pin button, a muted microphone and the name. A tile with
// video is measured for the layout report while it is rendered (and only then).
import { useEffect, useRef } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { Participant } from '../../lib/signaling/messages';
import type { RemoteTile } from '../../lib/webrtc/remote-media';
import type { ConnectionQuality } from './connection-quality';
import { StreamVideo } from './MediaElements';
import { QualityIndicator } from './QualityIndicator';
import { HandIcon, MicrophoneIcon } from './icons';
import { PinIcon } from './stage-icons';

/** What a tile needs of the MeetingSession. */
export interface TileMedia {
  streamFor(mid: string): MediaStream | null;
  observeTile(element: Element, mid: string): () => void;
}

export function initial(name: string): string {
  const first = [...name.trim()][0];
  return first === undefined ? '?' : first.toLocaleUpperCase();
}

export interface StageTileProps {
  readonly tile: RemoteTile;
  /** The roster entry (microphone, raised hand), when the roster knows the participant. */
  readonly person: Participant | undefined;
  readonly media: TileMedia;
  readonly speaking: boolean;
  readonly pinned: boolean;
  /** The large tile of the speaker and presentation layouts. */
  readonly large: boolean;
  readonly position: number;
  readonly quality: ConnectionQuality;
  readonly onTogglePin: () => void;
}

export function StageTile({ tile, person, media, speaking, pinned, large, position, quality, onTogglePin }: StageTileProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLLIElement>(null);
  const { videoMid } = tile;
  const screen = tile.source === 'screen';
  const name = tile.displayName ?? person?.displayName ?? t('meeting.tile.unknown');
  const label = screen ? t('meeting.stage.screenOf', { name }) : name;
  const microphoneOff = !screen && person !== undefined && !person.microphone;
  const handRaised = !screen && person?.handRaised === true;

  useEffect(() => {
    const element = ref.current;
    if (element === null || videoMid === null) return undefined;
    return media.observeTile(element, videoMid);
  }, [media, videoMid]);

  const classes = ['tile'];
  if (speaking && !screen) classes.push('tile--speaking');
  if (videoMid === null) classes.push('tile--no-video');
  if (screen) classes.push('tile--screen');
  if (pinned) classes.push('tile--pinned');
  if (large) classes.push('tile--large');

  return (
    <li
      ref={ref}
      className={classes.join(' ')}
      data-testid="remote-tile"
      data-participant-id={tile.participantId}
      data-mid={videoMid ?? undefined}
      data-speaking={speaking ? 'true' : undefined}
      data-source={tile.source ?? 'none'}
      data-pinned={pinned ? 'true' : undefined}
      data-quality={quality}
      data-position={position}
      data-large={large ? 'true' : undefined}
    >
      {videoMid !== null ? (
        <StreamVideo stream={media.streamFor(videoMid)} className={screen ? 'tile__video tile__video--screen' : 'tile__video'} />
      ) : (
        <span className="tile__avatar" aria-hidden="true">
          {initial(name)}
        </span>
      )}
      <div className="tile__top">
        <QualityIndicator quality={quality} testId="tile-quality" />
        {handRaised && (
          <span className="tile__badge tile__badge--hand" role="img" aria-label={t('meeting.stage.handRaised')} title={t('meeting.stage.handRaised')}>
            <HandIcon />
          </span>
        )}
        <button
          className="tile__pin"
          type="button"
          aria-pressed={pinned}
          aria-label={t('meeting.stage.pin', { name: label })}
          title={t(pinned ? 'meeting.stage.unpin.title' : 'meeting.stage.pin.title')}
          onClick={onTogglePin}
          data-testid="tile-pin"
        >
          <PinIcon filled={pinned} />
        </button>
      </div>
      <div className="tile__info">
        {microphoneOff && (
          <span className="tile__badge tile__badge--mic-off" role="img" aria-label={t('meeting.stage.micOff')} title={t('meeting.stage.micOff')}>
            <MicrophoneIcon off />
          </span>
        )}
        <span className="tile__name" data-testid="remote-tile-name">
          {label}
          {speaking && !screen && <span className="visually-hidden">{` — ${t('meeting.tile.speaking')}`}</span>}
        </span>
      </div>
    </li>
  );
}
