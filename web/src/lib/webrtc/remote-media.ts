// What the subscribe connection carries, as the meeting page shows it: pure functions from the
// roster (joined / participantJoined / participantLeft), the `tracks` of the last answered
// subscribeOffer (mid → participant, kind; mids not listed are inactive) and the mids for which
// the browser has a receiving track, to the tiles of the grid and the audio to play.
import type { MediaKind, MediaSource, ParticipantInfo, SubscribeTrack } from '../signaling/messages';

export interface RemoteTrackInfo {
  readonly mid: string;
  readonly participantId: string;
  readonly kind: MediaKind;
  /** Microphone, camera or screen (for the presentation layout). */
  readonly source: MediaSource;
}

/** One grid tile: a participant's video, or their name alone when they send no video. */
export interface RemoteTile {
  /** Stable React key: the video mid, or the participant for a tile without video. */
  readonly key: string;
  readonly participantId: string;
  /** Null while the roster does not know the participant yet (offer before participantJoined). */
  readonly displayName: string | null;
  readonly videoMid: string | null;
}

/** Orders mids numerically when both are numbers (as browsers and most SFUs write them). */
export function compareMids(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? Number(a) : Number.NaN;
  const nb = /^\d+$/.test(b) ? Number(b) : Number.NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  if (!Number.isNaN(na)) return -1;
  if (!Number.isNaN(nb)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The active mids of an offer's `tracks` (a mid listed twice keeps its first entry). */
export function indexTracks(tracks: readonly SubscribeTrack[]): ReadonlyMap<string, RemoteTrackInfo> {
  const byMid = new Map<string, RemoteTrackInfo>();
  for (const { mid, participantId, kind, source } of tracks) {
    if (!byMid.has(mid)) byMid.set(mid, { mid, participantId, kind, source });
  }
  return byMid;
}

/**
 * The mids that carry media now: listed in the offer, and the browser has a receiving track for
 * them (ontrack / the transceiver) whose kind matches.
 */
export function activeMids(
  tracks: ReadonlyMap<string, RemoteTrackInfo>,
  received: ReadonlyMap<string, MediaKind>,
  kind: MediaKind,
): string[] {
  const mids: string[] = [];
  for (const info of tracks.values()) {
    if (info.kind === kind && received.get(info.mid) === kind) mids.push(info.mid);
  }
  return mids.sort(compareMids);
}

/**
 * The grid: every remote participant in roster order (then any that only the offer knows), one
 * tile per active video mid, or one tile with the name alone when the participant sends no video.
 * Our own participant never gets a tile here (the self-view is separate).
 */
export function buildTiles(
  roster: readonly ParticipantInfo[],
  tracks: ReadonlyMap<string, RemoteTrackInfo>,
  received: ReadonlyMap<string, MediaKind>,
  selfId: string | null,
): RemoteTile[] {
  const videoByParticipant = new Map<string, string[]>();
  for (const mid of activeMids(tracks, received, 'video')) {
    const participantId = tracks.get(mid)?.participantId;
    if (participantId === undefined) continue;
    const list = videoByParticipant.get(participantId) ?? [];
    list.push(mid);
    videoByParticipant.set(participantId, list);
  }

  const names = new Map<string, string>();
  const order: string[] = [];
  for (const { participantId, displayName } of roster) {
    if (participantId === selfId || names.has(participantId)) continue;
    names.set(participantId, displayName);
    order.push(participantId);
  }
  for (const participantId of videoByParticipant.keys()) {
    if (participantId !== selfId && !names.has(participantId) && !order.includes(participantId)) order.push(participantId);
  }

  const tiles: RemoteTile[] = [];
  for (const participantId of order) {
    const displayName = names.get(participantId) ?? null;
    const mids = videoByParticipant.get(participantId);
    if (mids === undefined || mids.length === 0) {
      tiles.push({ key: `p:${participantId}`, participantId, displayName, videoMid: null });
    } else {
      for (const mid of mids) tiles.push({ key: `m:${mid}`, participantId, displayName, videoMid: mid });
    }
  }
  return tiles;
}

/** The video mids shown in the grid (what `layout` may list). */
export function videoMidsOf(tiles: readonly RemoteTile[]): Set<string> {
  const mids = new Set<string>();
  for (const tile of tiles) if (tile.videoMid !== null) mids.add(tile.videoMid);
  return mids;
}
