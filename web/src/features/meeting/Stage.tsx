// The stage: the remote tiles in the chosen layout (grid with pages, speaker, presentation), my
// pin, the chair's display priority, connection quality, everybody's sound (whatever the page),
// a small mirrored self-view, and a dimmed stage while the connection is being restored.
import { useMemo, useState, type RefObject } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { Participant } from '../../lib/signaling/messages';
import { chooseLayout, followShares, INITIAL_LAYOUT_CHOICE, nextLayout } from './layout-choice';
import { StreamAudio, StreamVideo } from './MediaElements';
import type { MeetingSession, MeetingSnapshot } from './meeting-session';
import { QualityIndicator } from './QualityIndicator';
import { StageHeader } from './StageHeader';
import { StageTile } from './StageTile';
import { arrangeStage, GRID_PAGE_SIZE, gridSizeClass, PHONE_PAGE_SIZE, pinKey, shareKeys, type PlacedTile } from './stage-layout';
import { tileQuality, useConnectionQuality } from './use-connection-quality';
import { useLayoutShortcut } from './use-layout-shortcut';
import { useMediaQuery } from './use-media-query';
import './stage.css';

/** Same breakpoint as stage.css: one column, four tiles per page. */
export const PHONE_QUERY = '(max-width: 480px)';

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
  const { tiles, audioMids, dominantSpeakerId, localStream, roster, priority } = snapshot;
  const hasSelfVideo = localStream !== null && localStream.getVideoTracks().length > 0;
  const phone = useMediaQuery(PHONE_QUERY);
  const quality = useConnectionQuality(session, tiles);

  // The layout follows the shares (automatic presentation) unless the user chose since.
  const shares = useMemo(() => shareKeys(tiles), [tiles]);
  const [storedChoice, setChoice] = useState(INITIAL_LAYOUT_CHOICE);
  const choice = followShares(storedChoice, shares);
  if (choice !== storedChoice) setChoice(choice);
  const hasShare = choice.shares.length > 0;
  const layout = choice.layout === 'presentation' && !hasShare ? choice.previous : choice.layout;

  const [pinned, setPinned] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  // The speaker layout keeps the last speaker large while nobody speaks.
  const [lastSpeaker, setLastSpeaker] = useState<string | null>(null);
  if (dominantSpeakerId !== null && dominantSpeakerId !== lastSpeaker) setLastSpeaker(dominantSpeakerId);

  const arrangement = arrangeStage(tiles, {
    layout,
    priority,
    pinned,
    speaker: dominantSpeakerId ?? lastSpeaker,
    shares: choice.shares,
    page,
    pageSize: phone ? PHONE_PAGE_SIZE : GRID_PAGE_SIZE,
  });
  // Fewer tiles than before: stay on the last page that still exists.
  if (layout === 'grid' && arrangement.page.page !== page) setPage(arrangement.page.page);

  useLayoutShortcut(() => setChoice((current) => chooseLayout(current, nextLayout(layout, hasShare))));

  const people = useMemo(() => new Map<string, Participant>(roster.map((p) => [p.participantId, p])), [roster]);

  const renderTile = ({ tile, position }: PlacedTile, large: boolean) => {
    const key = pinKey(tile);
    return (
      <StageTile
        key={tile.key}
        tile={tile}
        person={people.get(tile.participantId)}
        media={session}
        speaking={tile.participantId === dominantSpeakerId && tile.source !== 'screen'}
        pinned={pinned === key}
        large={large}
        position={position}
        quality={tileQuality(quality, tile)}
        onTogglePin={() => setPinned((current) => (current === key ? null : key))}
      />
    );
  };

  const classes = ['meeting__stage', 'stage', `stage--${layout}`];
  if (hasSelfVideo) classes.push('meeting__stage--with-self');
  // The self-view then sits at the end of the filmstrip's row instead of under the tiles.
  if (layout !== 'grid' && arrangement.large !== null && arrangement.others.length > 0) classes.push('stage--with-filmstrip');
  if (snapshot.connection === 'reconnecting') classes.push('stage--reconnecting');

  return (
    <div className={classes.join(' ')} ref={stageRef} data-testid="stage" data-layout={layout}>
      {tiles.length > 0 && (
        <StageHeader
          layout={layout}
          hasShare={hasShare}
          onLayout={(next) => setChoice((current) => chooseLayout(current, next))}
          page={layout === 'grid' ? arrangement.page : null}
          onPage={setPage}
        />
      )}
      {snapshot.joined && tiles.length === 0 && (
        <p className="meeting__empty" data-testid="meeting-empty">
          {t('meeting.empty')}
        </p>
      )}
      {layout === 'grid' ? (
        <ul className={`tile-grid ${gridSizeClass(arrangement.others.length)}`} aria-label={t('meeting.grid')}>
          {arrangement.others.map((placed) => renderTile(placed, false))}
        </ul>
      ) : (
        arrangement.large !== null && (
          <div className="stage__spotlight">
            <ul className="tile-grid tile-grid--large" aria-label={t('meeting.stage.main')}>
              {renderTile(arrangement.large, true)}
            </ul>
            {arrangement.others.length > 0 && (
              <ul className="filmstrip" aria-label={t('meeting.stage.filmstrip')}>
                {arrangement.others.map((placed) => renderTile(placed, false))}
              </ul>
            )}
          </div>
        )
      )}
      <div className="meeting__audio">
        {audioMids.map((mid) => (
          <StreamAudio key={mid} stream={session.streamFor(mid)} onBlocked={onAudioBlocked} sinkId={snapshot.local.speakerId} />
        ))}
      </div>
      {hasSelfVideo && (
        <figure className="self-view" data-testid="self-view" data-camera={snapshot.local.camera ? 'on' : 'off'}>
          <StreamVideo stream={localStream} className="self-view__video" />
          <QualityIndicator quality={quality.self} testId="self-quality" />
          <figcaption className="self-view__name">{t('meeting.self', { name: session.displayName })}</figcaption>
        </figure>
      )}
      {snapshot.connection === 'reconnecting' && (
        <div className="stage__reconnecting" role="status" data-testid="stage-reconnecting">
          <span className="stage__spinner" aria-hidden="true" />
          {t('meeting.stage.reconnecting')}
        </div>
      )}
    </div>
  );
}
