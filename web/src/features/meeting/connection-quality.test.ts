import { describe, expect, it } from 'vitest';
import {
  assessInbound,
  classifyQuality,
  EXPECTED_CAMERA_FPS,
  inboundQuality,
  publishQuality,
  readInbound,
  readTransport,
  sampleSubscribe,
  type InboundSample,
} from './connection-quality';

/** An RTCStatsReport as the browser gives it: a map from stat ID to stat. */
function report(...stats: Record<string, unknown>[]): RTCStatsReport {
  return new Map(stats.map((stat, i) => [String(stat['id'] ?? `s${i}`), stat])) as unknown as RTCStatsReport;
}

describe('classifyQuality', () => {
  it('grades packet loss: < 2 % good, < 8 % fair, else poor', () => {
    expect(classifyQuality({ lossFraction: 0.019 })).toBe('good');
    expect(classifyQuality({ lossFraction: 0.02 })).toBe('fair');
    expect(classifyQuality({ lossFraction: 0.079 })).toBe('fair');
    expect(classifyQuality({ lossFraction: 0.08 })).toBe('poor');
  });

  it('grades round trip: < 300 ms good, < 600 ms fair, else poor', () => {
    expect(classifyQuality({ rttMs: 120 })).toBe('good');
    expect(classifyQuality({ rttMs: 300 })).toBe('fair');
    expect(classifyQuality({ rttMs: 650 })).toBe('poor');
  });

  it('grades jitter, frame rate, freezes, encoder limits and bandwidth', () => {
    expect(classifyQuality({ jitterMs: 10 })).toBe('good');
    expect(classifyQuality({ jitterMs: 50 })).toBe('fair');
    expect(classifyQuality({ jitterMs: 150 })).toBe('poor');
    expect(classifyQuality({ framesPerSecond: 24, expectedFramesPerSecond: 30 })).toBe('good');
    expect(classifyQuality({ framesPerSecond: 10, expectedFramesPerSecond: 30 })).toBe('fair');
    expect(classifyQuality({ framesPerSecond: 4, expectedFramesPerSecond: 30 })).toBe('poor');
    expect(classifyQuality({ newFreezes: 0 })).toBe('good');
    expect(classifyQuality({ newFreezes: 1 })).toBe('fair');
    expect(classifyQuality({ newFreezes: 3 })).toBe('poor');
    expect(classifyQuality({ limitation: 'none' })).toBe('good');
    expect(classifyQuality({ limitation: 'bandwidth' })).toBe('fair');
    expect(classifyQuality({ limitation: 'cpu' })).toBe('fair');
    expect(classifyQuality({ availableKbps: 1200 })).toBe('good');
    expect(classifyQuality({ availableKbps: 180 })).toBe('fair');
    expect(classifyQuality({ availableKbps: 60 })).toBe('poor');
  });

  it('takes the worst grade, and says unknown when nothing was measured', () => {
    expect(classifyQuality({ lossFraction: 0, rttMs: 50, jitterMs: 120 })).toBe('poor');
    expect(classifyQuality({ lossFraction: 0.03, rttMs: 50 })).toBe('fair');
    expect(classifyQuality({})).toBe('unknown');
    expect(classifyQuality({ lossFraction: Number.NaN, framesPerSecond: 10 })).toBe('unknown');
  });
});

const pair = { id: 'cp1', type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.05, availableOutgoingBitrate: 900_000 };

describe('readTransport', () => {
  it("reads the transport's selected pair", () => {
    const stats = report(
      { id: 'cp0', type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.9 },
      pair,
      { id: 't', type: 'transport', selectedCandidatePairId: 'cp1' },
    );
    expect(readTransport(stats)).toEqual({ rttMs: 50, availableKbps: 900 });
  });

  it('falls back to the nominated, succeeded pair; nothing without one', () => {
    expect(readTransport(report(pair)).rttMs).toBe(50);
    expect(readTransport(report({ id: 'x', type: 'candidate-pair', state: 'in-progress' }))).toEqual({});
    expect(readTransport(null)).toEqual({});
  });
});

describe('readInbound', () => {
  it('reads inbound-rtp by mid, or by track id when the browser gives no mid', () => {
    const stats = report(
      { id: 'a', type: 'inbound-rtp', kind: 'audio', mid: '0', timestamp: 1000, packetsReceived: 50, packetsLost: 1, jitter: 0.01 },
      { id: 'v', type: 'inbound-rtp', kind: 'video', trackIdentifier: 'track-9', timestamp: 1000, packetsReceived: 200, packetsLost: 0, framesPerSecond: 30, freezeCount: 0 },
      { id: 'o', type: 'outbound-rtp', kind: 'video', mid: '5' },
      { id: 'u', type: 'inbound-rtp', kind: 'video', trackIdentifier: 'unknown' },
    );
    const byMid = readInbound(stats, (trackId) => (trackId === 'track-9' ? '1' : undefined));
    expect([...byMid.keys()]).toEqual(['0', '1']);
    expect(byMid.get('0')).toMatchObject({ kind: 'audio', packetsReceived: 50, packetsLost: 1, jitter: 0.01 });
    expect(byMid.get('1')).toMatchObject({ kind: 'video', framesPerSecond: 30, freezeCount: 0 });
  });
});

describe('inboundQuality', () => {
  const video = (packetsReceived: number, packetsLost: number, extra: Partial<InboundSample> = {}): InboundSample => ({
    kind: 'video',
    timestamp: 0,
    packetsReceived,
    packetsLost,
    jitter: 0.005,
    framesPerSecond: 30,
    freezeCount: 0,
    ...extra,
  });

  it('needs two polls', () => {
    expect(inboundQuality(undefined, video(100, 0), {}, EXPECTED_CAMERA_FPS)).toBe('unknown');
  });

  it('grades the loss over the interval, not since the start', () => {
    // 100 lost long ago, none lately.
    expect(inboundQuality(video(1000, 100), video(1200, 100), {}, EXPECTED_CAMERA_FPS)).toBe('good');
    // 10 of 200 lost in the interval: 5 %.
    expect(inboundQuality(video(1000, 0), video(1190, 10), {}, EXPECTED_CAMERA_FPS)).toBe('fair');
    expect(inboundQuality(video(1000, 0), video(1150, 50), {}, EXPECTED_CAMERA_FPS)).toBe('poor');
  });

  it('counts new freezes, a low frame rate and the round trip', () => {
    expect(inboundQuality(video(0, 0, { freezeCount: 2 }), video(100, 0, { freezeCount: 4 }), {}, EXPECTED_CAMERA_FPS)).toBe('poor');
    expect(inboundQuality(video(0, 0), video(100, 0, { framesPerSecond: 9 }), {}, EXPECTED_CAMERA_FPS)).toBe('fair');
    expect(inboundQuality(video(0, 0), video(100, 0), { rttMs: 700 }, EXPECTED_CAMERA_FPS)).toBe('poor');
  });

  it('ignores the frame rate of a screen share (no expected rate)', () => {
    expect(inboundQuality(video(0, 0), video(100, 0, { framesPerSecond: 1 }), {}, undefined)).toBe('good');
  });

  it('says unknown when nothing arrived, or the counters restarted', () => {
    expect(inboundQuality(video(100, 0), video(100, 0), {}, EXPECTED_CAMERA_FPS)).toBe('unknown');
    expect(inboundQuality(video(500, 0), video(20, 0), {}, EXPECTED_CAMERA_FPS)).toBe('unknown');
  });
});

describe('assessInbound', () => {
  it('grades every mid of two polls with its expected frame rate', () => {
    const first = sampleSubscribe(
      report(
        pair,
        { id: 'v1', type: 'inbound-rtp', kind: 'video', mid: '1', packetsReceived: 100, packetsLost: 0, framesPerSecond: 30 },
        { id: 'v2', type: 'inbound-rtp', kind: 'video', mid: '2', packetsReceived: 100, packetsLost: 0, framesPerSecond: 2 },
      ),
    );
    const second = sampleSubscribe(
      report(
        pair,
        { id: 'v1', type: 'inbound-rtp', kind: 'video', mid: '1', packetsReceived: 300, packetsLost: 0, framesPerSecond: 2 },
        { id: 'v2', type: 'inbound-rtp', kind: 'video', mid: '2', packetsReceived: 300, packetsLost: 0, framesPerSecond: 2 },
        { id: 'a3', type: 'inbound-rtp', kind: 'audio', mid: '3', packetsReceived: 10, packetsLost: 0 },
      ),
    );
    const result = assessInbound(first, second, (mid) => (mid === '2' ? undefined : EXPECTED_CAMERA_FPS));
    expect(Object.fromEntries(result)).toEqual({ '1': 'poor', '2': 'good', '3': 'unknown' });
  });
});

describe('publishQuality', () => {
  it('grades what the server reports back and the encoder state', () => {
    const good = report(
      pair,
      { id: 'r1', type: 'remote-inbound-rtp', kind: 'audio', fractionLost: 0, roundTripTime: 0.04 },
      { id: 'r2', type: 'remote-inbound-rtp', kind: 'video', fractionLost: 0.01, roundTripTime: 0.05 },
      { id: 'o1', type: 'outbound-rtp', kind: 'video', qualityLimitationReason: 'none' },
    );
    expect(publishQuality(good)).toBe('good');

    const lossy = report(pair, { id: 'r', type: 'remote-inbound-rtp', kind: 'video', fractionLost: 0.12, roundTripTime: 0.05 });
    expect(publishQuality(lossy)).toBe('poor');

    const limited = report(
      pair,
      { id: 'o1', type: 'outbound-rtp', kind: 'video', qualityLimitationReason: 'none' },
      { id: 'o2', type: 'outbound-rtp', kind: 'video', qualityLimitationReason: 'bandwidth' },
    );
    expect(publishQuality(limited)).toBe('fair');
  });

  it('counts the send bandwidth only while sending video', () => {
    const thin = { ...pair, availableOutgoingBitrate: 50_000 };
    expect(publishQuality(report(thin, { id: 'o', type: 'outbound-rtp', kind: 'video' }))).toBe('poor');
    expect(publishQuality(report(thin, { id: 'o', type: 'outbound-rtp', kind: 'audio' }))).toBe('good');
  });

  it('is unknown without a publish connection', () => {
    expect(publishQuality(null)).toBe('unknown');
  });
});
