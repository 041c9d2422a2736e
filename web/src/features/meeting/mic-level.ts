// The pre-join microphone level: an AnalyserNode on the microphone track, its RMS read every
// animation frame and shown on a 0–100 scale in decibels (what a voice looks like on any meter).

/** Below this (-60 dBFS) the meter shows 0: room noise and a muted track. */
const FLOOR_DB = -60;
/** At and above this (-10 dBFS) the meter is full: a loud voice close to the microphone. */
const CEILING_DB = -10;
/** How fast the shown level falls back (per frame), so that it does not flicker between syllables. */
const FALL_PER_FRAME = 4;

/** 0–100 from samples in [-1, 1]: their RMS in dBFS, from FLOOR_DB (0) to CEILING_DB (100). */
export function levelFromSamples(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  const level = ((db - FLOOR_DB) / (CEILING_DB - FLOOR_DB)) * 100;
  return Math.round(Math.min(100, Math.max(0, level)));
}

function requestFrame(callback: () => void): () => void {
  if (typeof requestAnimationFrame === 'function') {
    const handle = requestAnimationFrame(callback);
    return () => cancelAnimationFrame(handle);
  }
  const handle = setTimeout(callback, 16);
  return () => clearTimeout(handle);
}

/**
 * Measures `track` in `context` and calls `onLevel` with each new level (only when it changes);
 * returns the function that stops measuring (and closes the context).
 */
export function startMicLevel(track: MediaStreamTrack, context: AudioContext, onLevel: (level: number) => void): () => void {
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let shown = 0;
  let cancel: () => void = () => undefined;
  let stopped = false;

  const frame = () => {
    if (stopped) return;
    analyser.getFloatTimeDomainData(samples);
    const level = Math.max(levelFromSamples(samples), shown - FALL_PER_FRAME, 0);
    if (level !== shown) {
      shown = level;
      onLevel(level);
    }
    cancel = requestFrame(frame);
  };
  cancel = requestFrame(frame);

  return () => {
    stopped = true;
    cancel();
    source.disconnect();
    context.close().catch(() => undefined);
  };
}
