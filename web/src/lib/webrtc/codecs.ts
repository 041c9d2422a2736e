// Codec preference for the publish connection: VP8 first (every browser encodes it in simulcast,
// and it is what the SFU forwards best), the rest kept in the browser's order after it so that
// retransmission (rtx), red and fec stay available.

/** Stable reorder: codecs of `mimeType` (case-insensitive) first. Null when there is none. */
export function preferCodec<T extends { readonly mimeType: string }>(codecs: readonly T[], mimeType: string): T[] | null {
  const wanted = mimeType.toLowerCase();
  const first = codecs.filter((codec) => codec.mimeType.toLowerCase() === wanted);
  if (first.length === 0) return null;
  return [...first, ...codecs.filter((codec) => codec.mimeType.toLowerCase() !== wanted)];
}

/** Applies VP8-first to a video transceiver when the browser allows; silently keeps the default otherwise. */
export function preferVp8(transceiver: RTCRtpTransceiver): boolean {
  if (typeof transceiver.setCodecPreferences !== 'function') return false;
  try {
    const capabilities =
      (typeof RTCRtpReceiver !== 'undefined' && typeof RTCRtpReceiver.getCapabilities === 'function'
        ? RTCRtpReceiver.getCapabilities('video')
        : null) ??
      (typeof RTCRtpSender !== 'undefined' && typeof RTCRtpSender.getCapabilities === 'function'
        ? RTCRtpSender.getCapabilities('video')
        : null);
    if (capabilities === null) return false;
    const ordered = preferCodec(capabilities.codecs, 'video/VP8');
    if (ordered === null) return false;
    transceiver.setCodecPreferences(ordered);
    return true;
  } catch {
    // InvalidModificationError on browsers that check the list differently: keep their default.
    return false;
  }
}
