import { describe, expect, it } from 'vitest';
import type { MediaKind, SubscribeTrack } from '../signaling/messages';
import { activeMids, buildTiles, compareMids, indexTracks, videoMidsOf } from './remote-media';

const roster = [
  { participantId: 'p2', displayName: 'Trần Thị B' },
  { participantId: 'p3', displayName: 'Lê Văn C' },
];

const offerTracks: SubscribeTrack[] = [
  { mid: '0', participantId: 'p2', kind: 'audio', source: 'microphone' },
  { mid: '1', participantId: 'p2', kind: 'video', source: 'camera' },
  { mid: '2', participantId: 'p3', kind: 'audio', source: 'microphone' },
];

/** What the browser receives: every listed mid, with its kind. */
function receivedFor(tracks: readonly SubscribeTrack[]): Map<string, MediaKind> {
  return new Map(tracks.map((t) => [t.mid, t.kind]));
}

describe('compareMids', () => {
  it('orders numeric mids numerically, then the others', () => {
    expect(['10', '2', 'a', '1', 'b0'].sort(compareMids)).toEqual(['1', '2', '10', 'a', 'b0']);
  });
});

describe('indexTracks', () => {
  it('maps each mid to its participant and kind; a repeated mid keeps its first entry', () => {
    const index = indexTracks([...offerTracks, { mid: '1', participantId: 'p9', kind: 'audio', source: 'microphone' }]);
    expect([...index.keys()]).toEqual(['0', '1', '2']);
    expect(index.get('1')).toEqual({ mid: '1', participantId: 'p2', kind: 'video', source: 'camera' });
  });
});

describe('activeMids', () => {
  it('lists mids that are in the offer and have a receiving track of that kind', () => {
    const index = indexTracks(offerTracks);
    const received = new Map<string, MediaKind>([
      ['0', 'audio'],
      ['1', 'video'],
      ['2', 'audio'],
      ['3', 'video'], // inactive: not listed in the offer
    ]);
    expect(activeMids(index, received, 'audio')).toEqual(['0', '2']);
    expect(activeMids(index, received, 'video')).toEqual(['1']);
  });

  it('ignores a mid whose receiving track is of another kind, or absent', () => {
    const index = indexTracks(offerTracks);
    expect(activeMids(index, new Map([['1', 'audio']]), 'video')).toEqual([]);
    expect(activeMids(index, new Map(), 'audio')).toEqual([]);
  });
});

describe('buildTiles', () => {
  it('gives each participant a tile: their video, or their name alone', () => {
    const index = indexTracks(offerTracks);
    const tiles = buildTiles(roster, index, receivedFor(offerTracks), 'p1');
    expect(tiles).toEqual([
      { key: 'm:1', participantId: 'p2', displayName: 'Trần Thị B', videoMid: '1', source: 'camera', audioMid: '0' },
      { key: 'p:p3', participantId: 'p3', displayName: 'Lê Văn C', videoMid: null, source: null, audioMid: '2' },
    ]);
    expect([...videoMidsOf(tiles)]).toEqual(['1']);
  });

  it('drops the video of a mid that became inactive (not in the new offer)', () => {
    const next = offerTracks.filter((t) => t.mid !== '1');
    const tiles = buildTiles(roster, indexTracks(next), receivedFor(offerTracks), 'p1');
    expect(tiles.map((t) => [t.participantId, t.videoMid])).toEqual([
      ['p2', null],
      ['p3', null],
    ]);
  });

  it('follows a mid reused for another participant', () => {
    const reused: SubscribeTrack[] = [{ mid: '1', participantId: 'p3', kind: 'video', source: 'camera' }];
    const tiles = buildTiles(roster, indexTracks(reused), receivedFor(reused), 'p1');
    expect(tiles.map((t) => [t.participantId, t.videoMid])).toEqual([
      ['p2', null],
      ['p3', '1'],
    ]);
  });

  it('shows a participant the offer knows before the roster does, without a name', () => {
    const tracks: SubscribeTrack[] = [{ mid: '4', participantId: 'p7', kind: 'video', source: 'camera' }];
    expect(buildTiles(roster, indexTracks(tracks), receivedFor(tracks), 'p1').at(-1)).toEqual({
      key: 'm:4',
      participantId: 'p7',
      displayName: null,
      videoMid: '4',
      source: 'camera',
      audioMid: null,
    });
  });

  it('gives a participant with two cameras two tiles, in mid order', () => {
    const tracks: SubscribeTrack[] = [
      { mid: '5', participantId: 'p2', kind: 'video', source: 'camera' },
      { mid: '1', participantId: 'p2', kind: 'video', source: 'camera' },
    ];
    expect(buildTiles(roster, indexTracks(tracks), receivedFor(tracks), 'p1').map((t) => t.key)).toEqual(['m:1', 'm:5', 'p:p3']);
  });

  it('adds a tile per shared screen after the camera (or the name), with source and no audio', () => {
    const tracks: SubscribeTrack[] = [
      { mid: '0', participantId: 'p2', kind: 'audio', source: 'microphone' },
      { mid: '1', participantId: 'p2', kind: 'video', source: 'screen' },
      { mid: '2', participantId: 'p2', kind: 'video', source: 'camera' },
      { mid: '3', participantId: 'p3', kind: 'video', source: 'screen' },
    ];
    const tiles = buildTiles(roster, indexTracks(tracks), receivedFor(tracks), 'p1');
    expect(tiles.map((t) => [t.key, t.participantId, t.source, t.videoMid, t.audioMid])).toEqual([
      ['m:2', 'p2', 'camera', '2', '0'],
      ['m:1', 'p2', 'screen', '1', null],
      ['p:p3', 'p3', null, null, null],
      ['m:3', 'p3', 'screen', '3', null],
    ]);
    expect([...videoMidsOf(tiles)].sort()).toEqual(['1', '2', '3']);
  });

  it('never shows ourselves, nor a participant twice', () => {
    const tracks: SubscribeTrack[] = [{ mid: '1', participantId: 'p1', kind: 'video', source: 'camera' }];
    const tiles = buildTiles([...roster, { participantId: 'p1', displayName: 'Me' }, roster[0]!], indexTracks(tracks), receivedFor(tracks), 'p1');
    expect(tiles.map((t) => t.participantId)).toEqual(['p2', 'p3']);
  });

  it('keeps a video out until the browser has its receiving track', () => {
    const tiles = buildTiles(roster, indexTracks(offerTracks), new Map(), 'p1');
    expect(tiles.every((t) => t.videoMid === null)).toBe(true);
  });
});
