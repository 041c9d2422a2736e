// Where each tile goes on the stage, as pure functions: the order (my pin, then the chair's display
// priority, then the roster), which tile is large in the speaker and presentation layouts, and the
// pages of the grid. Tiles of other pages are not rendered at all, so that the layout report does
// not list them and the server sends them no video.
import type { RemoteTile } from '../../lib/webrtc/remote-media';

export type StageLayout = 'grid' | 'speaker' | 'presentation';

export const STAGE_LAYOUTS: readonly StageLayout[] = ['grid', 'speaker', 'presentation'];

/** Tiles per grid page on a desktop or tablet: 3 × 3 still shows faces large enough to read. */
export const GRID_PAGE_SIZE = 9;
/** Tiles per grid page on a phone (≤ 480 px): one column of four. */
export const PHONE_PAGE_SIZE = 4;

type TileIdentity = Pick<RemoteTile, 'participantId' | 'source' | 'videoMid'>;

/**
 * What a pin (or a share) refers to. A person's key outlives their camera going on and off (the
 * tile's React key changes then); a shared screen is keyed by its mid, so that a new share is new.
 */
export function pinKey(tile: TileIdentity): string {
  return tile.source === 'screen' ? `screen:${tile.participantId}:${tile.videoMid ?? ''}` : `person:${tile.participantId}`;
}

/** The keys of the shared screens among `tiles`. */
export function shareKeys(tiles: readonly RemoteTile[]): string[] {
  return tiles.filter((tile) => tile.source === 'screen').map(pinKey);
}

export interface OrderOptions {
  /** The chair's display priority: participant IDs, most important first. */
  readonly priority: readonly string[];
  /** My pin (a pinKey), or null. */
  readonly pinned: string | null;
}

/**
 * The stage order: my pinned tile first, then the participants of the chair's priority list in
 * its order, then everyone else in roster order. A participant's tiles stay together (camera
 * before screen), and the sort is stable.
 */
export function orderTiles(tiles: readonly RemoteTile[], { priority, pinned }: OrderOptions): RemoteTile[] {
  const rank = new Map<string, number>();
  priority.forEach((participantId, index) => {
    if (!rank.has(participantId)) rank.set(participantId, index);
  });
  const unranked = priority.length;
  return tiles
    .map((tile, index) => ({
      tile,
      index,
      pin: pinned !== null && pinKey(tile) === pinned ? 0 : 1,
      rank: rank.get(tile.participantId) ?? unranked,
    }))
    .sort((a, b) => a.pin - b.pin || a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.tile);
}

export interface LargeTileOptions {
  readonly priority: readonly string[];
  readonly pinned: string | null;
  /** The active speaker, or the last one while nobody speaks. */
  readonly speaker: string | null;
  /** The keys of the shared screens in the order they started (oldest first). */
  readonly shares: readonly string[];
}

function personTile(ordered: readonly RemoteTile[], participantId: string | null): RemoteTile | undefined {
  if (participantId === null) return undefined;
  return ordered.find((tile) => tile.participantId === participantId && tile.source !== 'screen');
}

/**
 * The large tile of the speaker layout: my pin, else the active (or last) speaker, else the
 * chair's first priority participant who is here, else the first tile.
 */
export function speakerTile(ordered: readonly RemoteTile[], { priority, pinned, speaker }: LargeTileOptions): RemoteTile | null {
  if (ordered.length === 0) return null;
  const pin = pinned === null ? undefined : ordered.find((tile) => pinKey(tile) === pinned);
  if (pin !== undefined) return pin;
  const speaking = personTile(ordered, speaker);
  if (speaking !== undefined) return speaking;
  for (const participantId of priority) {
    const first = personTile(ordered, participantId);
    if (first !== undefined) return first;
  }
  return ordered.find((tile) => tile.source !== 'screen') ?? ordered[0] ?? null;
}

/**
 * The large tile of the presentation layout: my pinned screen, else the newest share, else (no
 * share at all) the speaker layout's choice.
 */
export function presentationTile(ordered: readonly RemoteTile[], options: LargeTileOptions): RemoteTile | null {
  const screens = ordered.filter((tile) => tile.source === 'screen');
  const pinned = screens.find((tile) => pinKey(tile) === options.pinned);
  if (pinned !== undefined) return pinned;
  for (let i = options.shares.length - 1; i >= 0; i -= 1) {
    const newest = screens.find((tile) => pinKey(tile) === options.shares[i]);
    if (newest !== undefined) return newest;
  }
  return screens[0] ?? speakerTile(ordered, options);
}

export interface Page {
  /** 0-based, clamped to the pages that exist. */
  readonly page: number;
  /** At least 1. */
  readonly pageCount: number;
  readonly start: number;
  readonly end: number;
}

export function paginate(total: number, pageSize: number, page: number): Page {
  const size = Math.max(1, Math.floor(pageSize));
  const pageCount = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(0, Math.floor(page)), pageCount - 1);
  const start = current * size;
  return { page: current, pageCount, start, end: Math.min(total, start + size) };
}

export interface PlacedTile {
  readonly tile: RemoteTile;
  /** 0-based index in the layout's order (the large tile is 0). */
  readonly position: number;
}

export interface StageArrangement {
  /** The large tile of the speaker and presentation layouts (null in the grid, or with no tile). */
  readonly large: PlacedTile | null;
  /** The grid's current page, or the filmstrip under the large tile. */
  readonly others: readonly PlacedTile[];
  readonly page: Page;
}

export interface ArrangeOptions extends LargeTileOptions {
  readonly layout: StageLayout;
  readonly page: number;
  readonly pageSize: number;
}

/** Everything the stage renders, and nothing it does not. */
export function arrangeStage(tiles: readonly RemoteTile[], options: ArrangeOptions): StageArrangement {
  const ordered = orderTiles(tiles, options);
  if (options.layout === 'grid') {
    const page = paginate(ordered.length, options.pageSize, options.page);
    const others = ordered.slice(page.start, page.end).map((tile, i) => ({ tile, position: page.start + i }));
    return { large: null, others, page };
  }
  const large = options.layout === 'speaker' ? speakerTile(ordered, options) : presentationTile(ordered, options);
  const rest = ordered.filter((tile) => tile !== large);
  return {
    large: large === null ? null : { tile: large, position: 0 },
    others: rest.map((tile, i) => ({ tile, position: i + 1 })),
    page: paginate(0, options.pageSize, 0),
  };
}

/** The grid's class for `count` tiles on a page (CSS picks the columns: no inline style, CSP). */
export function gridSizeClass(count: number): string {
  return `tile-grid--n${Math.min(Math.max(count, 1), GRID_PAGE_SIZE)}`;
}
