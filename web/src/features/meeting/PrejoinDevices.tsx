// The pre-join screen's media parts: the mirrored camera preview (or a placeholder), the
// microphone and camera on-off buttons, the microphone level meter, the device pickers and the
// speaker test. State lives in PrejoinMedia; these only show it and report clicks.
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { MessageKey } from '../../lib/i18n/translate';
import { createAudioContext } from './audio-context';
import { UNNAMED_DEVICE_TEXT } from './device-text';
import { CameraIcon, MicrophoneIcon } from './icons';
import { startMicLevel } from './mic-level';
import type { DeviceOption } from './prejoin-media';
import { canChooseSpeaker, playTestTone } from './test-tone';

/** Starts playback, ignoring a refusal (the preview is muted: only a policy could refuse it). */
function play(element: HTMLMediaElement): void {
  try {
    element.play()?.catch(() => undefined);
  } catch {
    // Not implemented (tests) or refused at once.
  }
}

/** The local camera, mirrored like a mirror (CSS), muted: the microphone must never echo. */
export function PreviewVideo({ stream, label }: { stream: MediaStream; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return undefined;
    element.srcObject = stream;
    play(element);
    return () => {
      element.srcObject = null;
    };
  }, [stream]);
  return (
    <video
      ref={ref}
      className="prejoin__video"
      autoPlay
      playsInline
      muted
      disablePictureInPicture
      aria-label={label}
      data-testid="prejoin-preview"
    />
  );
}

/** A round on-off button over the preview; its name stays the same, aria-pressed says "on". */
export function MediaToggle({
  kind,
  on,
  onChange,
}: {
  kind: 'microphone' | 'camera';
  on: boolean;
  onChange: (on: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="prejoin__toggle"
      aria-pressed={on}
      aria-label={t(kind === 'microphone' ? 'meeting.prejoin.microphone' : 'meeting.prejoin.camera')}
      onClick={() => onChange(!on)}
      data-testid={kind === 'microphone' ? 'prejoin-mic-toggle' : 'prejoin-camera-toggle'}
    >
      {kind === 'microphone' ? <MicrophoneIcon off={!on} /> : <CameraIcon off={!on} />}
    </button>
  );
}

const LEVEL_SEGMENTS = 10;

/** The live microphone level (0–100), as ten segments; 0 while muted or without a microphone. */
export function MicLevelMeter({ track, on }: { track: MediaStreamTrack | null; on: boolean }) {
  const { t } = useI18n();
  const [level, setLevel] = useState(0);

  useEffect(() => {
    if (track === null) return undefined;
    const context = createAudioContext();
    if (context === null) return undefined;
    let stop: () => void;
    try {
      stop = startMicLevel(track, context, setLevel);
    } catch {
      // A track Web Audio cannot read (ended meanwhile): no level, nothing else breaks.
      context.close().catch(() => undefined);
      return undefined;
    }
    return () => {
      stop();
      setLevel(0);
    };
  }, [track]);

  const shown = on && track !== null ? level : 0;
  const segments = [];
  for (let i = 0; i < LEVEL_SEGMENTS; i++) {
    const lit = shown > (i * 100) / LEVEL_SEGMENTS;
    segments.push(<span key={i} className={`level-meter__segment${lit ? ' level-meter__segment--lit' : ''}`} />);
  }
  return (
    <div
      className="level-meter"
      role="meter"
      aria-label={t('meeting.prejoin.micLevel')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={shown}
      data-testid="prejoin-mic-level"
    >
      {segments}
    </div>
  );
}

const LABEL: Readonly<Record<'microphone' | 'camera' | 'speaker', MessageKey>> = {
  microphone: 'meeting.prejoin.microphone',
  camera: 'meeting.prejoin.camera',
  speaker: 'meeting.prejoin.speaker',
};

const TEST_ID: Readonly<Record<'microphone' | 'camera' | 'speaker', string>> = {
  microphone: 'prejoin-mic-select',
  camera: 'prejoin-camera-select',
  speaker: 'prejoin-speaker-select',
};

/** What a picker shows: the choice if it is there, else the device in use, else the first. */
export function shownDevice(devices: readonly DeviceOption[], chosen: string | null, inUse: string | null): string {
  const has = (id: string | null): id is string => id !== null && devices.some((device) => device.deviceId === id);
  if (has(chosen)) return chosen;
  if (has(inUse)) return inUse;
  return devices[0]?.deviceId ?? '';
}

export function DevicePicker({
  kind,
  devices,
  value,
  onChange,
}: {
  kind: 'microphone' | 'camera' | 'speaker';
  devices: readonly DeviceOption[];
  value: string;
  onChange: (deviceId: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t(LABEL[kind])}</label>
      <select
        id={id}
        className="prejoin__select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={TEST_ID[kind]}
      >
        {devices.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label !== '' ? device.label : t(UNNAMED_DEVICE_TEXT[kind], { n: index + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Plays the test chime on the chosen output; says so while it plays, and when it cannot. */
export function SpeakerTest({ speakerId }: { speakerId: string | null }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'playing' | 'failed'>('idle');
  const output = useRef<HTMLAudioElement>(null);

  async function handleClick() {
    const element = output.current;
    const context = createAudioContext();
    if (element === null || context === null) {
      setState('failed');
      return;
    }
    setState('playing');
    try {
      await playTestTone(element, canChooseSpeaker() ? speakerId : null, context);
      setState('idle');
    } catch {
      setState('failed');
    }
  }

  return (
    <div className="prejoin__speaker-test">
      <button
        className="button"
        type="button"
        onClick={() => void handleClick()}
        disabled={state === 'playing'}
        data-testid="prejoin-speaker-test"
      >
        {t(state === 'playing' ? 'meeting.prejoin.speakerTesting' : 'meeting.prejoin.speakerTest')}
      </button>
      <audio ref={output} className="prejoin__tone" />
      {state === 'failed' && (
        <p className="field__error" role="alert" data-testid="prejoin-speaker-error">
          {t('meeting.prejoin.speakerFailed')}
        </p>
      )}
    </div>
  );
}
