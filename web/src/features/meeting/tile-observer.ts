// Measures the video tiles for the `layout` report: one ResizeObserver for all tiles, each
// element tied to its subscribe-connection mid. A tile hidden by CSS measures 0 × 0 and so drops
// out of the report.
import type { LayoutReporter } from '../../lib/webrtc/layout';

export class TileObserver {
  private readonly reporter: LayoutReporter;
  private readonly mids = new Map<Element, string>();
  private readonly observer: ResizeObserver | null;

  constructor(reporter: LayoutReporter) {
    this.reporter = reporter;
    this.observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            for (const entry of entries) {
              const mid = this.mids.get(entry.target);
              if (mid !== undefined) this.reporter.update(mid, entry.contentRect.width, entry.contentRect.height);
            }
          });
  }

  /** Starts measuring `element` as the tile of `mid`; returns the function that stops. */
  observe(element: Element, mid: string): () => void {
    this.mids.set(element, mid);
    if (this.observer !== null) {
      this.observer.observe(element);
    } else {
      const rect = element.getBoundingClientRect();
      this.reporter.update(mid, rect.width, rect.height);
    }
    return () => {
      if (this.mids.get(element) !== mid) return;
      this.mids.delete(element);
      this.observer?.unobserve(element);
      if (![...this.mids.values()].includes(mid)) this.reporter.remove(mid);
    };
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.mids.clear();
  }
}
