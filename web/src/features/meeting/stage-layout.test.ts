import { describe, expect, it } from 'vitest';
import type { RemoteTile } from '../../lib/webrtc/remote-media';
import {
  arrangeStage,
  gridSizeClass,
  orderTiles,
  paginate,
  pinKey,
  presentationTile,
  shareKeys,
  speakerTile,
  type ArrangeOptions,
} from './stage-layout';

function camera(participantId: string, mid: string | null = null): RemoteTile {
  return {
    key: mid === null ? `p:${participantId}` : `m:${mid}`,
    participantId,
    displayName: participantId.toUpperCase(),
    videoMid: mid,
    source: mid === null ? null : 'camera',
    audioMid: null,
  };
}

function screen(participantId: string, mid: string): RemoteTile {
  return { key: `m:${mid}`, participantId, displayName: participantId.toUpperCase(), videoMid: mid, source: 'screen', audioMid: null };
}

const ids = (tiles: readonly RemoteTile[]) => tiles.map((tile) => tile.key);

const roster = [camera('a', '1'), camera('b'), camera('c', '3'), camera('d', '4')];

const none = { priority: [], pinned: null, speaker: null, shares: [] } as const;

describe('pinKey / shareKeys', () => {
  it('keys a person independently of their camera, a screen by its mid', () => {
    expect(pinKey(camera('a', '1'))).toBe(pinKey(camera('a')));
    expect(pinKey(screen('a', '7'))).toBe('screen:a:7');
    expect(pinKey(screen('a', '7'))).not.toBe(pinKey(camera('a', '1')));
    expect(shareKeys([camera('a', '1'), screen('a', '7'), screen('b', '9')])).toEqual(['screen:a:7', 'screen:b:9']);
  });
});

describe('orderTiles (A3: chair priority, my pin first)', () => {
  it('keeps roster order without priority or pin', () => {
    expect(ids(orderTiles(roster, { priority: [], pinned: null }))).toEqual(['m:1', 'p:b', 'm:3', 'm:4']);
  });

  it('puts the priority participants first, in priority order, then the rest in roster order', () => {
    const ordered = orderTiles(roster, { priority: ['d', 'zz-gone', 'b'], pinned: null });
    expect(ids(ordered)).toEqual(['m:4', 'p:b', 'm:1', 'm:3']);
  });

  it('puts my pin before the priority', () => {
    const ordered = orderTiles(roster, { priority: ['d', 'b'], pinned: pinKey(camera('c')) });
    expect(ids(ordered)).toEqual(['m:3', 'm:4', 'p:b', 'm:1']);
  });

  it("keeps a participant's camera and screen together, camera first", () => {
    const tiles = [camera('a', '1'), camera('b', '2'), screen('b', '5')];
    expect(ids(orderTiles(tiles, { priority: ['b'], pinned: null }))).toEqual(['m:2', 'm:5', 'm:1']);
  });

  it('uses the first occurrence of a participant listed twice in the priority', () => {
    expect(ids(orderTiles(roster, { priority: ['c', 'a', 'c'], pinned: null }))).toEqual(['m:3', 'm:1', 'p:b', 'm:4']);
  });
});

describe('speakerTile', () => {
  it('is my pin first, then the speaker, then the first priority participant present, then the first tile', () => {
    expect(speakerTile(roster, { ...none, pinned: pinKey(camera('b')), speaker: 'c', priority: ['d'] })?.key).toBe('p:b');
    expect(speakerTile(roster, { ...none, speaker: 'c', priority: ['d'] })?.key).toBe('m:3');
    expect(speakerTile(roster, { ...none, speaker: 'gone', priority: ['x', 'd'] })?.key).toBe('m:4');
    expect(speakerTile(roster, none)?.key).toBe('m:1');
    expect(speakerTile([], none)).toBeNull();
  });

  it("shows the speaker's camera, not their screen", () => {
    const tiles = [screen('a', '5'), camera('a', '1')];
    expect(speakerTile(tiles, { ...none, speaker: 'a' })?.key).toBe('m:1');
  });
});

describe('presentationTile', () => {
  const tiles = [camera('a', '1'), screen('a', '5'), camera('b', '2'), screen('b', '6')];

  it('shows the newest share by default', () => {
    expect(presentationTile(tiles, { ...none, shares: ['screen:a:5', 'screen:b:6'] })?.key).toBe('m:6');
    expect(presentationTile(tiles, { ...none, shares: ['screen:b:6', 'screen:a:5'] })?.key).toBe('m:5');
  });

  it('shows my pinned share instead; a pinned camera stays in the filmstrip', () => {
    expect(presentationTile(tiles, { ...none, pinned: 'screen:a:5', shares: ['screen:a:5', 'screen:b:6'] })?.key).toBe('m:5');
    expect(presentationTile(tiles, { ...none, pinned: pinKey(camera('a')), shares: ['screen:a:5', 'screen:b:6'] })?.key).toBe('m:6');
  });

  it('falls back to the speaker choice without a share', () => {
    expect(presentationTile(roster, { ...none, speaker: 'c' })?.key).toBe('m:3');
  });
});

describe('paginate', () => {
  it('splits into pages and clamps the page', () => {
    expect(paginate(20, 9, 0)).toEqual({ page: 0, pageCount: 3, start: 0, end: 9 });
    expect(paginate(20, 9, 2)).toEqual({ page: 2, pageCount: 3, start: 18, end: 20 });
    expect(paginate(20, 9, 7)).toEqual({ page: 2, pageCount: 3, start: 18, end: 20 });
    expect(paginate(20, 9, -1).page).toBe(0);
    expect(paginate(0, 9, 3)).toEqual({ page: 0, pageCount: 1, start: 0, end: 0 });
    expect(paginate(9, 9, 1)).toEqual({ page: 0, pageCount: 1, start: 0, end: 9 });
  });
});

describe('arrangeStage', () => {
  const many = Array.from({ length: 11 }, (_, i) => camera(`p${i}`, String(i)));
  const base: ArrangeOptions = { ...none, layout: 'grid', page: 0, pageSize: 4 };

  it('grid: renders only the current page, with positions in the whole order', () => {
    const second = arrangeStage(many, { ...base, page: 1 });
    expect(second.large).toBeNull();
    expect(second.others.map((p) => [p.tile.participantId, p.position])).toEqual([
      ['p4', 4],
      ['p5', 5],
      ['p6', 6],
      ['p7', 7],
    ]);
    expect(second.page).toEqual({ page: 1, pageCount: 3, start: 4, end: 8 });
    expect(arrangeStage(many, { ...base, page: 2 }).others).toHaveLength(3);
  });

  it('grid: the pinned and the priority tiles lead the first page', () => {
    const first = arrangeStage(many, { ...base, priority: ['p9'], pinned: pinKey(camera('p10')) });
    expect(first.others.map((p) => p.tile.participantId)).toEqual(['p10', 'p9', 'p0', 'p1']);
  });

  it('speaker: the large tile at position 0, everyone else in the filmstrip in order', () => {
    const arranged = arrangeStage(roster, { ...base, layout: 'speaker', speaker: 'c', priority: ['d'] });
    expect(arranged.large).toEqual({ tile: roster[2], position: 0 });
    expect(arranged.others.map((p) => [p.tile.key, p.position])).toEqual([
      ['m:4', 1],
      ['m:1', 2],
      ['p:b', 3],
    ]);
  });

  it('speaker: the filmstrip is not paged', () => {
    expect(arrangeStage(many, { ...base, layout: 'speaker' }).others).toHaveLength(10);
  });

  it('presentation: the share large, cameras in the filmstrip', () => {
    const tiles = [camera('a', '1'), screen('a', '5'), camera('b', '2')];
    const arranged = arrangeStage(tiles, { ...base, layout: 'presentation', shares: ['screen:a:5'] });
    expect(arranged.large?.tile.key).toBe('m:5');
    expect(arranged.others.map((p) => p.tile.key)).toEqual(['m:1', 'm:2']);
  });

  it('nothing to show', () => {
    expect(arrangeStage([], { ...base, layout: 'speaker' })).toMatchObject({ large: null, others: [] });
  });
});

describe('gridSizeClass', () => {
  it('names the tile count, between 1 and 9', () => {
    expect(gridSizeClass(0)).toBe('tile-grid--n1');
    expect(gridSizeClass(4)).toBe('tile-grid--n4');
    expect(gridSizeClass(30)).toBe('tile-grid--n9');
  });
});
