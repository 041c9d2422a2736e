// Connection quality (good / fair / poor) from WebRTC statistics, as pure functions: read the
// numbers out of an RTCStatsReport, take the difference between two polls, and grade.
//
// Thresholds (each measured value gets a grade; the worst grade wins; nothing measured: unknown):
//
// | value                                 | good     | fair      | poor     |
// | ------------------------------------- | -------- | --------- | -------- |
// | packet loss over the interval         | < 2 %    | < 8 %     | ≥ 8 %    |
// | round-trip time                       | < 300 ms | < 600 ms  | ≥ 600 ms |
// | jitter                                | < 30 ms  | < 100 ms  | ≥ 100 ms |
// | camera frame rate / expected (30 fps) | ≥ 50 %   | ≥ 25 %    | < 25 %   |
// | video freezes during the interval     | 0        | 1         | ≥ 2      |
// | encoder limited (bandwidth, cpu)      | none     | limited   | —        |
// | estimated upload bandwidth            | ≥ 250 k  | ≥ 100 k   | < 100 k  |
//
// A received mid with no packet during the interval is `unknown` (a paused sender, a video the
// layout just hid): not the network's fault, so no alarm. Screen shares have no expected frame
// rate (a still slide sends few frames).

export type ConnectionQuality = 'good' | 'fair' | 'poor' | 'unknown';

type Grade = 0 | 1 | 2;
const GRADES: readonly ConnectionQuality[] = ['good', 'fair', 'poor'];

export interface QualityMetrics {
  /** Fraction of packets lost (0–1). */
  readonly lossFraction?: number | undefined;
  readonly rttMs?: number | undefined;
  readonly jitterMs?: number | undefined;
  /** Frames per second received, and what a camera normally sends. */
  readonly framesPerSecond?: number | undefined;
  readonly expectedFramesPerSecond?: number | undefined;
  /** Freezes that started during the interval. */
  readonly newFreezes?: number | undefined;
  /** The encoder's qualityLimitationReason ('none', 'bandwidth', 'cpu', 'other'). */
  readonly limitation?: string | undefined;
  /** The send bandwidth the browser estimates, in kbit/s. */
  readonly availableKbps?: number | undefined;
}

export const EXPECTED_CAMERA_FPS = 30;

function below(value: number, good: number, fair: number): Grade {
  return value < good ? 0 : value < fair ? 1 : 2;
}

function atLeast(value: number, good: number, fair: number): Grade {
  return value >= good ? 0 : value >= fair ? 1 : 2;
}

function finite(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}

/** The grade of the worst measured value; `unknown` when nothing was measured. */
export function classifyQuality(metrics: QualityMetrics): ConnectionQuality {
  const grades: Grade[] = [];
  if (finite(metrics.lossFraction)) grades.push(below(metrics.lossFraction, 0.02, 0.08));
  if (finite(metrics.rttMs)) grades.push(below(metrics.rttMs, 300, 600));
  if (finite(metrics.jitterMs)) grades.push(below(metrics.jitterMs, 30, 100));
  if (finite(metrics.framesPerSecond) && finite(metrics.expectedFramesPerSecond) && metrics.expectedFramesPerSecond > 0) {
    grades.push(atLeast(metrics.framesPerSecond / metrics.expectedFramesPerSecond, 0.5, 0.25));
  }
  if (finite(metrics.newFreezes)) grades.push(below(metrics.newFreezes, 1, 2));
  if (metrics.limitation !== undefined) grades.push(metrics.limitation === 'bandwidth' || metrics.limitation === 'cpu' ? 1 : 0);
  if (finite(metrics.availableKbps)) grades.push(atLeast(metrics.availableKbps, 250, 100));
  if (grades.length === 0) return 'unknown';
  return GRADES[Math.max(...grades)] ?? 'unknown';
}

// ---- reading an RTCStatsReport -------------------------------------------------------------------

type Stat = Readonly<Record<string, unknown>>;

function statsOf(report: RTCStatsReport | null): Stat[] {
  if (report === null) return [];
  const stats: Stat[] = [];
  report.forEach((value: unknown) => {
    if (typeof value === 'object' && value !== null) stats.push(value as Stat);
  });
  return stats;
}

function num(stat: Stat, key: string): number | undefined {
  const value = stat[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function str(stat: Stat, key: string): string | undefined {
  const value = stat[key];
  return typeof value === 'string' ? value : undefined;
}

/** The counters of one received mid at one poll. */
export interface InboundSample {
  readonly kind: 'audio' | 'video';
  /** Milliseconds (the stats' timestamp). */
  readonly timestamp: number;
  readonly packetsReceived: number;
  readonly packetsLost: number;
  /** Seconds, as the stats give it. */
  readonly jitter?: number | undefined;
  readonly framesPerSecond?: number | undefined;
  readonly freezeCount?: number | undefined;
}

/** The transport's selected candidate pair: round trip and estimated send bandwidth. */
export interface TransportSample {
  readonly rttMs?: number | undefined;
  readonly availableKbps?: number | undefined;
}

function selectedPair(stats: readonly Stat[]): Stat | undefined {
  const byId = new Map(stats.map((stat) => [str(stat, 'id'), stat]));
  for (const stat of stats) {
    if (stat['type'] !== 'transport') continue;
    const pair = byId.get(str(stat, 'selectedCandidatePairId'));
    if (pair !== undefined) return pair;
  }
  // Firefox marks the pair itself; other browsers without a transport stat: the nominated one.
  return (
    stats.find((stat) => stat['type'] === 'candidate-pair' && stat['selected'] === true) ??
    stats.find((stat) => stat['type'] === 'candidate-pair' && stat['nominated'] === true && stat['state'] === 'succeeded')
  );
}

export function readTransport(report: RTCStatsReport | null): TransportSample {
  const pair = selectedPair(statsOf(report));
  if (pair === undefined) return {};
  const rtt = num(pair, 'currentRoundTripTime');
  const bitrate = num(pair, 'availableOutgoingBitrate');
  return {
    rttMs: rtt === undefined ? undefined : rtt * 1000,
    availableKbps: bitrate === undefined ? undefined : bitrate / 1000,
  };
}

/**
 * The inbound-rtp counters by mid. `midOfTrack` maps a receiving track's id to its mid, for
 * browsers whose stats do not carry `mid`.
 */
export function readInbound(
  report: RTCStatsReport | null,
  midOfTrack: (trackId: string) => string | undefined = () => undefined,
): Map<string, InboundSample> {
  const byMid = new Map<string, InboundSample>();
  for (const stat of statsOf(report)) {
    if (stat['type'] !== 'inbound-rtp') continue;
    const kind = stat['kind'] ?? stat['mediaType'];
    if (kind !== 'audio' && kind !== 'video') continue;
    const trackId = str(stat, 'trackIdentifier');
    const mid = str(stat, 'mid') ?? (trackId === undefined ? undefined : midOfTrack(trackId));
    if (mid === undefined || byMid.has(mid)) continue;
    byMid.set(mid, {
      kind,
      timestamp: num(stat, 'timestamp') ?? 0,
      packetsReceived: num(stat, 'packetsReceived') ?? 0,
      packetsLost: num(stat, 'packetsLost') ?? 0,
      jitter: num(stat, 'jitter'),
      framesPerSecond: num(stat, 'framesPerSecond'),
      freezeCount: num(stat, 'freezeCount'),
    });
  }
  return byMid;
}

/**
 * The quality of one received mid between two polls. `expectedFps` is the camera's usual rate,
 * or undefined for a screen share or sound.
 */
export function inboundQuality(
  previous: InboundSample | undefined,
  current: InboundSample,
  transport: TransportSample,
  expectedFps: number | undefined,
): ConnectionQuality {
  if (previous === undefined || previous.kind !== current.kind) return 'unknown';
  const received = current.packetsReceived - previous.packetsReceived;
  // Nothing arrived (a paused sender), or the counters went back (the mid now carries another
  // stream): nothing to judge. Lost can go down too (late duplicates): clamped below.
  if (received <= 0) return 'unknown';
  const lost = Math.max(0, current.packetsLost - previous.packetsLost);
  const freezes =
    current.freezeCount === undefined || previous.freezeCount === undefined ? undefined : Math.max(0, current.freezeCount - previous.freezeCount);
  return classifyQuality({
    lossFraction: lost / (received + lost),
    rttMs: transport.rttMs,
    jitterMs: current.jitter === undefined ? undefined : current.jitter * 1000,
    framesPerSecond: current.kind === 'video' ? current.framesPerSecond : undefined,
    expectedFramesPerSecond: current.kind === 'video' ? expectedFps : undefined,
    newFreezes: current.kind === 'video' ? freezes : undefined,
  });
}

/**
 * How our own sending fares, from the publish connection: the loss and round trip the server
 * reports back (remote-inbound-rtp, worst stream), whether the encoder is held back, and the
 * estimated send bandwidth (only meaningful while sending video).
 */
export function publishQuality(report: RTCStatsReport | null): ConnectionQuality {
  if (report === null) return 'unknown';
  const stats = statsOf(report);
  let loss: number | undefined;
  let rtt: number | undefined;
  let limitation: string | undefined;
  let sendsVideo = false;
  for (const stat of stats) {
    if (stat['type'] === 'remote-inbound-rtp') {
      const fraction = num(stat, 'fractionLost');
      if (fraction !== undefined) loss = Math.max(loss ?? 0, fraction);
      const roundTrip = num(stat, 'roundTripTime');
      if (roundTrip !== undefined) rtt = Math.max(rtt ?? 0, roundTrip * 1000);
    } else if (stat['type'] === 'outbound-rtp' && (stat['kind'] ?? stat['mediaType']) === 'video') {
      sendsVideo = true;
      const reason = str(stat, 'qualityLimitationReason');
      if (reason !== undefined && (limitation === undefined || limitation === 'none' || limitation === 'other')) limitation = reason;
    }
  }
  const transport = readTransport(report);
  return classifyQuality({
    lossFraction: loss,
    rttMs: rtt ?? transport.rttMs,
    limitation,
    availableKbps: sendsVideo ? transport.availableKbps : undefined,
  });
}

/** One poll of both connections, kept for the next poll's differences. */
export interface QualitySample {
  readonly inbound: ReadonlyMap<string, InboundSample>;
  readonly transport: TransportSample;
}

export function sampleSubscribe(report: RTCStatsReport | null, midOfTrack?: (trackId: string) => string | undefined): QualitySample {
  return { inbound: readInbound(report, midOfTrack), transport: readTransport(report) };
}

/** The quality of every received mid between two polls. */
export function assessInbound(
  previous: QualitySample | null,
  current: QualitySample,
  expectedFps: (mid: string) => number | undefined,
): Map<string, ConnectionQuality> {
  const result = new Map<string, ConnectionQuality>();
  for (const [mid, sample] of current.inbound) {
    result.set(mid, inboundQuality(previous?.inbound.get(mid), sample, current.transport, expectedFps(mid)));
  }
  return result;
}
