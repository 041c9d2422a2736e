import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { createRef, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Participant } from '../../lib/signaling/messages';
import type { RemoteTile } from '../../lib/webrtc/remote-media';
import { fakeCameraStream, FakeMediaStream, FakeMediaStreamTrack } from '../../test/fake-webrtc';
import { participant } from '../../test/meeting-messages';
import { I18nProvider } from '../../lib/i18n/i18n';
import { INITIAL_SNAPSHOT, type MeetingSession, type MeetingSnapshot } from './meeting-session';
import { Stage } from './Stage';

/** The parts of MeetingSession the stage uses; records which tiles are measured. */
class FakeSession {
  readonly displayName = 'Nguyễn Văn A';
  readonly observed = new Map<string, number>();
  readonly streams = new Map<string, MediaStream>();
  stats: { subscribe: RTCStatsReport | null; publish: RTCStatsReport | null } = { subscribe: null, publish: null };
  readonly getConnectionStats = vi.fn(async () => this.stats);

  streamFor(mid: string): MediaStream | null {
    let stream = this.streams.get(mid);
    if (stream === undefined) {
      stream = new FakeMediaStream([new FakeMediaStreamTrack('video')]) as unknown as MediaStream;
      this.streams.set(mid, stream);
    }
    return stream;
  }

  observeTile(_element: Element, mid: string): () => void {
    this.observed.set(mid, (this.observed.get(mid) ?? 0) + 1);
    return () => {
      const count = (this.observed.get(mid) ?? 1) - 1;
      if (count === 0) this.observed.delete(mid);
      else this.observed.set(mid, count);
    };
  }
}

const BASE: MeetingSnapshot = {
  ...INITIAL_SNAPSHOT,
  connection: 'connected',
  joined: true,
  participantId: 'p1',
  roomCode: '482 915 306',
  title: 'Giao ban tuần',
  role: 'participant',
  media: { video: 'ok', audio: 'ok' },
};

function cameraTile(id: string, mid: string | null, audioMid: string | null = null): RemoteTile {
  return { key: mid === null ? `p:${id}` : `m:${mid}`, participantId: id, displayName: id.toUpperCase(), videoMid: mid, source: mid === null ? null : 'camera', audioMid };
}

function screenTile(id: string, mid: string): RemoteTile {
  return { key: `m:${mid}`, participantId: id, displayName: id.toUpperCase(), videoMid: mid, source: 'screen', audioMid: null };
}

/** A snapshot where every tile's participant is in the roster (unless `roster` says otherwise). */
function snapshotOf(tiles: RemoteTile[], patch: Partial<MeetingSnapshot> = {}): MeetingSnapshot {
  const roster: Participant[] = [];
  for (const tile of tiles) {
    if (!roster.some((p) => p.participantId === tile.participantId)) roster.push(participant(tile.participantId, tile.displayName ?? '', { microphone: true }));
  }
  return { ...BASE, roster, tiles, ...patch };
}

function setup(snapshot: MeetingSnapshot, lang: 'vi' | 'en' = 'vi') {
  const session = new FakeSession();
  const stageRef = createRef<HTMLDivElement>();
  const onAudioBlocked = vi.fn();
  const element = (s: MeetingSnapshot) => (
    <Stage session={session as unknown as MeetingSession} snapshot={s} onAudioBlocked={onAudioBlocked} stageRef={stageRef} />
  );
  const wrapper = ({ children }: { children: ReactNode }) => <I18nProvider initial={lang}>{children}</I18nProvider>;
  const view = render(element(snapshot), { wrapper });
  return {
    session,
    rerender: (next: MeetingSnapshot) => view.rerender(element(next)),
  };
}

const tiles = () => screen.queryAllByTestId('remote-tile');
const shown = () => tiles().map((tile) => tile.dataset['participantId']);
const stage = () => screen.getByTestId('stage');

let matchPhone = false;

beforeEach(() => {
  matchPhone = false;
  vi.stubGlobal(
    'matchMedia',
    vi.fn((query: string) => ({
      matches: matchPhone && query.includes('480px'),
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    })),
  );
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Stage: tiles', () => {
  it('shows a tile per camera or name and per shared screen, with microphone and hand badges', () => {
    const snapshot = snapshotOf([cameraTile('p2', '1'), cameraTile('p3', null), screenTile('p3', '4')]);
    setup({
      ...snapshot,
      roster: [participant('p2', 'P2', { microphone: true, handRaised: true }), participant('p3', 'P3', { microphone: false })],
      dominantSpeakerId: 'p3',
    });
    // A share at the start switches to the presentation layout; the grid shows all three in order.
    expect(stage().dataset['layout']).toBe('presentation');
    fireEvent.click(screen.getByTestId('layout-grid'));
    const [p2, p3, share] = tiles();
    expect(p2?.dataset).toMatchObject({ participantId: 'p2', mid: '1', source: 'camera', position: '0', quality: 'unknown' });
    expect(p3?.dataset).toMatchObject({ participantId: 'p3', source: 'none', position: '1', speaking: 'true' });
    expect(p3?.hasAttribute('data-mid')).toBe(false);
    expect(share?.dataset).toMatchObject({ participantId: 'p3', mid: '4', source: 'screen', position: '2' });
    expect(share?.hasAttribute('data-speaking')).toBe(false);

    expect(within(p2!).getByRole('img', { name: 'Đang giơ tay' })).toBeTruthy();
    expect(within(p2!).queryByRole('img', { name: 'Micrô đang tắt' })).toBeNull();
    expect(within(p3!).getByRole('img', { name: 'Micrô đang tắt' })).toBeTruthy();
    expect(within(share!).getByTestId('remote-tile-name').textContent).toBe('Màn hình của P3');
    expect(within(share!).queryByRole('img', { name: 'Micrô đang tắt' })).toBeNull();
    // Screens are letterboxed, cameras cropped (CSS classes).
    expect(share?.querySelector('video')?.classList.contains('tile__video--screen')).toBe(true);
    expect(p2?.querySelector('video')?.classList.contains('tile__video--screen')).toBe(false);
    expect(within(p2!).getByTestId('tile-quality').getAttribute('aria-label')).toBe('Chất lượng kết nối: chưa xác định');
  });

  it('says nobody is here, and shows no layout switch', () => {
    setup(snapshotOf([]));
    expect(screen.getByTestId('meeting-empty')).toBeTruthy();
    expect(screen.queryByTestId('layout-grid')).toBeNull();
  });

  it('keeps a mirrored self-view with its own quality indicator', () => {
    setup(snapshotOf([cameraTile('p2', '1')], { localStream: fakeCameraStream() }));
    const self = screen.getByTestId('self-view');
    expect(self.querySelector('video')?.classList.contains('self-view__video')).toBe(true);
    expect(within(self).getByTestId('self-quality').dataset['quality']).toBe('unknown');
  });
});

describe('Stage: grid pages', () => {
  const many = Array.from({ length: 11 }, (_, i) => cameraTile(`p${i + 2}`, String(2 * i + 1), String(2 * i)));
  const audio = many.map((tile) => tile.audioMid ?? '');

  it('renders nine tiles per page; tiles of other pages are neither rendered nor measured; all sound plays', () => {
    const { session } = setup(snapshotOf(many, { audioMids: audio }));
    expect(shown()).toEqual(['p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10']);
    expect(screen.getByTestId('grid-page-label').textContent).toBe('Trang 1/2');
    expect([...session.observed.keys()].sort((a, b) => Number(a) - Number(b))).toEqual(['1', '3', '5', '7', '9', '11', '13', '15', '17']);
    expect(document.querySelectorAll('audio')).toHaveLength(11);
    expect(screen.getByTestId('grid-page-prev').getAttribute('aria-disabled')).toBe('true');

    fireEvent.click(screen.getByTestId('grid-page-next'));
    expect(shown()).toEqual(['p11', 'p12']);
    expect(tiles().map((tile) => tile.dataset['position'])).toEqual(['9', '10']);
    expect(screen.getByTestId('grid-page-label').textContent).toBe('Trang 2/2');
    expect([...session.observed.keys()].sort()).toEqual(['19', '21']);
    expect(document.querySelectorAll('audio')).toHaveLength(11);
    expect(screen.getByTestId('grid-page-next').getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(screen.getByTestId('grid-page-next'));
    expect(screen.getByTestId('grid-page-label').textContent).toBe('Trang 2/2');

    fireEvent.click(screen.getByTestId('grid-page-prev'));
    expect(shown()).toHaveLength(9);
  });

  it('goes back to the last page that exists when people leave', () => {
    const { rerender } = setup(snapshotOf(many));
    fireEvent.click(screen.getByTestId('grid-page-next'));
    rerender(snapshotOf(many.slice(0, 9)));
    expect(shown()).toHaveLength(9);
    expect(screen.queryByTestId('grid-page-label')).toBeNull();
  });

  it('has four tiles per page on a phone', () => {
    matchPhone = true;
    setup(snapshotOf(many));
    expect(shown()).toHaveLength(4);
    expect(screen.getByTestId('grid-page-label').textContent).toBe('Trang 1/3');
  });

  it('uses a grid class by tile count (no inline style)', () => {
    setup(snapshotOf(many.slice(0, 5)));
    const grid = screen.getByRole('list', { name: 'Những người tham gia khác' });
    expect(grid.classList.contains('tile-grid--n5')).toBe(true);
    expect(document.querySelector('[style]')).toBeNull();
  });
});

describe('Stage: chair priority and pin', () => {
  const four = [cameraTile('p2', '1'), cameraTile('p3', '2'), cameraTile('p4', null), cameraTile('p5', '3')];

  it('orders the grid by the chair priority, then roster order', () => {
    const { rerender } = setup(snapshotOf(four, { priority: ['p5', 'p3'] }));
    expect(shown()).toEqual(['p5', 'p3', 'p2', 'p4']);
    rerender(snapshotOf(four, { priority: ['p4'] }));
    expect(shown()).toEqual(['p4', 'p2', 'p3', 'p5']);
  });

  it('pins a tile first (only for me), before the priority; pressing again unpins', () => {
    setup(snapshotOf(four, { priority: ['p5'] }));
    const pin = within(tiles()[3]!).getByRole('button', { name: 'Ghim P4' });
    expect(pin.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(pin);
    expect(shown()).toEqual(['p4', 'p5', 'p2', 'p3']);
    const pinned = tiles()[0]!;
    expect(pinned.dataset['pinned']).toBe('true');
    expect(pinned.dataset['position']).toBe('0');
    expect(within(pinned).getByTestId('tile-pin').getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(within(pinned).getByTestId('tile-pin'));
    expect(shown()).toEqual(['p5', 'p2', 'p3', 'p4']);
    expect(tiles().some((tile) => tile.dataset['pinned'] === 'true')).toBe(false);
  });
});

describe('Stage: speaker layout', () => {
  const four = [cameraTile('p2', '1'), cameraTile('p3', '2'), cameraTile('p4', null), cameraTile('p5', '3')];
  const large = () => tiles().find((tile) => tile.dataset['large'] === 'true');

  it('shows the active speaker large, keeps the last one, and the rest in the filmstrip', () => {
    const { rerender, session } = setup(snapshotOf(four, { dominantSpeakerId: 'p3' }));
    const button = screen.getByTestId('layout-speaker');
    fireEvent.click(button);
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('layout-grid').getAttribute('aria-pressed')).toBe('false');
    expect(stage().dataset['layout']).toBe('speaker');
    expect(large()?.dataset['participantId']).toBe('p3');
    expect(large()?.dataset['position']).toBe('0');
    const strip = screen.getByRole('list', { name: 'Các khung hình khác' });
    expect(within(strip).getAllByTestId('remote-tile').map((tile) => tile.dataset['participantId'])).toEqual(['p2', 'p4', 'p5']);
    // Every tile is rendered, so measured (the small ones get the low layer).
    expect(session.observed.size).toBe(3);

    rerender(snapshotOf(four, { dominantSpeakerId: null }));
    expect(large()?.dataset['participantId']).toBe('p3');
    rerender(snapshotOf(four, { dominantSpeakerId: 'p5' }));
    expect(large()?.dataset['participantId']).toBe('p5');
  });

  it('without a speaker shows the first priority participant large; my pin beats both', () => {
    setup(snapshotOf(four, { priority: ['p4', 'p2'] }));
    fireEvent.click(screen.getByTestId('layout-speaker'));
    expect(large()?.dataset['participantId']).toBe('p4');
    fireEvent.click(within(tiles().find((tile) => tile.dataset['participantId'] === 'p5')!).getByTestId('tile-pin'));
    expect(large()?.dataset['participantId']).toBe('p5');
    expect(large()?.dataset['pinned']).toBe('true');
  });
});

describe('Stage: presentation', () => {
  const people = [cameraTile('p2', '1'), cameraTile('p3', '2')];
  const withShare = [...people, screenTile('p3', '5')];
  const large = () => tiles().find((tile) => tile.dataset['large'] === 'true');

  it('switches to presentation when a share starts and back when it ends', () => {
    const { rerender } = setup(snapshotOf(people));
    fireEvent.click(screen.getByTestId('layout-speaker'));
    expect(screen.getByTestId('layout-presentation').hasAttribute('disabled')).toBe(true);

    rerender(snapshotOf(withShare));
    expect(stage().dataset['layout']).toBe('presentation');
    expect(screen.getByTestId('layout-presentation').getAttribute('aria-pressed')).toBe('true');
    expect(large()?.dataset).toMatchObject({ source: 'screen', mid: '5', position: '0' });
    expect(tiles().filter((tile) => tile.dataset['large'] !== 'true').map((tile) => tile.dataset['participantId'])).toEqual(['p2', 'p3']);

    rerender(snapshotOf(people));
    expect(stage().dataset['layout']).toBe('speaker');
  });

  it('keeps the layout the user chose after the share started', () => {
    const { rerender } = setup(snapshotOf(people));
    rerender(snapshotOf(withShare));
    expect(stage().dataset['layout']).toBe('presentation');
    fireEvent.click(screen.getByTestId('layout-grid'));
    expect(stage().dataset['layout']).toBe('grid');
    rerender(snapshotOf([...withShare]));
    expect(stage().dataset['layout']).toBe('grid');
    rerender(snapshotOf(people));
    expect(stage().dataset['layout']).toBe('grid');
  });

  it('shows the newest share, or the one I pinned', () => {
    const two = [...withShare, screenTile('p2', '6')];
    const { rerender } = setup(snapshotOf(withShare));
    rerender(snapshotOf(two));
    expect(large()?.dataset['mid']).toBe('6');
    fireEvent.click(within(tiles().find((tile) => tile.dataset['mid'] === '5')!).getByTestId('tile-pin'));
    expect(large()?.dataset['mid']).toBe('5');
  });
});

describe('Stage: W shortcut', () => {
  const people = [cameraTile('p2', '1'), cameraTile('p3', '2')];

  it('cycles the layouts, not while typing nor with a modifier', () => {
    const { rerender } = setup(snapshotOf(people));
    fireEvent.keyDown(document.body, { key: 'w' });
    expect(stage().dataset['layout']).toBe('speaker');
    // No share: presentation is skipped.
    fireEvent.keyDown(document.body, { key: 'W' });
    expect(stage().dataset['layout']).toBe('grid');

    fireEvent.keyDown(document.body, { key: 'w', ctrlKey: true });
    fireEvent.keyDown(document.body, { key: 'w', altKey: true });
    const input = document.createElement('input');
    document.body.append(input);
    fireEvent.keyDown(input, { key: 'w' });
    input.remove();
    expect(stage().dataset['layout']).toBe('grid');

    rerender(snapshotOf([...people, screenTile('p2', '5')]));
    expect(stage().dataset['layout']).toBe('presentation');
    fireEvent.keyDown(document.body, { key: 'w' });
    expect(stage().dataset['layout']).toBe('grid');
    fireEvent.keyDown(document.body, { key: 'w' });
    fireEvent.keyDown(document.body, { key: 'w' });
    expect(stage().dataset['layout']).toBe('presentation');
  });
});

describe('Stage: connection quality', () => {
  function stats(...entries: Record<string, unknown>[]): RTCStatsReport {
    return new Map(entries.map((stat) => [String(stat['id']), stat])) as unknown as RTCStatsReport;
  }

  it('polls every 2 s and grades each tile and the self-view', async () => {
    vi.useFakeTimers();
    const { session } = setup(snapshotOf([cameraTile('p2', '1', '0'), cameraTile('p3', null, '2')], { localStream: fakeCameraStream() }), 'en');
    const inbound = (received: number, lost: number) =>
      stats(
        { id: 'v1', type: 'inbound-rtp', kind: 'video', mid: '1', packetsReceived: received, packetsLost: 0, framesPerSecond: 30, freezeCount: 0 },
        { id: 'a2', type: 'inbound-rtp', kind: 'audio', mid: '2', packetsReceived: received, packetsLost: lost },
      );
    session.stats = {
      subscribe: inbound(100, 0),
      publish: stats({ id: 'r', type: 'remote-inbound-rtp', kind: 'audio', fractionLost: 0.05, roundTripTime: 0.05 }),
    };
    // The first poll (at mount) found nothing yet; the next one is 2 s later.
    expect(session.getConnectionStats).toHaveBeenCalledTimes(1);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1999);
    });
    expect(session.getConnectionStats).toHaveBeenCalledTimes(1);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1);
    });
    expect(session.getConnectionStats).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('self-quality').dataset['quality']).toBe('fair');
    expect(screen.getByTestId('self-quality').getAttribute('aria-label')).toBe('Connection quality: fair');

    session.stats = { ...session.stats, subscribe: inbound(300, 50) };
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2000);
    });
    expect(session.getConnectionStats).toHaveBeenCalledTimes(3);
    const [p2, p3] = tiles();
    expect(p2?.dataset['quality']).toBe('good');
    expect(within(p2!).getByTestId('tile-quality').getAttribute('aria-label')).toBe('Connection quality: good');
    // No video: graded by its sound (50 of 250 lost).
    expect(p3?.dataset['quality']).toBe('poor');
    expect(within(p3!).getByTestId('tile-quality').dataset['quality']).toBe('poor');
  });

  it('does not poll while the page is hidden', async () => {
    vi.useFakeTimers();
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const { session } = setup(snapshotOf([cameraTile('p2', '1')]));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(6000);
    });
    expect(session.getConnectionStats).not.toHaveBeenCalled();
    visibility.mockReturnValue('visible');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2000);
    });
    expect(session.getConnectionStats).toHaveBeenCalledTimes(1);
  });
});

describe('Stage: reconnecting', () => {
  it('dims the stage under "Đang kết nối lại…"', () => {
    const { rerender } = setup(snapshotOf([cameraTile('p2', '1')]));
    expect(screen.queryByTestId('stage-reconnecting')).toBeNull();
    rerender(snapshotOf([cameraTile('p2', '1')], { connection: 'reconnecting' }));
    const overlay = screen.getByTestId('stage-reconnecting');
    expect(overlay.getAttribute('role')).toBe('status');
    expect(overlay.textContent).toBe('Đang kết nối lại…');
    expect(stage().classList.contains('stage--reconnecting')).toBe(true);
  });
});

describe('Stage: English', () => {
  it('names the layout buttons and the pin in English', () => {
    setup(snapshotOf([cameraTile('p2', '1'), screenTile('p2', '3')]), 'en');
    expect(screen.getByRole('group', { name: 'Layout' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Grid' })).toBe(screen.getByTestId('layout-grid'));
    expect(screen.getByRole('button', { name: 'Presentation' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: "Pin P2's screen" })).toBeTruthy();
  });
});
