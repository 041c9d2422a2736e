// Polls the WebRTC statistics every 2 s (one poll for every tile, only while the page is visible)
// and grades each received mid and our own sending (connection-quality.ts).
import { useEffect, useRef, useState } from 'react';
import type { RemoteTile } from '../../lib/webrtc/remote-media';
import {
  assessInbound,
  EXPECTED_CAMERA_FPS,
  publishQuality,
  sampleSubscribe,
  type ConnectionQuality,
  type QualitySample,
} from './connection-quality';

export interface StageQuality {
  /** By subscribe-connection mid. */
  readonly byMid: ReadonlyMap<string, ConnectionQuality>;
  /** Our own sending (publish connection). */
  readonly self: ConnectionQuality;
}

/** What the hook needs of the MeetingSession. */
export interface ConnectionStatsSource {
  getConnectionStats(): Promise<{ subscribe: RTCStatsReport | null; publish: RTCStatsReport | null }>;
  streamFor(mid: string): MediaStream | null;
}

export const QUALITY_POLL_MS = 2000;

const NOTHING_YET: StageQuality = { byMid: new Map(), self: 'unknown' };

function sameQuality(a: StageQuality, b: StageQuality): boolean {
  if (a.self !== b.self || a.byMid.size !== b.byMid.size) return false;
  for (const [mid, quality] of a.byMid) if (b.byMid.get(mid) !== quality) return false;
  return true;
}

/** The quality of a tile: its video, else its sound, else unknown. */
export function tileQuality(quality: StageQuality, tile: RemoteTile): ConnectionQuality {
  const video = tile.videoMid === null ? undefined : quality.byMid.get(tile.videoMid);
  if (video !== undefined && video !== 'unknown') return video;
  const audio = tile.audioMid === null ? undefined : quality.byMid.get(tile.audioMid);
  return audio ?? video ?? 'unknown';
}

export function useConnectionQuality(source: ConnectionStatsSource, tiles: readonly RemoteTile[], intervalMs = QUALITY_POLL_MS): StageQuality {
  const [quality, setQuality] = useState<StageQuality>(NOTHING_YET);
  // Read by the poll without restarting the timer whenever the tiles change.
  const tilesRef = useRef(tiles);
  useEffect(() => {
    tilesRef.current = tiles;
  });

  useEffect(() => {
    let previous: QualitySample | null = null;
    let stopped = false;
    let busy = false;

    const poll = async () => {
      if (busy) return;
      if (document.visibilityState === 'hidden') {
        // Differences across a hidden stretch say nothing about now.
        previous = null;
        return;
      }
      busy = true;
      try {
        const stats = await source.getConnectionStats();
        if (stopped) return;
        const current = tilesRef.current;
        const screens = new Set<string>();
        const trackMids = new Map<string, string>();
        for (const tile of current) {
          if (tile.source === 'screen' && tile.videoMid !== null) screens.add(tile.videoMid);
          for (const mid of [tile.videoMid, tile.audioMid]) {
            const track = mid === null ? undefined : source.streamFor(mid)?.getTracks()[0];
            if (mid !== null && track !== undefined) trackMids.set(track.id, mid);
          }
        }
        const sample = sampleSubscribe(stats.subscribe, (trackId) => trackMids.get(trackId));
        const next: StageQuality = {
          byMid: assessInbound(previous, sample, (mid) => (screens.has(mid) ? undefined : EXPECTED_CAMERA_FPS)),
          self: publishQuality(stats.publish),
        };
        previous = sample;
        setQuality((old) => (sameQuality(old, next) ? old : next));
      } catch {
        // Statistics are a nicety: a failed poll leaves the indicators as they were.
      } finally {
        busy = false;
      }
    };

    void poll();
    const timer = setInterval(() => void poll(), intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [source, intervalMs]);

  return quality;
}
