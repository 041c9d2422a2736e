// Our own media during the meeting (F1, F2, F3, P4): microphone and camera on and off, devices
// switched without rejoining, the speaker, screen sharing, and what a chair's actions do to them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MEDIA_CHOICES, VIDEO_CONSTRAINTS } from '../../lib/webrtc/media';
import { SIMULCAST_ENCODINGS } from '../../lib/webrtc/publisher';
import { SCREEN_CAPTURE_OPTIONS } from '../../lib/webrtc/screen-share';
import { CAM_1, FakeMediaDevices, MIC_1, SPEAKER_1 } from '../../test/fake-media-devices';
import type { FakeSocket, SentMessage } from '../../test/fake-socket';
import type { FakeMediaStreamTrack } from '../../test/fake-webrtc';
import { participant } from '../../test/meeting-messages';
import { flush, joined, meetingSession, publishPc, useMeetingFakes, type SessionSetup } from '../../test/meeting-session-harness';
import { MEDIA_CHOICES_STORAGE_KEY } from './media-choices';

let devices: FakeMediaDevices;
let uninstall: () => void = () => undefined;

/** The server's side: answers every request still waiting (publish with an answer, the rest `ok`). */
class Server {
  private readonly answered = new Set<number>();
  constructor(readonly socket: FakeSocket) {}

  pending(type: string): SentMessage[] {
    return this.socket.sent.filter((m) => m.type === type && m.requestId !== undefined && !this.answered.has(m.requestId));
  }

  async answerAll(): Promise<void> {
    for (let round = 0; round < 5; round++) {
      const waiting = this.socket.sent.filter((m) => m.requestId !== undefined && !this.answered.has(m.requestId) && m.type !== 'join');
      if (waiting.length === 0) return;
      for (const message of waiting) this.answer(message, message.type === 'publish' ? { type: 'publishAnswer', sdp: `answer-${message.requestId}` } : { type: 'ok' });
      await flush();
    }
  }

  answer(message: SentMessage, reply: Record<string, unknown>): void {
    if (message.requestId === undefined) throw new Error('not a request');
    this.answered.add(message.requestId);
    this.socket.receive({ ...reply, requestId: message.requestId });
  }

  /** mediaState messages as [source, on]. */
  mediaStates(): [unknown, unknown][] {
    return this.socket.sent.filter((m) => m.type === 'mediaState').map((m) => [m['source'], m['on']]);
  }

  publishes(): SentMessage[] {
    return this.socket.sent.filter((m) => m.type === 'publish');
  }
}

async function join(joinedOverrides: Record<string, unknown> = {}, setup: SessionSetup = {}) {
  const t = meetingSession({ media: 'devices', ...setup });
  const socket = await joined(t, [participant('p2', 'Trần Thị B')], joinedOverrides);
  const server = new Server(socket);
  await server.answerAll();
  return { session: t.session, socket, server };
}

/** Runs a control and lets the server answer what it asks. */
async function act<T>(server: Server, operation: Promise<T>): Promise<T> {
  await flush();
  await server.answerAll();
  return operation;
}

function liveTrack(kind: 'audio' | 'video'): FakeMediaStreamTrack {
  const [track] = devices.live(kind).filter((t) => !t.label.startsWith('screen'));
  if (track === undefined) throw new Error(`no live ${kind} track`);
  return track;
}

useMeetingFakes();

beforeEach(() => {
  devices = new FakeMediaDevices();
  uninstall = devices.install();
});

afterEach(() => {
  uninstall();
});

describe('MeetingSession: microphone', () => {
  it('F1: turns the microphone off and on by its track (no renegotiation), and tells the others', async () => {
    const { session, server } = await join();
    const microphone = liveTrack('audio');
    expect(session.getSnapshot().local.microphone).toBe(true);

    expect(await act(server, session.setMicrophone(false))).toBe(true);
    expect(microphone.enabled).toBe(false);
    expect(microphone.readyState).toBe('live');
    expect(session.getSnapshot().local.microphone).toBe(false);

    expect(await act(server, session.setMicrophone(true))).toBe(true);
    expect(microphone.enabled).toBe(true);
    expect(server.mediaStates()).toEqual([
      ['microphone', true],
      ['camera', true],
      ['microphone', false],
      ['microphone', true],
    ]);
    expect(server.publishes()).toHaveLength(1);
    session.end();
  });

  it('joins muted when the room starts muted: open but silent, and not announced as on', async () => {
    const { session, server } = await join({ startMuted: true });
    expect(liveTrack('audio').enabled).toBe(false);
    expect(session.getSnapshot().local.microphone).toBe(false);
    expect(server.mediaStates()).toEqual([['camera', true]]);
    session.end();
  });

  it('refuses to unmute under a chair’s lock, locally and without asking the server', async () => {
    const { session, server } = await join({ startMuted: true, microphoneLocked: true });
    expect(session.getSnapshot().microphoneLocked).toBe(true);
    expect(await act(server, session.setMicrophone(true))).toBe(false);
    expect(liveTrack('audio').enabled).toBe(false);
    expect(server.mediaStates()).toEqual([['camera', true]]);
    session.end();
  });

  it('opens a microphone when joined without one, on a new section', async () => {
    devices.failures = { audio: 'NotReadableError' };
    const { session, server } = await join();
    expect(session.getSnapshot().media?.audio).toBe('busy');
    expect(publishPc().transceivers.map((t) => t.kind)).toEqual(['video']);

    devices.failures = {};
    expect(await act(server, session.setMicrophone(true))).toBe(true);
    const microphone = liveTrack('audio');
    expect(publishPc().transceivers.map((t) => [t.kind, t.sender.track])).toEqual([
      ['video', liveTrack('video')],
      ['audio', microphone],
    ]);
    expect(server.publishes().at(-1)?.['sources']).toEqual({ '0': 'camera', '1': 'microphone' });
    expect(server.mediaStates().at(-1)).toEqual(['microphone', true]);
    expect(session.getSnapshot().media?.audio).toBe('ok');
    expect(session.getSnapshot().local.microphone).toBe(true);
    session.end();
  });
});

describe('MeetingSession: camera', () => {
  it('F2: stops the camera (light off, nothing sent) and opens it again on the same section', async () => {
    const { session, server } = await join();
    const pc = publishPc();
    const camera = liveTrack('video');

    expect(await act(server, session.setCamera(false))).toBe(true);
    expect(camera.readyState).toBe('ended');
    expect(devices.live('video')).toEqual([]);
    expect(pc.transceivers[0]?.sender.track).toBeNull();
    expect(session.getSnapshot().local.camera).toBe(false);
    expect(session.getSnapshot().localStream?.getVideoTracks()).toEqual([]);
    expect(server.mediaStates().at(-1)).toEqual(['camera', false]);

    devices.requests.length = 0;
    expect(await act(server, session.setCamera(true))).toBe(true);
    expect(devices.requests).toEqual([{ video: VIDEO_CONSTRAINTS }]);
    const again = liveTrack('video');
    expect(pc.transceivers[0]?.sender.track).toBe(again);
    expect(pc.transceivers[0]?.sendEncodings).toEqual(SIMULCAST_ENCODINGS);
    expect(session.getSnapshot().localStream?.getVideoTracks()).toEqual([again]);
    expect(server.mediaStates().at(-1)).toEqual(['camera', true]);
    expect(server.publishes()).toHaveLength(1);
    session.end();
  });

  it('opens the publish connection for a camera turned on by someone who joined to watch only', async () => {
    devices.failures = { audio: 'NotAllowedError', video: 'NotAllowedError' };
    const { session, server } = await join();
    expect(server.publishes()).toHaveLength(0);
    expect(session.getSnapshot().local.camera).toBe(false);

    devices.failures = {};
    expect(await act(server, session.setCamera(true))).toBe(true);
    expect(server.publishes()).toHaveLength(1);
    expect(server.publishes()[0]?.['sources']).toEqual({ '0': 'camera' });
    expect(publishPc().transceivers[0]?.sendEncodings).toEqual(SIMULCAST_ENCODINGS);
    expect(session.getSnapshot().media?.video).toBe('ok');
    session.end();
  });
});

describe('MeetingSession: devices', () => {
  it('P4: switches microphone and camera without rejoining, and remembers them', async () => {
    const { session, server } = await join();
    const pc = publishPc();
    const [oldMicrophone, oldCamera] = [liveTrack('audio'), liveTrack('video')];
    await act(server, session.setMicrophone(false));

    expect(await act(server, session.switchDevice('audioinput', 'mic-2'))).toBe(true);
    const microphone = liveTrack('audio');
    expect(microphone.deviceId).toBe('mic-2');
    expect(microphone.enabled).toBe(false);
    expect(oldMicrophone.readyState).toBe('ended');
    expect(pc.transceivers[1]?.sender.track).toBe(microphone);

    expect(await act(server, session.switchDevice('videoinput', 'cam-2'))).toBe(true);
    const camera = liveTrack('video');
    expect(camera.deviceId).toBe('cam-2');
    expect(oldCamera.readyState).toBe('ended');
    expect(pc.transceivers[0]?.sender.track).toBe(camera);

    const { local } = session.getSnapshot();
    expect([local.microphoneId, local.microphoneInUse, local.cameraId, local.cameraInUse]).toEqual(['mic-2', 'mic-2', 'cam-2', 'cam-2']);
    expect(JSON.parse(window.localStorage.getItem(MEDIA_CHOICES_STORAGE_KEY) ?? '{}')).toMatchObject({ microphoneId: 'mic-2', cameraId: 'cam-2' });
    expect(server.publishes()).toHaveLength(1);
    session.end();
  });

  it('only remembers a camera chosen while it is off', async () => {
    const { session, server } = await join();
    await act(server, session.setCamera(false));
    devices.requests.length = 0;
    await act(server, session.switchDevice('videoinput', 'cam-2'));
    expect(devices.requests).toEqual([]);
    await act(server, session.setCamera(true));
    expect(liveTrack('video').deviceId).toBe('cam-2');
    session.end();
  });

  it('replaces a microphone that was unplugged, on the same section, muted as it was', async () => {
    const { session, server } = await join();
    await act(server, session.setMicrophone(false));
    const unplugged = liveTrack('audio');
    expect(unplugged.deviceId).toBe('mic-1');
    devices.setDevices(devices.devices.filter((device) => device.deviceId !== 'mic-1'));
    await act(server, Promise.resolve());
    const replacement = liveTrack('audio');
    expect(replacement.deviceId).toBe('mic-2');
    expect(replacement.enabled).toBe(false);
    expect(publishPc().transceivers[1]?.sender.track).toBe(replacement);
    expect(session.getSnapshot().local.devices.microphones.map((d) => d.deviceId)).toEqual(['mic-2']);
    session.end();
  });

  it('lists the devices, again when they change, and keeps the chosen speaker', async () => {
    const { session, server } = await join({}, { mediaChoices: { ...DEFAULT_MEDIA_CHOICES, speakerId: 'spk-2' } });
    await act(server, Promise.resolve());
    expect(session.getSnapshot().local.devices.microphones.map((d) => d.deviceId)).toEqual(['mic-1', 'mic-2']);
    expect(session.getSnapshot().local.speakerId).toBe('spk-2');

    devices.setDevices([MIC_1, CAM_1, SPEAKER_1]);
    await flush();
    expect(session.getSnapshot().local.devices).toEqual({
      microphones: [{ deviceId: 'mic-1', label: MIC_1.label }],
      cameras: [{ deviceId: 'cam-1', label: CAM_1.label }],
      speakers: [{ deviceId: 'spk-1', label: SPEAKER_1.label }],
    });

    session.setSpeaker('spk-1');
    expect(session.getSnapshot().local.speakerId).toBe('spk-1');
    expect(JSON.parse(window.localStorage.getItem(MEDIA_CHOICES_STORAGE_KEY) ?? '{}')).toMatchObject({ speakerId: 'spk-1' });
    session.end();
  });
});

describe('MeetingSession: screen sharing', () => {
  it('F3: shares the chosen screen on a new section and stops on the same one, inactive', async () => {
    const { session, server } = await join();
    const pc = publishPc();

    expect(await act(server, session.startScreenShare())).toBe(true);
    expect(devices.displayRequests).toEqual([SCREEN_CAPTURE_OPTIONS]);
    const [screen] = devices.live('video').filter((t) => t.label === 'screen:0');
    expect(screen?.contentHint).toBe('detail');
    expect(pc.transceivers[2]?.sender.track).toBe(screen);
    expect(pc.transceivers[2]?.sendEncodings).toEqual([{ maxBitrate: 2_500_000, maxFramerate: 30 }]);
    expect(server.publishes().at(-1)?.['sources']).toEqual({ '0': 'camera', '1': 'microphone', '2': 'screen' });
    expect(server.mediaStates().at(-1)).toEqual(['screen', true]);
    expect(session.getSnapshot().local.screen).toBe(true);
    expect(session.getSnapshot().local.screenStream?.getVideoTracks()).toEqual([screen]);

    expect(await act(server, session.stopScreenShare())).toBe(true);
    expect(screen?.readyState).toBe('ended');
    expect(pc.transceivers[2]?.direction).toBe('inactive');
    expect(server.publishes().at(-1)?.['sources']).toEqual({ '0': 'camera', '1': 'microphone' });
    expect(server.mediaStates().at(-1)).toEqual(['screen', false]);
    expect(session.getSnapshot().local.screen).toBe(false);

    // Again: the same section, sending again.
    await act(server, session.startScreenShare());
    expect(pc.transceivers).toHaveLength(3);
    expect(pc.transceivers[2]?.direction).toBe('sendonly');
    session.end();
  });

  it('stops when the browser’s own “Stop sharing” ends the capture', async () => {
    const { session, server } = await join();
    await act(server, session.startScreenShare());
    const [screen] = devices.live('video').filter((t) => t.label === 'screen:0');
    screen?.end();
    await act(server, Promise.resolve());
    expect(session.getSnapshot().local.screen).toBe(false);
    expect(publishPc().transceivers[2]?.direction).toBe('inactive');
    expect(server.mediaStates().at(-1)).toEqual(['screen', false]);
    session.end();
  });

  it('shows the server’s refusal and cleans up', async () => {
    const { session, server } = await join();
    const sharing = session.startScreenShare();
    await flush();
    const [offer] = server.pending('publish');
    if (offer === undefined) throw new Error('no publish');
    server.answer(offer, { type: 'error', code: 'forbidden', message: 'No permission to share content.' });
    expect(await act(server, sharing)).toBe(false);
    expect(session.getSnapshot().problem).toBe('forbidden');
    expect(session.getSnapshot().local.screen).toBe(false);
    expect(devices.live('video').filter((t) => t.label === 'screen:0')).toEqual([]);
    expect(server.publishes().at(-1)?.['sources']).toEqual({ '0': 'camera', '1': 'microphone' });
    expect(server.mediaStates().some(([source]) => source === 'screen')).toBe(false);
    session.end();
  });

  it('does not open the picker without the permission, nor say anything when it is dismissed', async () => {
    const denied = await join({ permissions: { shareContent: false, recordAudio: false, recordVideo: false } });
    expect(await denied.session.startScreenShare()).toBe(false);
    expect(devices.getDisplayMedia).not.toHaveBeenCalled();
    denied.session.end();

    const { session, server } = await join();
    devices.displayFailure = 'NotAllowedError';
    expect(await act(server, session.startScreenShare())).toBe(false);
    expect(session.getSnapshot().local.screenFailed).toBe(false);
    devices.displayFailure = 'NotReadableError';
    expect(await act(server, session.startScreenShare())).toBe(false);
    expect(session.getSnapshot().local.screenFailed).toBe(true);
    expect(session.getSnapshot().problem).toBeNull();
    session.end();
  });

  it('stops sharing when the permission is taken away', async () => {
    const { session, server, socket } = await join();
    await act(server, session.startScreenShare());
    socket.receive({ type: 'permissionsChanged', permissions: { shareContent: false, recordAudio: false, recordVideo: false }, by: 'Chủ trì' });
    await act(server, Promise.resolve());
    expect(session.getSnapshot().local.screen).toBe(false);
    session.end();
  });
});

describe('MeetingSession: a chair’s actions on us', () => {
  it('mute, stop camera and stop screen turn them off here too', async () => {
    const { session, server, socket } = await join();
    await act(server, session.startScreenShare());

    socket.receive({ type: 'moderated', action: 'mute', by: 'Chủ trì' });
    socket.receive({ type: 'moderated', action: 'stopCamera', by: 'Chủ trì' });
    socket.receive({ type: 'moderated', action: 'stopScreen', by: 'Chủ trì' });
    await act(server, Promise.resolve());
    const { local, moderation } = session.getSnapshot();
    expect([local.microphone, local.camera, local.screen]).toEqual([false, false, false]);
    expect(liveTrack('audio').enabled).toBe(false);
    expect(devices.live('video')).toEqual([]);
    expect(moderation?.action).toBe('stopScreen');
    expect(server.mediaStates().slice(-3)).toEqual(
      expect.arrayContaining([
        ['microphone', false],
        ['camera', false],
        ['screen', false],
      ]),
    );
    // Not locked: the participant may turn the microphone on again.
    expect(await act(server, session.setMicrophone(true))).toBe(true);
    session.end();
  });

  it('mute all with a lock: muted and locked until a chair allows; asking never unmutes', async () => {
    const { session, server, socket } = await join();
    socket.receive({ type: 'participantUpdated', participant: participant('p1', 'Nguyễn Văn A', { microphoneLocked: true }) });
    socket.receive({ type: 'moderated', action: 'muteAll', by: 'Chủ trì', locked: true });
    await act(server, Promise.resolve());
    expect(session.getSnapshot().microphoneLocked).toBe(true);
    expect(session.getSnapshot().local.microphone).toBe(false);
    expect(await act(server, session.setMicrophone(true))).toBe(false);

    socket.receive({ type: 'moderated', action: 'askUnmute', by: 'Chủ trì' });
    await act(server, Promise.resolve());
    expect(session.getSnapshot().microphoneLocked).toBe(false);
    expect(session.getSnapshot().local.microphone).toBe(false);
    expect(await act(server, session.setMicrophone(true))).toBe(true);
    session.end();
  });

  it('leaves a chair’s microphone alone on mute all', async () => {
    const { session, server, socket } = await join({ role: 'chair' });
    socket.receive({ type: 'moderated', action: 'muteAll', by: 'Chủ trì khác', locked: true });
    await act(server, Promise.resolve());
    expect(session.getSnapshot().local.microphone).toBe(true);
    expect(session.getSnapshot().microphoneLocked).toBe(false);
    session.end();
  });

  it('does nothing more once ended, even for a control asked for before the tracks came', async () => {
    const { session } = meetingSession({ acquireMedia: () => new Promise(() => undefined) });
    session.start();
    const early = session.setCamera(false);
    session.end();
    expect(await early).toBe(false);
  });

  it('stops every track when the meeting ends, the screen too', async () => {
    const { session, server } = await join();
    await act(server, session.startScreenShare());
    session.end();
    expect(devices.tracks.every((t) => t.readyState === 'ended')).toBe(true);
  });
});
