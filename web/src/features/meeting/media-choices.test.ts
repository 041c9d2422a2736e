import { describe, expect, it } from 'vitest';
import { DEFAULT_MEDIA_CHOICES } from '../../lib/webrtc/media';
import { MEDIA_CHOICES_STORAGE_KEY, parseMediaChoices, readStoredMediaChoices, storeMediaChoices } from './media-choices';

describe('remembered media choices', () => {
  it('round-trips through localStorage', () => {
    const choices = { microphoneId: 'mic-2', cameraId: null, speakerId: 'spk-1', microphoneOn: false, cameraOn: true };
    storeMediaChoices(choices);
    expect(window.localStorage.getItem(MEDIA_CHOICES_STORAGE_KEY)).not.toBeNull();
    expect(readStoredMediaChoices()).toEqual(choices);
  });

  it('defaults to the default devices, microphone and camera on', () => {
    expect(readStoredMediaChoices()).toEqual(DEFAULT_MEDIA_CHOICES);
    expect(DEFAULT_MEDIA_CHOICES).toEqual({ microphoneId: null, cameraId: null, speakerId: null, microphoneOn: true, cameraOn: true });
  });

  it('keeps what is well formed and defaults the rest', () => {
    expect(parseMediaChoices('not json')).toEqual(DEFAULT_MEDIA_CHOICES);
    expect(parseMediaChoices('null')).toEqual(DEFAULT_MEDIA_CHOICES);
    expect(parseMediaChoices(JSON.stringify({ microphoneId: 7, cameraId: '', speakerId: 'x'.repeat(600), cameraOn: false, microphoneOn: 'no' }))).toEqual({
      ...DEFAULT_MEDIA_CHOICES,
      cameraOn: false,
    });
  });
});
