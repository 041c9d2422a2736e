// window.__dienhong: a read-only handle on the current meeting for browser tests and debugging
// (e.g. `await window.__dienhong.publishPc.getStats()`). It holds the peer connections and the
// public identifiers only, never the resume token.

export interface DienHongDebugHandle {
  readonly publishPc: RTCPeerConnection | null;
  readonly subscribePc: RTCPeerConnection | null;
  readonly participantId: string | null;
  readonly roomId: string;
}

declare global {
  interface Window {
    readonly __dienhong?: DienHongDebugHandle;
  }
}

/** Installs `source` (read through getters, so always current) as window.__dienhong; returns the remover. */
export function installDebugHandle(source: () => DienHongDebugHandle): () => void {
  const handle: DienHongDebugHandle = Object.freeze(
    Object.create(Object.prototype, {
      publishPc: { get: () => source().publishPc, enumerable: true },
      subscribePc: { get: () => source().subscribePc, enumerable: true },
      participantId: { get: () => source().participantId, enumerable: true },
      roomId: { get: () => source().roomId, enumerable: true },
    }) as DienHongDebugHandle,
  );
  Object.defineProperty(window, '__dienhong', { configurable: true, enumerable: false, get: () => handle });
  return () => {
    if (window.__dienhong === handle) Reflect.deleteProperty(window, '__dienhong');
  };
}
