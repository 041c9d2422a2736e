// A Web Audio context for the pre-join checks (microphone level, speaker test tone), or null in a
// browser without Web Audio. A context made before any click or key press starts suspended
// (autoplay policy): it is resumed by the next one.

type AudioContextConstructor = new () => AudioContext;

export function createAudioContext(): AudioContext | null {
  const scope = globalThis as { AudioContext?: AudioContextConstructor; webkitAudioContext?: AudioContextConstructor };
  const Constructor = scope.AudioContext ?? scope.webkitAudioContext;
  if (Constructor === undefined) return null;
  let context: AudioContext;
  try {
    context = new Constructor();
  } catch {
    return null;
  }
  if (context.state === 'suspended') resumeOnGesture(context);
  return context;
}

function resumeOnGesture(context: AudioContext): void {
  const resume = () => {
    // Resolves or fails without anyone waiting: a context that stays suspended just shows no level.
    context.resume().catch(() => undefined);
  };
  resume();
  const events = ['pointerdown', 'keydown'] as const;
  const onGesture = () => {
    for (const type of events) document.removeEventListener(type, onGesture, true);
    if (context.state === 'suspended') resume();
  };
  for (const type of events) document.addEventListener(type, onGesture, true);
  context.addEventListener('statechange', () => {
    if (context.state === 'closed') for (const type of events) document.removeEventListener(type, onGesture, true);
  });
}
