// The pre-join speaker test: a short two-note chime made by oscillators, played through an
// <audio> element so that it goes to the chosen output (setSinkId) where the browser can choose.

/** How long the chime lasts, in seconds. */
export const TEST_TONE_SECONDS = 1;

/** Two notes (C5 then E5), each with a soft attack and a fading tail. */
const NOTES: readonly { readonly frequency: number; readonly start: number; readonly end: number }[] = [
  { frequency: 523.25, start: 0, end: 0.48 },
  { frequency: 659.25, start: 0.5, end: TEST_TONE_SECONDS },
];

const PEAK_GAIN = 0.3;

/** Whether this browser can send sound to a chosen output (Chrome, Edge, Firefox; not Safari). */
export function canChooseSpeaker(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Plays the chime through `output` on `speakerId` (null: the default output), then releases
 * everything. Rejects when the sound cannot be played (the page says so). Call from a click.
 */
export async function playTestTone(output: HTMLAudioElement, speakerId: string | null, context: AudioContext): Promise<void> {
  try {
    const destination = context.createMediaStreamDestination();
    const start = context.currentTime + 0.05;
    for (const note of NOTES) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = note.frequency;
      gain.gain.setValueAtTime(0, start + note.start);
      gain.gain.linearRampToValueAtTime(PEAK_GAIN, start + note.start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.001, start + note.end);
      oscillator.connect(gain);
      gain.connect(destination);
      oscillator.start(start + note.start);
      oscillator.stop(start + note.end);
    }
    output.srcObject = destination.stream;
    if (speakerId !== null && canChooseSpeaker()) await output.setSinkId(speakerId);
    await context.resume();
    await output.play();
    await wait(TEST_TONE_SECONDS * 1000 + 150);
  } finally {
    output.pause();
    output.srcObject = null;
    context.close().catch(() => undefined);
  }
}
