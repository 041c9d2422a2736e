// Before joining: the room code, the display name (remembered from the last meeting, else the
// signed-in user's name), the room's password when the server asked for one, and a check of
// camera, microphone and speakers: a mirrored preview, microphone and camera on-off, a live
// microphone level, device pickers and a test sound. The choices are remembered for the next
// meeting. The join click (or Enter) hands the preview's tracks to the meeting, and is also the
// user gesture that lets audio play.
import { useEffect, useId, useState, useSyncExternalStore, type FormEvent } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import { errorMessageKey, type MessageKey } from '../../lib/i18n/translate';
import { formatRoomCode } from '../../lib/room-id';
import { Link } from '../../lib/router';
import { useSession } from '../../lib/session';
import type { LocalMedia, MediaChoices } from '../../lib/webrtc/media';
import { checkDisplayName, DISPLAY_NAME_MAX, readStoredDisplayName } from './display-name';
import { readStoredMediaChoices, storeMediaChoices } from './media-choices';
import { DevicePicker, MediaToggle, MicLevelMeter, PreviewVideo, shownDevice, SpeakerTest } from './PrejoinDevices';
import { initialPrejoinSnapshot, PrejoinMedia, type PrejoinMediaSnapshot } from './prejoin-media';
import { canChooseSpeaker } from './test-tone';
import { CAMERA_TEXT, MICROPHONE_TEXT } from './device-text';

const NAME_ERRORS: Readonly<Record<'empty' | 'tooLong', MessageKey>> = {
  empty: 'meeting.name.error.empty',
  tooLong: 'meeting.name.error.tooLong',
};

/** What the join click gives the meeting. */
export interface PrejoinResult {
  readonly displayName: string;
  /** Devices and on-off state, as chosen (and remembered). */
  readonly choices: MediaChoices;
  /**
   * The preview's tracks, handed over (resolves once a device being opened is open); null when
   * there was no preview, and the session opens the chosen devices itself.
   */
  readonly media: Promise<LocalMedia> | null;
  /** The room's password, when the form asked for it. */
  readonly password?: string;
}

/** The server wants the room's password: `error` is the join refusal that said so. */
export interface PasswordRequest {
  readonly error: string | null;
}


/** The sentences explaining what does not work and what to do; `retry` when asking again may help. */
export function prejoinNotice(snapshot: PrejoinMediaSnapshot): { keys: MessageKey[]; retry: boolean } {
  const { video, audio, choices } = snapshot;
  if (video === 'unsupported' || audio === 'unsupported') {
    return { keys: ['meeting.media.unsupported', 'meeting.prejoin.joinWithout'], retry: false };
  }
  const camera = choices.cameraOn && video !== null && video !== 'ok' ? video : null;
  const microphone = audio !== null && audio !== 'ok' ? audio : null;
  const keys: MessageKey[] = [];
  if (camera === 'denied' && microphone === 'denied') keys.push('meeting.prejoin.denied');
  else {
    if (camera !== null) keys.push(CAMERA_TEXT[camera]);
    if (microphone !== null) keys.push(MICROPHONE_TEXT[microphone]);
  }
  if (camera === 'denied' || microphone === 'denied') keys.push('meeting.prejoin.deniedHelp');
  if (microphone !== null && (camera !== null || !choices.cameraOn)) keys.push('meeting.prejoin.joinWithout');
  return { keys, retry: keys.length > 0 };
}

function initialOf(name: string): string {
  const first = [...name.trim()][0];
  return first === undefined ? '?' : first.toLocaleUpperCase();
}

function noSubscription(): () => void {
  return () => undefined;
}

export function PrejoinForm({
  roomId,
  onJoin,
  password,
  accountName,
}: {
  roomId: string;
  onJoin: (joining: PrejoinResult) => void;
  /** Shows the password field (the server asked for the room's password). */
  password?: PasswordRequest | undefined;
  /** The signed-in account's name as the meeting server knows it (`hello`), if any. */
  accountName?: string | null | undefined;
}) {
  const { t } = useI18n();
  const { state } = useSession();
  const signedInName = state.status === 'authenticated' ? state.session.user.displayName : '';
  const [name, setName] = useState(() => readStoredDisplayName() ?? (accountName || signedInName));
  const [errorKey, setErrorKey] = useState<MessageKey | null>(null);
  const [passwordValue, setPasswordValue] = useState('');
  const [passwordEmpty, setPasswordEmpty] = useState(false);
  const id = useId();

  // One PrejoinMedia per visit of the screen (made in the effect: StrictMode mounts twice).
  const [initial] = useState(() => initialPrejoinSnapshot(readStoredMediaChoices()));
  const [media, setMedia] = useState<PrejoinMedia | null>(null);
  useEffect(() => {
    const next = new PrejoinMedia({ choices: initial.choices, onChoices: storeMediaChoices });
    setMedia(next);
    next.start();
    return () => next.dispose();
  }, [initial]);
  const snapshot = useSyncExternalStore(media?.subscribe ?? noSubscription, media?.getSnapshot ?? (() => initial));
  const { choices, devices } = snapshot;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = checkDisplayName(name);
    const missingPassword = password !== undefined && passwordValue === '';
    setErrorKey(checked.ok ? null : NAME_ERRORS[checked.reason]);
    setPasswordEmpty(missingPassword);
    if (!checked.ok || missingPassword) return;
    onJoin({
      displayName: checked.name,
      choices,
      media: media?.handOver() ?? null,
      ...(password === undefined ? {} : { password: passwordValue }),
    });
  }

  let passwordErrorKey: MessageKey | null = null;
  if (passwordEmpty) passwordErrorKey = 'meeting.password.error.empty';
  else if (password?.error != null) passwordErrorKey = errorMessageKey(password.error, 'meeting');

  const notice = prejoinNotice(snapshot);
  const asking = snapshot.audio === null;
  const videoTrack = snapshot.videoTrack;
  const speakerValue = shownDevice(devices.speakers, choices.speakerId, null);
  let placeholder: MessageKey = 'meeting.prejoin.noCamera';
  if (!choices.cameraOn) placeholder = 'meeting.prejoin.cameraOff';
  else if (snapshot.cameraStarting) placeholder = 'meeting.prejoin.cameraStarting';

  return (
    <section className="card prejoin" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('meeting.prejoin.title')}</h1>
      <p className="room-id">
        <span className="room-id__label">{t('room.idLabel')}</span>{' '}
        <code className="room-id__value" data-testid="room-id">
          {formatRoomCode(roomId)}
        </code>
      </p>
      <div className="prejoin__layout">
        <div className="prejoin__media">
          <div className="prejoin__preview">
            {videoTrack !== null && snapshot.stream !== null ? (
              <PreviewVideo stream={snapshot.stream} label={t('meeting.prejoin.preview')} />
            ) : (
              <div className="prejoin__placeholder" data-testid="prejoin-placeholder">
                <span className="prejoin__avatar" aria-hidden="true">
                  {initialOf(name)}
                </span>
                <p className="prejoin__placeholder-text">{t(placeholder)}</p>
              </div>
            )}
            <div className="prejoin__toolbar">
              <MediaToggle kind="microphone" on={choices.microphoneOn} onChange={(on) => media?.setMicrophoneOn(on)} />
              <MediaToggle kind="camera" on={choices.cameraOn} onChange={(on) => media?.setCameraOn(on)} />
            </div>
          </div>
          {!choices.microphoneOn && (
            <p className="field__hint" data-testid="prejoin-muted-hint">
              {t('meeting.prejoin.joinMuted')}
            </p>
          )}
          {asking && (
            <p className="notice prejoin__message" data-testid="prejoin-media-pending">
              {t('meeting.prejoin.mediaHint')}
            </p>
          )}
          {notice.keys.length > 0 && (
            <div className="notice notice--warning prejoin__message" role="status" data-testid="prejoin-media-notice">
              {notice.keys.map((key) => (
                <p key={key}>{t(key)}</p>
              ))}
              {notice.retry && (
                <button className="button" type="button" onClick={() => media?.retry()} data-testid="prejoin-media-retry">
                  {t('error.retry')}
                </button>
              )}
            </div>
          )}
        </div>

        <form className="form prejoin__form" onSubmit={handleSubmit} noValidate>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('meeting.prejoin.name')}</label>
            <p className="field__hint" id={`${id}-hint`}>
              {t('meeting.prejoin.nameHint')}
            </p>
            <input
              id={`${id}-name`}
              type="text"
              autoComplete="name"
              enterKeyHint="go"
              maxLength={DISPLAY_NAME_MAX * 2}
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={errorKey !== null}
              aria-describedby={errorKey !== null ? `${id}-hint ${id}-error` : `${id}-hint`}
              data-testid="meeting-name-input"
            />
            {errorKey !== null && (
              <p className="field__error" id={`${id}-error`} role="alert" data-testid="meeting-name-error">
                {t(errorKey)}
              </p>
            )}
          </div>

          {password !== undefined && (
            <div className="field">
              <label htmlFor={`${id}-password`}>{t('meeting.password.label')}</label>
              <p className="field__hint" id={`${id}-password-hint`}>
                {t('meeting.password.hint')}
              </p>
              <input
                id={`${id}-password`}
                type="password"
                autoComplete="off"
                enterKeyHint="go"
                maxLength={256}
                autoFocus
                value={passwordValue}
                onChange={(e) => setPasswordValue(e.target.value)}
                aria-invalid={passwordErrorKey !== null}
                aria-describedby={passwordErrorKey !== null ? `${id}-password-hint ${id}-password-error` : `${id}-password-hint`}
                data-testid="meeting-password-input"
              />
              {passwordErrorKey !== null && (
                <p className="field__error" id={`${id}-password-error`} role="alert" data-testid="meeting-password-error">
                  {t(passwordErrorKey)}
                </p>
              )}
            </div>
          )}

          <fieldset className="prejoin__devices">
            <legend>{t('meeting.prejoin.devices')}</legend>
            {devices.microphones.length > 0 && (
              <DevicePicker
                kind="microphone"
                devices={devices.microphones}
                value={shownDevice(devices.microphones, choices.microphoneId, snapshot.microphoneInUse)}
                onChange={(deviceId) => media?.selectMicrophone(deviceId)}
              />
            )}
            <MicLevelMeter track={snapshot.audioTrack} on={choices.microphoneOn} />
            {devices.cameras.length > 0 && (
              <DevicePicker
                kind="camera"
                devices={devices.cameras}
                value={shownDevice(devices.cameras, choices.cameraId, snapshot.cameraInUse)}
                onChange={(deviceId) => media?.selectCamera(deviceId)}
              />
            )}
            {canChooseSpeaker() && devices.speakers.length > 0 && (
              <DevicePicker
                kind="speaker"
                devices={devices.speakers}
                value={speakerValue}
                onChange={(deviceId) => media?.selectSpeaker(deviceId)}
              />
            )}
            <SpeakerTest speakerId={speakerValue === '' ? null : speakerValue} />
          </fieldset>

          <div className="prejoin__actions">
            <button className="button button--primary" type="submit" data-testid="meeting-join">
              {t('meeting.prejoin.submit')}
            </button>
            <Link to="/">{t('room.backHome')}</Link>
          </div>
        </form>
      </div>
    </section>
  );
}
