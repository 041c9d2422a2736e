// <video> and <audio> bound to a MediaStream (srcObject is a DOM property: no inline anything).
import { useEffect, useRef, type RefObject } from 'react';

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

function useStream<T extends HTMLMediaElement>(stream: MediaStream | null, onBlocked?: () => void): RefObject<T | null> {
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

/** Sends the element's sound to `sinkId` (null: the default output) where the browser can choose. */
function useSinkId(ref: RefObject<HTMLMediaElement | null>, sinkId: string | null | undefined): void {
  useEffect(() => {
    const element = ref.current;
    if (element === null || sinkId === undefined || typeof element.setSinkId !== 'function') return;
    if (element.sinkId === (sinkId ?? '')) return;
    // A device that went away meanwhile: the sound stays where it was.
    element.setSinkId(sinkId ?? '').catch(() => undefined);
  }, [ref, sinkId]);
}

export function StreamAudio({
  stream,
  onBlocked,
  sinkId,
}: {
  stream: MediaStream | null;
  onBlocked: () => void;
  /** The chosen speaker (MeetingSnapshot.local.speakerId); undefined: left alone. */
  sinkId?: string | null;
}) {
  const ref = useStream<HTMLAudioElement>(stream, onBlocked);
  useSinkId(ref, sinkId);
  return <audio ref={ref} autoPlay />;
}

/** Plays every media element under `root` again (after the user allowed sound). */
export function resumePlayback(root: ParentNode | null): void {
  if (root === null) return;
  for (const element of root.querySelectorAll<HTMLMediaElement>('audio, video')) play(element);
}
