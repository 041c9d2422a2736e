import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { AUDIO_CONSTRAINTS, VIDEO_CONSTRAINTS } from '../../lib/webrtc/media';
import { errorReply, installFakeApi } from '../../test/fake-api';
import {
  CAM_1,
  CAM_2,
  fakeAnimationFrames,
  FakeAudioContext,
  FakeMediaDevices,
  MIC_1,
  MIC_2,
  SPEAKER_1,
} from '../../test/fake-media-devices';
import { FakePeerConnection, FakeWebSocket } from '../../test/fake-webrtc';
import { renderWithProviders } from '../../test/render';
import { MEDIA_CHOICES_STORAGE_KEY } from './media-choices';
import { PrejoinForm, type PrejoinResult } from './PrejoinForm';

let devices: FakeMediaDevices;
let uninstall: () => void;
let onJoin: ReturnType<typeof vi.fn<(joining: PrejoinResult) => void>>;

beforeEach(() => {
  installFakeApi({ 'GET /api/v1/auth/session': errorReply(401, 'unauthenticated') });
  devices = new FakeMediaDevices();
  uninstall = devices.install();
  onJoin = vi.fn();
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
});

afterEach(() => {
  uninstall();
  Reflect.deleteProperty(HTMLMediaElement.prototype, 'setSinkId');
});

/** The browser can route sound to a chosen output (Chrome, Edge, Firefox). */
function supportSetSinkId() {
  const setSinkId = vi.fn(async (_sinkId: string) => undefined);
  Object.defineProperty(HTMLMediaElement.prototype, 'setSinkId', { configurable: true, writable: true, value: setSinkId });
  return setSinkId;
}

function renderForm(lang: 'vi' | 'en' = 'vi') {
  return renderWithProviders(<PrejoinForm roomId="giao-ban" onJoin={onJoin} />, lang);
}

function byTestId<T extends HTMLElement>(id: string): T {
  return screen.getByTestId(id) as T;
}

function storedChoices(): unknown {
  return JSON.parse(window.localStorage.getItem(MEDIA_CHOICES_STORAGE_KEY) ?? 'null');
}

/** Waits until the preview shows the camera and the device lists are there. */
async function ready(): Promise<void> {
  await screen.findByTestId('prejoin-preview');
  await screen.findByTestId('prejoin-camera-select');
}

describe('pre-join screen: devices', () => {
  it('shows the mirrored camera preview and lists microphones, cameras and speakers once allowed', async () => {
    supportSetSinkId();
    renderForm();
    expect(screen.getByTestId('prejoin-placeholder').textContent).toContain('Đang mở camera…');
    await ready();
    const video = byTestId<HTMLVideoElement>('prejoin-preview');
    expect(video.muted).toBe(true);
    expect(video.className).toBe('prejoin__video');
    expect(video.srcObject).not.toBeNull();
    expect(devices.requests).toHaveLength(1);

    const mic = byTestId<HTMLSelectElement>('prejoin-mic-select');
    expect([...mic.options].map((o) => [o.value, o.text])).toEqual([
      ['mic-1', 'Micrô tích hợp'],
      ['mic-2', 'Tai nghe USB'],
    ]);
    expect(mic.value).toBe('mic-1');
    expect(screen.getByLabelText('Micrô', { selector: 'select' })).toBe(mic);
    expect([...byTestId<HTMLSelectElement>('prejoin-camera-select').options].map((o) => o.value)).toEqual(['cam-1', 'cam-2']);
    expect([...byTestId<HTMLSelectElement>('prejoin-speaker-select').options].map((o) => o.value)).toEqual(['spk-1', 'spk-2']);
    expect(screen.getByLabelText('Loa')).toBe(screen.getByTestId('prejoin-speaker-select'));
  });

  it('offers no speaker choice where the browser cannot route sound, but still a speaker test', async () => {
    renderForm();
    await ready();
    expect(screen.queryByTestId('prejoin-speaker-select')).toBeNull();
    expect(screen.getByTestId('prejoin-speaker-test')).toBeTruthy();
  });

  it('numbers devices whose names the browser hides', async () => {
    devices = new FakeMediaDevices([{ ...MIC_1, label: '' }, { ...MIC_2, label: '' }, CAM_1]);
    uninstall = devices.install();
    renderForm('en');
    await ready();
    expect([...byTestId<HTMLSelectElement>('prejoin-mic-select').options].map((o) => o.text)).toEqual(['Microphone 1', 'Microphone 2']);
  });

  it('turns the camera off (its track stops, a placeholder shows) and on again', async () => {
    window.localStorage.setItem('dienhong.displayName', 'Nguyễn Văn A');
    renderForm();
    await ready();
    const toggle = byTestId<HTMLButtonElement>('prejoin-camera-toggle');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(toggle.getAttribute('aria-label')).toBe('Camera');
    expect(toggle.type).toBe('button');
    const track = devices.live('video')[0];

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(track?.readyState).toBe('ended');
    expect(devices.live('video')).toEqual([]);
    expect(screen.queryByTestId('prejoin-preview')).toBeNull();
    const placeholder = screen.getByTestId('prejoin-placeholder');
    expect(placeholder.textContent).toContain('Camera đang tắt');
    expect(placeholder.textContent).toContain('N');
    expect(storedChoices()).toMatchObject({ cameraOn: false });

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    await screen.findByTestId('prejoin-preview');
    expect(devices.live('video')).toHaveLength(1);
    expect(storedChoices()).toMatchObject({ cameraOn: true });
  });

  it('mutes the microphone by disabling its track, and says the meeting starts muted', async () => {
    renderForm('en');
    await ready();
    const toggle = byTestId<HTMLButtonElement>('prejoin-mic-toggle');
    expect(toggle.getAttribute('aria-label')).toBe('Microphone');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(devices.live('audio').map((t) => t.enabled)).toEqual([false]);
    expect(screen.getByTestId('prejoin-muted-hint').textContent).toBe('Your microphone is off: you will join muted.');
    expect(storedChoices()).toMatchObject({ microphoneOn: false });
    fireEvent.click(toggle);
    expect(devices.live('audio').map((t) => t.enabled)).toEqual([true]);
    expect(screen.queryByTestId('prejoin-muted-hint')).toBeNull();
  });

  it('restarts the preview with exactly the device picked', async () => {
    renderForm();
    await ready();
    const [oldCamera] = devices.live('video');
    const [oldMicrophone] = devices.live('audio');

    fireEvent.change(byTestId('prejoin-camera-select'), { target: { value: 'cam-2' } });
    await waitFor(() => expect(devices.live('video').map((t) => t.deviceId)).toEqual(['cam-2']));
    expect(oldCamera?.readyState).toBe('ended');
    expect(devices.requests.at(-1)).toEqual({ video: { ...VIDEO_CONSTRAINTS, deviceId: { exact: 'cam-2' } } });
    expect(byTestId<HTMLSelectElement>('prejoin-camera-select').value).toBe('cam-2');
    await screen.findByTestId('prejoin-preview');

    fireEvent.change(byTestId('prejoin-mic-select'), { target: { value: 'mic-2' } });
    await waitFor(() => expect(devices.live('audio').map((t) => t.deviceId)).toEqual(['mic-2']));
    expect(oldMicrophone?.readyState).toBe('ended');
    expect(devices.requests.at(-1)).toEqual({ audio: { ...AUDIO_CONSTRAINTS, deviceId: { exact: 'mic-2' } } });
    expect(storedChoices()).toMatchObject({ cameraId: 'cam-2', microphoneId: 'mic-2' });
  });

  it('follows a device being unplugged', async () => {
    renderForm();
    await ready();
    fireEvent.change(byTestId('prejoin-camera-select'), { target: { value: 'cam-2' } });
    await waitFor(() => expect(devices.live('video').map((t) => t.deviceId)).toEqual(['cam-2']));
    act(() => devices.setDevices([MIC_1, CAM_1, SPEAKER_1]));
    await waitFor(() => expect(devices.live('video').map((t) => t.deviceId)).toEqual(['cam-1']));
    const camera = byTestId<HTMLSelectElement>('prejoin-camera-select');
    expect([...camera.options].map((o) => o.value)).toEqual(['cam-1']);
    expect(camera.value).toBe('cam-1');
  });

  it('restores the remembered choices: devices, microphone muted, camera off', async () => {
    const setSinkId = supportSetSinkId();
    window.localStorage.setItem(
      MEDIA_CHOICES_STORAGE_KEY,
      JSON.stringify({ microphoneId: 'mic-2', cameraId: 'cam-2', speakerId: 'spk-2', microphoneOn: false, cameraOn: false }),
    );
    renderForm();
    const mic = await screen.findByTestId<HTMLSelectElement>('prejoin-mic-select');
    expect(mic.value).toBe('mic-2');
    expect(byTestId<HTMLSelectElement>('prejoin-speaker-select').value).toBe('spk-2');
    // Camera choice listed, but the camera is never opened.
    expect(byTestId<HTMLSelectElement>('prejoin-camera-select').value).toBe('cam-2');
    expect(devices.requests).toEqual([{ audio: { ...AUDIO_CONSTRAINTS, deviceId: { exact: 'mic-2' } } }]);
    expect(devices.live('video')).toEqual([]);
    expect(byTestId('prejoin-camera-toggle').getAttribute('aria-pressed')).toBe('false');
    expect(byTestId('prejoin-mic-toggle').getAttribute('aria-pressed')).toBe('false');
    expect(devices.live('audio').map((t) => t.enabled)).toEqual([false]);
    expect(screen.getByTestId('prejoin-placeholder').textContent).toContain('Camera đang tắt');
    expect(setSinkId).not.toHaveBeenCalled();
  });

  it('stops the preview when the screen is left without joining', async () => {
    const { unmount } = renderForm();
    await ready();
    unmount();
    expect(devices.tracks.every((t) => t.readyState === 'ended')).toBe(true);
  });
});

describe('pre-join screen: microphone level and speaker test', () => {
  it('shows the microphone level live, from an analyser on the microphone track', async () => {
    FakeAudioContext.install();
    const frames = fakeAnimationFrames();
    renderForm();
    await ready();
    const meter = byTestId('prejoin-mic-level');
    expect(meter.getAttribute('role')).toBe('meter');
    expect(meter.getAttribute('aria-label')).toBe('Mức âm thanh thu từ micrô');
    expect(meter.getAttribute('aria-valuemin')).toBe('0');
    expect(meter.getAttribute('aria-valuemax')).toBe('100');
    expect(meter.getAttribute('aria-valuenow')).toBe('0');

    const context = FakeAudioContext.latest();
    const source = context.sources[0];
    expect(source?.stream.getTracks()).toEqual(devices.live('audio'));
    const analyser = context.analysers[0];
    if (analyser === undefined) throw new Error('no analyser');
    expect(source?.connections).toEqual([analyser]);

    // RMS 0.1 is -20 dBFS: 80 on a scale from -60 dBFS (0) to -10 dBFS (100).
    analyser.amplitude = 0.1;
    act(() => frames.run());
    expect(meter.getAttribute('aria-valuenow')).toBe('80');
    expect(meter.querySelectorAll('.level-meter__segment--lit')).toHaveLength(8);
    // Silence: the level falls back gradually, not at once.
    analyser.amplitude = 0;
    act(() => frames.run());
    expect(meter.getAttribute('aria-valuenow')).toBe('76');
    analyser.amplitude = 1;
    act(() => frames.run());
    expect(meter.getAttribute('aria-valuenow')).toBe('100');

    // Muted: nothing to show.
    fireEvent.click(byTestId('prejoin-mic-toggle'));
    expect(meter.getAttribute('aria-valuenow')).toBe('0');
    fireEvent.click(byTestId('prejoin-mic-toggle'));

    // Another microphone: a new analyser on the new track, the old one closed.
    fireEvent.change(byTestId('prejoin-mic-select'), { target: { value: 'mic-2' } });
    await waitFor(() => expect(FakeAudioContext.instances).toHaveLength(2));
    expect(context.state).toBe('closed');
    expect(frames.pending()).toBe(1);
    expect(FakeAudioContext.latest().sources[0]?.stream.getTracks()[0]?.getSettings().deviceId).toBe('mic-2');
  });

  it('plays a one-second chime on the chosen speakers', async () => {
    const setSinkId = supportSetSinkId();
    FakeAudioContext.install();
    fakeAnimationFrames();
    renderForm('en');
    await ready();
    fireEvent.change(byTestId('prejoin-speaker-select'), { target: { value: 'spk-2' } });
    expect(storedChoices()).toMatchObject({ speakerId: 'spk-2' });

    vi.useFakeTimers();
    try {
      const button = byTestId<HTMLButtonElement>('prejoin-speaker-test');
      expect(button.type).toBe('button');
      expect(button.textContent).toBe('Test speakers');
      fireEvent.click(button);
      await act(() => vi.advanceTimersByTimeAsync(0));
      expect(button.textContent).toBe('Playing a test sound…');
      expect(button.disabled).toBe(true);
      const context = FakeAudioContext.latest();
      expect(context.oscillators.map((o) => o.frequency.value)).toEqual([523.25, 659.25]);
      expect(context.oscillators.at(-1)?.stopped).toBeCloseTo(1.05);
      const output = document.querySelector<HTMLAudioElement>('audio.prejoin__tone');
      expect(output?.srcObject).toBe(context.destinations[0]?.stream);
      expect(setSinkId).toHaveBeenCalledWith('spk-2');
      expect(setSinkId.mock.contexts[0]).toBe(output);
      expect(HTMLMediaElement.prototype.play).toHaveBeenCalled();

      await act(() => vi.advanceTimersByTimeAsync(1_200));
      expect(button.textContent).toBe('Test speakers');
      expect(context.state).toBe('closed');
      expect(output?.srcObject).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('says when the test sound cannot be played', async () => {
    renderForm('en');
    await ready();
    // jsdom has no Web Audio.
    fireEvent.click(byTestId('prejoin-speaker-test'));
    expect((await screen.findByTestId('prejoin-speaker-error')).textContent).toBe(
      'The test sound could not be played. Check your speakers or headphones.',
    );
  });
});

describe('pre-join screen: problems', () => {
  it('explains a refusal, offers to ask again, and still lets the participant join', async () => {
    devices.failures = { audio: 'NotAllowedError', video: 'NotAllowedError' };
    renderForm('en');
    const notice = await screen.findByTestId('prejoin-media-notice');
    expect(notice.textContent).toContain('The browser blocks this page from using the camera and microphone');
    expect(notice.textContent).toContain('click the icon at the start of the address bar');
    expect(notice.textContent).toContain('You can still join to watch and listen');
    expect(screen.getByTestId('prejoin-placeholder').textContent).toContain('No picture from a camera');
    expect(screen.queryByTestId('prejoin-mic-select')).toBeNull();

    fireEvent.change(screen.getByTestId('meeting-name-input'), { target: { value: 'A' } });
    fireEvent.click(screen.getByTestId('meeting-join'));
    expect(onJoin).toHaveBeenCalledTimes(1);
    const joining = onJoin.mock.calls[0]?.[0];
    expect(joining?.displayName).toBe('A');
    expect(await joining?.media).toEqual({ stream: null, video: 'denied', audio: 'denied' });
  });

  it('asks again after the participant allowed access', async () => {
    devices.failures = { audio: 'NotAllowedError', video: 'NotAllowedError' };
    renderForm();
    fireEvent.click(await screen.findByTestId('prejoin-media-retry'));
    expect(screen.getByTestId('prejoin-media-retry').textContent).toBe('Thử lại');
    devices.failures = {};
    fireEvent.click(screen.getByTestId('prejoin-media-retry'));
    await ready();
    expect(screen.queryByTestId('prejoin-media-notice')).toBeNull();
  });

  it('says which device is missing', async () => {
    devices = new FakeMediaDevices([MIC_1, SPEAKER_1]);
    uninstall = devices.install();
    renderForm('en');
    const notice = await screen.findByTestId('prejoin-media-notice');
    expect(notice.textContent).toBe('No camera was found: the others will not see you.Try again');
    expect(screen.queryByTestId('prejoin-camera-select')).toBeNull();
    expect(screen.getByTestId('prejoin-mic-select')).toBeTruthy();
  });

  it('says when the page cannot capture at all', async () => {
    uninstall();
    renderForm('en');
    const notice = await screen.findByTestId('prejoin-media-notice');
    expect(notice.textContent).toContain('This browser does not let the page use a camera or microphone');
    expect(screen.queryByTestId('prejoin-media-retry')).toBeNull();
  });
});

describe('pre-join screen: joining', () => {
  it('joins with Enter in the name field, handing the preview over', async () => {
    window.localStorage.setItem('dienhong.displayName', 'Trần Thị B');
    const { unmount } = renderForm();
    await ready();
    fireEvent.click(byTestId('prejoin-mic-toggle'));
    const input = byTestId<HTMLInputElement>('meeting-name-input');
    const join = byTestId<HTMLButtonElement>('meeting-join');
    // Enter submits the field's form through its first submit button: the join button, not a device button.
    expect(input.form).toBe(join.form);
    const submits = [...(input.form?.querySelectorAll('button') ?? [])].filter((button) => button.type === 'submit');
    expect(submits).toEqual([join]);
    fireEvent.submit(input.form as HTMLFormElement);

    expect(onJoin).toHaveBeenCalledTimes(1);
    const joining = onJoin.mock.calls[0]?.[0];
    expect(joining?.displayName).toBe('Trần Thị B');
    expect(joining?.choices).toEqual({ microphoneId: null, cameraId: null, speakerId: null, microphoneOn: false, cameraOn: true });
    const media = await joining?.media;
    expect(media?.stream?.getTracks()).toEqual([...devices.live('video'), ...devices.live('audio')]);
    expect(media?.stream?.getAudioTracks()[0]?.enabled).toBe(false);
    // The meeting owns the tracks now: the form going away does not stop them.
    unmount();
    expect(devices.live('video')).toHaveLength(1);
    expect(devices.live('audio')).toHaveLength(1);
  });
});

describe('pre-join screen → meeting', () => {
  beforeEach(() => {
    FakeWebSocket.instances.length = 0;
    FakePeerConnection.instances.length = 0;
    vi.stubGlobal('WebSocket', FakeWebSocket);
    vi.stubGlobal('RTCPeerConnection', FakePeerConnection);
    window.history.replaceState(null, '', '/r/482915306');
  });

  it('starts the meeting with the preview tracks: microphone muted, camera off, nothing opened twice', async () => {
    window.localStorage.setItem(MEDIA_CHOICES_STORAGE_KEY, JSON.stringify({ microphoneOn: false, cameraOn: true }));
    renderWithProviders(<App />);
    await ready();
    fireEvent.change(byTestId('prejoin-camera-select'), { target: { value: CAM_2.deviceId } });
    fireEvent.click(byTestId('prejoin-camera-toggle'));
    fireEvent.change(byTestId('meeting-name-input'), { target: { value: 'Nguyễn Văn A' } });
    fireEvent.click(byTestId('meeting-join'));

    await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(1));
    const socket = FakeWebSocket.latest();
    act(() => socket.open());
    await waitFor(() => expect(socket.last('join')).toBeDefined());
    act(() => socket.reply('join', { type: 'joined', roomId: 'giao-ban', participantId: 'p1', resumeToken: 't', participants: [] }));
    await waitFor(() => expect(socket.last('publish')).toBeDefined());

    // One prompt for the preview; the switch to cam-2 opened no camera (it was turned off).
    expect(devices.requests).toHaveLength(1);
    expect(devices.live('video')).toEqual([]);
    const [microphone] = devices.live('audio');
    const publish = FakePeerConnection.instances[1];
    expect(publish?.transceivers.map((t) => [t.kind, t.direction, t.sender.track])).toEqual([['audio', 'sendonly', microphone]]);
    expect(microphone?.enabled).toBe(false);
    expect(screen.queryByTestId('self-view')).toBeNull();
    expect(screen.queryByTestId('meeting-media-notice')).toBeNull();
    expect(storedChoices()).toMatchObject({ cameraId: 'cam-2', cameraOn: false, microphoneOn: false });

    fireEvent.click(screen.getByTestId('meeting-leave'));
    await waitFor(() => expect(socket.last('leave')).toBeDefined());
    act(() => socket.reply('leave', { type: 'left' }));
    await waitFor(() => expect(window.location.pathname).toBe('/'));
    expect(devices.tracks.every((t) => t.readyState === 'ended')).toBe(true);
  });
});
