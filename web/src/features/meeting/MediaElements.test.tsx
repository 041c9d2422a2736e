import { render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeMediaStream, FakeMediaStreamTrack } from '../../test/fake-webrtc';
import { StreamAudio } from './MediaElements';

function stream(): MediaStream {
  return new FakeMediaStream([new FakeMediaStreamTrack('audio')]) as unknown as MediaStream;
}

afterEach(() => {
  Reflect.deleteProperty(HTMLMediaElement.prototype, 'setSinkId');
  Reflect.deleteProperty(HTMLMediaElement.prototype, 'sinkId');
});

describe('StreamAudio', () => {
  it('plays through the chosen speaker, and the default one again', () => {
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const setSinkId = vi.fn(async function (this: HTMLMediaElement, id: string) {
      Object.defineProperty(this, 'sinkId', { configurable: true, value: id });
    });
    Object.defineProperty(HTMLMediaElement.prototype, 'setSinkId', { configurable: true, value: setSinkId });
    Object.defineProperty(HTMLMediaElement.prototype, 'sinkId', { configurable: true, value: '' });
    const media = stream();
    const { rerender } = render(<StreamAudio stream={media} onBlocked={() => undefined} sinkId="spk-2" />);
    expect(setSinkId).toHaveBeenCalledWith('spk-2');
    rerender(<StreamAudio stream={media} onBlocked={() => undefined} sinkId={null} />);
    expect(setSinkId).toHaveBeenLastCalledWith('');
    expect(setSinkId).toHaveBeenCalledTimes(2);
  });

  it('leaves the output alone where it cannot be chosen', () => {
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    expect(() => render(<StreamAudio stream={stream()} onBlocked={() => undefined} sinkId="spk-2" />)).not.toThrow();
  });
});
