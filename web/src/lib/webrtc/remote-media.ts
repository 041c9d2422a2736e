// What the subscribe connection carries, as the meeting page shows it: pure functions from the
// roster (joined / participantJoined / participantLeft), the `tracks` of the last answered
// subscribeOffer (mid → participant, kind, source; mids not listed are inactive) and the mids for
// which the browser has a receiving track, to the tiles of the stage and the audio to play.
import type { MediaKind, MediaSource, ParticipantInfo, SubscribeTrack } from '../signaling/messages';

export interface RemoteTrackInfo {
  readonly mid: string;
  readonly participantId: string;
  readonly kind: MediaKind;
  /** Microphone, camera or screen (for the presentation layout). */
  readonly source: MediaSource;
}

/** What a tile shows: a camera, a shared screen, or nothing (the name alone). */
export type TileSource = 'camera' | 'screen' | null;

/**
 * One stage tile: a participant's camera, or their name alone when they send no camera; and one
 * more tile per screen they share.
 */
export interface RemoteTile {
  /** Stable React key: the video mid, or the participant for a tile without video. */
  readonly key: string;
  readonly participantId: string;
  /** Null while the roster does not know the participant yet (offer before participantJoined). */
  readonly displayName: string | null;
  readonly videoMid: string | null;
  /** `screen` for a shared screen; `camera` for any other video; null for the name alone. */
  readonly source: TileSource;
  /** The participant's microphone mid (camera and name tiles; for the connection indicator), or null. */
  readonly audioMid: string | null;
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

/** The active mids of `kind` by participant, in mid order. */
function midsByParticipant(
  tracks: ReadonlyMap<string, RemoteTrackInfo>,
  received: ReadonlyMap<string, MediaKind>,
  kind: MediaKind,
): Map<string, RemoteTrackInfo[]> {
  const byParticipant = new Map<string, RemoteTrackInfo[]>();
  for (const mid of activeMids(tracks, received, kind)) {
    const info = tracks.get(mid);
    if (info === undefined) continue;
    const list = byParticipant.get(info.participantId) ?? [];
    list.push(info);
    byParticipant.set(info.participantId, list);
  }
  return byParticipant;
}

/**
 * The stage: every remote participant in roster order (then any that only the offer knows), one
 * tile per active camera mid, or one tile with the name alone when the participant sends no
 * camera; then one tile per screen they share. Our own participant never gets a tile here (the
 * self-view is separate).
 */
export function buildTiles(
  roster: readonly ParticipantInfo[],
  tracks: ReadonlyMap<string, RemoteTrackInfo>,
  received: ReadonlyMap<string, MediaKind>,
  selfId: string | null,
): RemoteTile[] {
  const videoByParticipant = midsByParticipant(tracks, received, 'video');
  const audioByParticipant = midsByParticipant(tracks, received, 'audio');

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
    const videos = videoByParticipant.get(participantId) ?? [];
    const audioMid = audioByParticipant.get(participantId)?.find((info) => info.source !== 'screen')?.mid ?? null;
    const cameras = videos.filter((info) => info.source !== 'screen');
    const screens = videos.filter((info) => info.source === 'screen');
    if (cameras.length === 0) {
      tiles.push({ key: `p:${participantId}`, participantId, displayName, videoMid: null, source: null, audioMid });
    }
    for (const { mid } of cameras) tiles.push({ key: `m:${mid}`, participantId, displayName, videoMid: mid, source: 'camera', audioMid });
    for (const { mid } of screens) tiles.push({ key: `m:${mid}`, participantId, displayName, videoMid: mid, source: 'screen', audioMid: null });
  }
  return tiles;
}

/** The video mids of the tiles (what `layout` may list). */
export function videoMidsOf(tiles: readonly RemoteTile[]): Set<string> {
  const mids = new Set<string>();
  for (const tile of tiles) if (tile.videoMid !== null) mids.add(tile.videoMid);
  return mids;
}
