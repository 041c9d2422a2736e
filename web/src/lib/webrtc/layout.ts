// The `layout` report: which subscribe-connection video mids the page shows and how large, in
// device pixels (CSS size × devicePixelRatio), so that the server forwards each participant's
// simulcast layer that fits the tile and nothing for hidden tiles.
//
// buildLayout is pure; LayoutReporter collects the tile sizes the page measures (ResizeObserver)
// and sends a report at most every `debounceMs` when it changed, or at once after the debounce
// when forced (after every subscribeOffer, after a resume).
import type { LayoutTile } from '../signaling/messages';
import { compareMids } from './remote-media';

export interface TileMeasurement {
  readonly mid: string;
  /** CSS pixels, as ResizeObserver's contentRect reports them. */
  readonly cssWidth: number;
  readonly cssHeight: number;
}

/**
 * The tiles to report: only mids in `shown` (the active video tiles), only tiles with an area
 * (a tile hidden by CSS measures 0), sizes in whole device pixels, ordered by mid.
 */
export function buildLayout(
  measurements: Iterable<TileMeasurement>,
  devicePixelRatio: number,
  shown: ReadonlySet<string>,
): LayoutTile[] {
  const ratio = Number.isFinite(devicePixelRatio) && devicePixelRatio > 0 ? devicePixelRatio : 1;
  const byMid = new Map<string, LayoutTile>();
  for (const { mid, cssWidth, cssHeight } of measurements) {
    if (!shown.has(mid) || !(cssWidth > 0) || !(cssHeight > 0)) continue;
    const width = Math.max(1, Math.round(cssWidth * ratio));
    const height = Math.max(1, Math.round(cssHeight * ratio));
    byMid.set(mid, { mid, width, height });
  }
  return [...byMid.values()].sort((a, b) => compareMids(a.mid, b.mid));
}

export function sameLayout(a: readonly LayoutTile[], b: readonly LayoutTile[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((tile, i) => {
    const other = b[i];
    return other !== undefined && tile.mid === other.mid && tile.width === other.width && tile.height === other.height;
  });
}

export interface LayoutReporterOptions {
  /** Sends the report; returns false when it could not be sent (not connected): retried later. */
  readonly send: (tiles: LayoutTile[]) => boolean;
  readonly devicePixelRatio?: () => number;
  readonly debounceMs?: number;
}

export class LayoutReporter {
  private readonly sendReport: (tiles: LayoutTile[]) => boolean;
  private readonly ratio: () => number;
  private readonly debounceMs: number;
  private readonly sizes = new Map<string, TileMeasurement>();
  private shown: ReadonlySet<string> = new Set();
  private lastSent: LayoutTile[] | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private force = false;
  private disposed = false;

  constructor(options: LayoutReporterOptions) {
    this.sendReport = options.send;
    this.ratio = options.devicePixelRatio ?? (() => window.devicePixelRatio);
    this.debounceMs = options.debounceMs ?? 300;
  }

  /** A tile's CSS size (0 × 0 when hidden). */
  update(mid: string, cssWidth: number, cssHeight: number): void {
    const previous = this.sizes.get(mid);
    if (previous !== undefined && previous.cssWidth === cssWidth && previous.cssHeight === cssHeight) return;
    this.sizes.set(mid, { mid, cssWidth, cssHeight });
    this.schedule();
  }

  /** The tile of this mid is gone from the page. */
  remove(mid: string): void {
    if (this.sizes.delete(mid)) this.schedule();
  }

  /** The video mids the grid shows now. */
  setShown(mids: ReadonlySet<string>): void {
    this.shown = new Set(mids);
    this.schedule();
  }

  /** Reports after the debounce even when nothing changed (after a subscribeOffer, a resume). */
  requestReport(): void {
    this.force = true;
    this.schedule();
  }

  /** The report as it would be sent now. */
  current(): LayoutTile[] {
    return buildLayout(this.sizes.values(), this.ratio(), this.shown);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.disposed) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.debounceMs);
  }

  private flush(): void {
    if (this.disposed) return;
    const tiles = this.current();
    if (!this.force && this.lastSent !== null && sameLayout(tiles, this.lastSent)) return;
    if (this.sendReport(tiles)) {
      this.lastSent = tiles;
      this.force = false;
    } else {
      // Not sent (socket down): send whatever is current once the caller asks again.
      this.lastSent = null;
    }
  }
}
