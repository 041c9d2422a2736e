import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../test/meeting-messages';
import { checkSettingsForm, formFromSettings } from './room-settings-form';

const settings = { ...SETTINGS, defaultPermissions: { ...SETTINGS.defaultPermissions } };
const form = formFromSettings(settings);

describe('room settings form', () => {
  it('changes nothing when nothing was edited', () => {
    expect(checkSettingsForm(settings, form)).toEqual({ ok: true, changes: {} });
  });

  it('sends only what changed', () => {
    const edited = { ...form, title: '  Họp giao ban  ', maxParticipants: '50', lobbyEnabled: true, mayRecordAudio: true, password: 'bí mật' };
    expect(checkSettingsForm(settings, edited)).toEqual({
      ok: true,
      changes: { title: 'Họp giao ban', maxParticipants: 50, lobbyEnabled: true, mayRecordAudio: true, password: 'bí mật' },
    });
  });

  it('removes the password only when there is one', () => {
    expect(checkSettingsForm({ ...settings, passwordProtected: true }, { ...form, removePassword: true, password: 'x' })).toEqual({
      ok: true,
      changes: { password: null },
    });
    expect(checkSettingsForm(settings, { ...form, removePassword: true })).toEqual({ ok: true, changes: {} });
  });

  it('checks as the server does', () => {
    expect(checkSettingsForm(settings, { ...form, title: '   ' })).toMatchObject({ ok: false, field: 'title' });
    expect(checkSettingsForm(settings, { ...form, title: 'x'.repeat(201) })).toMatchObject({ ok: false, field: 'title' });
    for (const max of ['1', '1001', '2.5', 'abc', '']) {
      expect(checkSettingsForm(settings, { ...form, maxParticipants: max }), max).toMatchObject({ ok: false, field: 'maxParticipants' });
    }
    expect(checkSettingsForm(settings, { ...form, maxParticipants: '1000' })).toMatchObject({ ok: true });
    expect(checkSettingsForm(settings, { ...form, password: 'abc' })).toMatchObject({ ok: false, field: 'password' });
    // Bytes, as the server counts: "đđ" is four.
    expect(checkSettingsForm(settings, { ...form, password: 'đđ' })).toMatchObject({ ok: true });
  });
});
