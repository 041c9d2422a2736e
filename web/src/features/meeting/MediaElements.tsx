// <video> and <audio> bound to a MediaStream (srcObject is a DOM property: no inline anything).
import { useEffect, useRef, type Ref } from 'react';

/** Starts playback; `onBlocked` when the browser's autoplay policy refuses it. */
function play(element: HTMLMediaElement, onBlocked?: () => void): void {
  let promise: Promise<void> | undefined;
  try {
    promise = element.play();
  } catch {
    return;
  }
  promise?.catch((error: unknown) => {
    if (error instanceof DOMException && error.name === 'NotAllowedError') onBlocked?.();
  });
}

function useStream<T extends HTMLMediaElement>(stream: MediaStream | null, onBlocked?: () => void): Ref<T> {
  const ref = useRef<T>(null);
  const blocked = useRef(onBlocked);
  useEffect(() => {
    blocked.current = onBlocked;
  });
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    if (element.srcObject !== stream) element.srcObject = stream;
    if (stream !== null) play(element, () => blocked.current?.());
  }, [stream]);
  useEffect(() => {
    const element = ref.current;
    return () => {
      if (element !== null) element.srcObject = null;
    };
  }, []);
  return ref;
}

/** A muted video (remote sound plays through RemoteAudio; the self-view must never echo). */
export function StreamVideo({ stream, className }: { stream: MediaStream | null; className: string }) {
  const ref = useStream<HTMLVideoElement>(stream);
  return <video ref={ref} className={className} autoPlay playsInline muted disablePictureInPicture />;
}

export function StreamAudio({ stream, onBlocked }: { stream: MediaStream | null; onBlocked: () => void }) {
  const ref = useStream<HTMLAudioElement>(stream, onBlocked);
  return <audio ref={ref} autoPlay />;
}

/** Plays every media element under `root` again (after the user allowed sound). */
export function resumePlayback(root: ParentNode | null): void {
  if (root === null) return;
  for (const element of root.querySelectorAll<HTMLMediaElement>('audio, video')) play(element);
}
