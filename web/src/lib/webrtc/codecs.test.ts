import { describe, expect, it } from 'vitest';
import { preferCodec } from './codecs';

describe('preferCodec', () => {
  const codecs = [
    { mimeType: 'video/H264', sdpFmtpLine: 'profile-level-id=42e01f' },
    { mimeType: 'video/rtx' },
    { mimeType: 'video/VP8' },
    { mimeType: 'video/VP9' },
    { mimeType: 'video/vp8', sdpFmtpLine: 'x' },
  ];

  it('moves VP8 first and keeps every other codec, in order', () => {
    expect(preferCodec(codecs, 'video/VP8')?.map((c) => c.mimeType)).toEqual([
      'video/VP8',
      'video/vp8',
      'video/H264',
      'video/rtx',
      'video/VP9',
    ]);
  });

  it('is null when the browser has no such codec', () => {
    expect(preferCodec([{ mimeType: 'video/H264' }], 'video/VP8')).toBeNull();
  });
});
