import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeMediaStream, FakeMediaStreamTrack, FakePeerConnection, fakePeerConnectionFactory } from '../../test/fake-webrtc';
import type { MediaSource } from '../signaling/messages';
import { Publisher, SIMULCAST_ENCODINGS } from './publisher';
import { SCREEN_SEND_OPTIONS } from './screen-share';

const flush = () => vi.advanceTimersByTimeAsync(0);

interface Offer {
  readonly sdp: string;
  readonly sources: Readonly<Record<string, MediaSource>>;
  readonly answer: (sdp?: string) => void;
  readonly refuse: (error: unknown) => void;
}

/** A publisher whose offers the test answers one by one. */
function setup(kinds: readonly ('audio' | 'video')[] = ['video', 'audio']) {
  const offers: Offer[] = [];
  const stream = new FakeMediaStream(kinds.map((kind) => new FakeMediaStreamTrack(kind))) as unknown as MediaStream;
  const onError = vi.fn();
  const publisher = new Publisher({
    stream,
    createPeerConnection: fakePeerConnectionFactory(),
    negotiate: (sdp, sources) =>
      new Promise<string>((resolve, reject) => {
        offers.push({ sdp, sources: { ...sources }, answer: (answer = `answer-to-${sdp}`) => resolve(answer), refuse: reject });
      }),
    onError,
  });
  const pc = FakePeerConnection.instances.at(-1);
  if (pc === undefined) throw new Error('no peer connection');
  return { publisher, pc, offers, onError };
}

type Setup = ReturnType<typeof setup>;

/** setup(), then started: the first offer made and answered. */
async function started(kinds?: readonly ('audio' | 'video')[]): Promise<Setup> {
  const t = setup(kinds);
  const starting = t.publisher.start();
  await flush();
  t.offers[0]?.answer();
  await starting;
  return t;
}

/** Waits for the offer a change makes, answers it, and for the change to finish. */
async function answered(t: Setup, change: Promise<void>): Promise<void> {
  await flush();
  t.offers.at(-1)?.answer();
  await change;
}

function screenTrack(): MediaStreamTrack {
  return new FakeMediaStreamTrack('video', { label: 'screen:0' }) as unknown as MediaStreamTrack;
}

beforeEach(() => {
  vi.useFakeTimers();
  FakePeerConnection.instances.length = 0;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Publisher: sources during the meeting', () => {
  it('replaces a track on its section without renegotiating (null sends nothing)', async () => {
    const t = await started();

    const camera = new FakeMediaStreamTrack('video', { deviceId: 'cam-2' });
    await t.publisher.setTrack('camera', camera as unknown as MediaStreamTrack);
    expect(t.pc.transceivers[0]?.sender.track).toBe(camera);
    await t.publisher.setTrack('camera', null);
    expect(t.pc.transceivers[0]?.sender.track).toBeNull();
    // The section stays, with its simulcast layers.
    expect(t.pc.transceivers[0]?.direction).toBe('sendonly');
    expect(t.pc.transceivers[0]?.sendEncodings).toEqual(SIMULCAST_ENCODINGS);
    expect(t.offers).toHaveLength(1);
  });

  it('adds a screen section (one encoding, maintain-resolution) and renegotiates with its source', async () => {
    const t = await started();

    const track = screenTrack();
    let done = false;
    const adding = t.publisher.setTrack('screen', track, SCREEN_SEND_OPTIONS).then(() => {
      done = true;
    });
    await flush();
    const screen = t.pc.transceivers[2];
    expect(screen?.direction).toBe('sendonly');
    expect(screen?.sendEncodings).toEqual([{ maxBitrate: 2_500_000, maxFramerate: 30 }]);
    expect(screen?.sender.parameters?.degradationPreference).toBe('maintain-resolution');
    expect(t.offers[1]?.sources).toEqual({ '0': 'camera', '1': 'microphone', '2': 'screen' });
    // Resolves only once the server accepted it.
    expect(done).toBe(false);
    t.offers[1]?.answer();
    await adding;
    expect(t.pc.remoteDescription?.sdp).toBe('answer-to-offer-2');
  });

  it('turns a removed section inactive, leaves it out of the sources, and reuses it', async () => {
    const t = await started();
    await answered(t, t.publisher.setTrack('screen', screenTrack(), SCREEN_SEND_OPTIONS));

    const removing = t.publisher.removeTrack('screen');
    await flush();
    expect(t.pc.transceivers[2]?.direction).toBe('inactive');
    expect(t.pc.transceivers[2]?.sender.track).toBeNull();
    expect(t.offers[2]?.sources).toEqual({ '0': 'camera', '1': 'microphone' });
    t.offers[2]?.answer();
    await removing;

    const again = screenTrack();
    const readding = t.publisher.setTrack('screen', again, SCREEN_SEND_OPTIONS);
    await flush();
    expect(t.pc.transceivers).toHaveLength(3);
    expect(t.pc.transceivers[2]?.direction).toBe('sendonly');
    expect(t.pc.transceivers[2]?.sender.track).toBe(again);
    expect(t.offers[3]?.sources).toEqual({ '0': 'camera', '1': 'microphone', '2': 'screen' });
    t.offers[3]?.answer();
    await readding;
  });

  it('rejects with the server refusal, and the next change makes a fresh offer', async () => {
    const t = await started();

    const adding = t.publisher.setTrack('screen', screenTrack(), SCREEN_SEND_OPTIONS);
    await flush();
    const forbidden = Object.assign(new Error('forbidden'), { code: 'forbidden' });
    t.offers[1]?.refuse(forbidden);
    await expect(adding).rejects.toBe(forbidden);
    expect(t.pc.signalingState).toBe('stable');

    const removing = t.publisher.removeTrack('screen');
    await flush();
    expect(t.offers[2]?.sources).toEqual({ '0': 'camera', '1': 'microphone' });
    t.offers[2]?.answer();
    await removing;
    expect(t.onError).not.toHaveBeenCalled();
  });

  it('makes a change asked for during a negotiation in the next one, and resolves then', async () => {
    const t = setup(['video']);
    const starting = t.publisher.start();
    await flush();
    let added = false;
    const microphone = new FakeMediaStreamTrack('audio');
    const adding = t.publisher.setTrack('microphone', microphone as unknown as MediaStreamTrack).then(() => {
      added = true;
    });
    await flush();
    expect(t.offers).toHaveLength(1);
    t.offers[0]?.answer();
    await flush();
    expect(added).toBe(false);
    expect(t.offers[1]?.sources).toEqual({ '0': 'camera', '1': 'microphone' });
    t.offers[1]?.answer();
    await Promise.all([starting, adding]);
    expect(added).toBe(true);
  });

  it('adds a camera turned on after joining without one with simulcast layers, VP8 first', async () => {
    const t = await started(['audio']);
    expect(t.publisher.has('camera')).toBe(false);
    const adding = t.publisher.setTrack('camera', new FakeMediaStreamTrack('video') as unknown as MediaStreamTrack);
    await flush();
    expect(t.pc.transceivers[1]?.sendEncodings).toEqual(SIMULCAST_ENCODINGS);
    expect(t.offers[1]?.sources).toEqual({ '0': 'microphone', '1': 'camera' });
    t.offers[1]?.answer();
    await adding;
    expect(t.publisher.has('camera')).toBe(true);
  });
});
