import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LayoutTile } from '../signaling/messages';
import { buildLayout, LayoutReporter, sameLayout } from './layout';

describe('buildLayout', () => {
  const shown = new Set(['1', '3', '10']);

  it('reports shown tiles in device pixels, rounded, ordered by mid', () => {
    expect(
      buildLayout(
        [
          { mid: '10', cssWidth: 320, cssHeight: 180 },
          { mid: '3', cssWidth: 640.4, cssHeight: 360.2 },
        ],
        2,
        shown,
      ),
    ).toEqual([
      { mid: '3', width: 1281, height: 720 },
      { mid: '10', width: 640, height: 360 },
    ]);
  });

  it('leaves out hidden tiles (zero size) and mids that are not shown', () => {
    expect(
      buildLayout(
        [
          { mid: '1', cssWidth: 0, cssHeight: 0 },
          { mid: '3', cssWidth: 200, cssHeight: 0 },
          { mid: '7', cssWidth: 400, cssHeight: 225 },
          { mid: '10', cssWidth: 400, cssHeight: 225 },
        ],
        1,
        shown,
      ),
    ).toEqual([{ mid: '10', width: 400, height: 225 }]);
  });

  it('takes a missing or absurd devicePixelRatio as 1 and never reports 0', () => {
    expect(buildLayout([{ mid: '1', cssWidth: 0.3, cssHeight: 0.2 }], Number.NaN, shown)).toEqual([{ mid: '1', width: 1, height: 1 }]);
    expect(buildLayout([{ mid: '1', cssWidth: 100, cssHeight: 50 }], 0, shown)).toEqual([{ mid: '1', width: 100, height: 50 }]);
    expect(buildLayout([{ mid: '1', cssWidth: 100, cssHeight: 50 }], 1.5, shown)).toEqual([{ mid: '1', width: 150, height: 75 }]);
  });
});

describe('sameLayout', () => {
  it('compares mids and sizes in order', () => {
    const a = [{ mid: '1', width: 10, height: 10 }];
    expect(sameLayout(a, [{ mid: '1', width: 10, height: 10 }])).toBe(true);
    expect(sameLayout(a, [{ mid: '1', width: 10, height: 11 }])).toBe(false);
    expect(sameLayout(a, [])).toBe(false);
    expect(sameLayout([], [])).toBe(true);
  });
});

describe('LayoutReporter', () => {
  let sent: LayoutTile[][];
  let connected: boolean;
  let ratio: number;
  let reporter: LayoutReporter;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    connected = true;
    ratio = 2;
    reporter = new LayoutReporter({
      send: (tiles) => {
        if (!connected) return false;
        sent.push(tiles);
        return true;
      },
      devicePixelRatio: () => ratio,
      debounceMs: 300,
    });
  });

  afterEach(() => {
    reporter.dispose();
    vi.useRealTimers();
  });

  it('debounces a burst of resizes into one report', () => {
    reporter.setShown(new Set(['1', '2']));
    reporter.update('1', 100, 50);
    vi.advanceTimersByTime(200);
    reporter.update('1', 300, 150);
    reporter.update('2', 320, 180);
    vi.advanceTimersByTime(299);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([
      [
        { mid: '1', width: 600, height: 300 },
        { mid: '2', width: 640, height: 360 },
      ],
    ]);
  });

  it('does not repeat an unchanged report, but does when forced (after a subscribeOffer)', () => {
    reporter.setShown(new Set(['1']));
    reporter.update('1', 100, 50);
    vi.advanceTimersByTime(300);
    reporter.update('1', 100, 50);
    reporter.setShown(new Set(['1']));
    vi.advanceTimersByTime(300);
    expect(sent).toHaveLength(1);
    reporter.requestReport();
    vi.advanceTimersByTime(300);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual([{ mid: '1', width: 200, height: 100 }]);
  });

  it('drops a tile that is removed, hidden, or no longer shown', () => {
    reporter.setShown(new Set(['1', '2', '3']));
    reporter.update('1', 100, 50);
    reporter.update('2', 100, 50);
    reporter.update('3', 100, 50);
    vi.advanceTimersByTime(300);
    reporter.remove('1');
    reporter.update('2', 0, 0);
    vi.advanceTimersByTime(300);
    expect(sent.at(-1)).toEqual([{ mid: '3', width: 200, height: 100 }]);
    reporter.setShown(new Set());
    vi.advanceTimersByTime(300);
    expect(sent.at(-1)).toEqual([]);
  });

  it('sends again later what could not be sent while disconnected', () => {
    reporter.setShown(new Set(['1']));
    reporter.update('1', 100, 50);
    connected = false;
    vi.advanceTimersByTime(300);
    expect(sent).toEqual([]);
    connected = true;
    reporter.requestReport();
    vi.advanceTimersByTime(300);
    expect(sent).toEqual([[{ mid: '1', width: 200, height: 100 }]]);
  });

  it('reads the devicePixelRatio at report time (browser zoom)', () => {
    reporter.setShown(new Set(['1']));
    reporter.update('1', 100, 50);
    ratio = 3;
    vi.advanceTimersByTime(300);
    expect(sent).toEqual([[{ mid: '1', width: 300, height: 150 }]]);
  });

  it('sends nothing after dispose', () => {
    reporter.setShown(new Set(['1']));
    reporter.update('1', 100, 50);
    reporter.dispose();
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([]);
  });
});
