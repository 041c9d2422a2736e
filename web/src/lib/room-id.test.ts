import { describe, expect, it } from 'vitest';
import { checkInviteToken, formatRoomCode, normaliseRoomId, parseRoomInput, roomIdFromPath, roomPath } from './room-id';

const ok = (roomId: string) => ({ ok: true, roomId });
const invalid = { ok: false, reason: 'invalid' };
const TOKEN = 'Zm9vYmFyLWJhei1xdXV4_0123456789-abc';

describe('parseRoomInput: room codes', () => {
  it.each([
    ['482915306', '482915306'],
    ['482 915 306', '482915306'],
    ['482-915-306', '482915306'],
    ['482.915.306', '482915306'],
    ['  482 915 306  ', '482915306'],
    ['4 8 2 9 1 5 3 0 6', '482915306'],
    ['482 - 915 - 306', '482915306'],
    ['100000000', '100000000'],
    ['999999999', '999999999'],
  ])('accepts %j', (input, expected) => {
    expect(parseRoomInput(input)).toEqual(ok(expected));
  });

  it.each([
    '48291530', // eight digits
    '4829153061', // ten digits
    '082915306', // first digit zero
    '482_915_306',
    '482/915/306',
    '482,915,306',
    'giao-ban-tuan', // the old room IDs
    'abc',
    '４８２９１５３０６', // full-width digits
    '<script>',
  ])('rejects %j', (input) => {
    expect(parseRoomInput(input)).toEqual(invalid);
  });

  it('reports empty input separately', () => {
    expect(parseRoomInput('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseRoomInput('   \t')).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('parseRoomInput: links', () => {
  it.each([
    ['https://hop.example.gov.vn/r/482915306', '482915306'],
    ['https://hop.example.gov.vn/r/482915306/', '482915306'],
    ['https://localhost:8443/r/482915306?x=2', '482915306'],
    ['https://localhost:8443/r/482915306/#top', '482915306'],
    ['http://10.0.0.5/r/482-915-306', '482915306'],
    ['https://hop.example.gov.vn/r/482%20915%20306', '482915306'],
    ['HTTPS://HOP.EXAMPLE.GOV.VN/r/482915306', '482915306'],
    ['hop.example.gov.vn/r/482915306', '482915306'],
    ['localhost:8443/r/482915306', '482915306'],
    ['/r/482915306', '482915306'],
    ['//host.vn/r/482915306', '482915306'],
  ])('accepts %j', (input, expected) => {
    expect(parseRoomInput(input)).toEqual(ok(expected));
  });

  it('keeps the invitation token of an invitation link', () => {
    expect(parseRoomInput(`https://hop.example.gov.vn/r/482915306?t=${TOKEN}`)).toEqual({
      ok: true,
      roomId: '482915306',
      inviteToken: TOKEN,
    });
    expect(parseRoomInput(` hop.example.gov.vn/r/482-915-306/?lang=vi&t=${TOKEN}#x `)).toEqual({
      ok: true,
      roomId: '482915306',
      inviteToken: TOKEN,
    });
    expect(parseRoomInput(`/r/482915306?t=${'a'.repeat(256)}`)).toEqual({ ok: true, roomId: '482915306', inviteToken: 'a'.repeat(256) });
  });

  it.each([
    'https://hop.example.gov.vn/',
    'https://hop.example.gov.vn/r/',
    'https://hop.example.gov.vn/r/48291530',
    'https://hop.example.gov.vn/r/482915306/extra',
    'https://hop.example.gov.vn/x/r/482915306',
    'https://hop.example.gov.vn/room/482915306',
    'https://hop.example.gov.vn/r/giao-ban',
    'https://hop.example.gov.vn/r/%E0%A4%A',
    'https://hop.example.gov.vn/?r=482915306',
    'javascript:alert(1)//r/482915306',
    'ftp://host/r/482915306',
    'https://',
    'r/482915306',
    // A damaged invitation token.
    'https://hop.example.gov.vn/r/482915306?t=',
    'https://hop.example.gov.vn/r/482915306?t=abc%20def',
    'https://hop.example.gov.vn/r/482915306?t=abc+def',
    `https://hop.example.gov.vn/r/482915306?t=${'a'.repeat(257)}`,
  ])('rejects %j', (input) => {
    expect(parseRoomInput(input)).toEqual(invalid);
  });
});

describe('room codes', () => {
  it('normalises what people type to the nine digits', () => {
    expect(normaliseRoomId(' 482.915-306 ')).toBe('482915306');
    expect(normaliseRoomId('')).toBeNull();
    expect(normaliseRoomId('---')).toBeNull();
  });

  it('formats a code in groups of three', () => {
    expect(formatRoomCode('482915306')).toBe('482 915 306');
    expect(formatRoomCode('482-915-306')).toBe('482 915 306');
    expect(formatRoomCode('giao-ban')).toBe('giao-ban');
  });

  it('reads the code from a path', () => {
    expect(roomIdFromPath('/r/482915306')).toBe('482915306');
    expect(roomIdFromPath('/r/482-915-306/')).toBe('482915306');
    expect(roomIdFromPath('/r/48291530')).toBeNull();
    expect(roomIdFromPath('/r/482915306/x')).toBeNull();
    expect(roomIdFromPath('/r/%')).toBeNull();
  });

  it('builds room and invitation paths', () => {
    expect(roomPath('482915306')).toBe('/r/482915306');
    expect(roomPath('482915306', null)).toBe('/r/482915306');
    expect(roomPath('482915306', TOKEN)).toBe(`/r/482915306?t=${TOKEN}`);
  });

  it('checks invitation tokens', () => {
    expect(checkInviteToken(TOKEN)).toBe(TOKEN);
    expect(checkInviteToken('abc==')).toBe('abc==');
    expect(checkInviteToken(null)).toBeNull();
    expect(checkInviteToken('')).toBeNull();
    expect(checkInviteToken('a/b')).toBeNull();
    expect(checkInviteToken('a'.repeat(257))).toBeNull();
  });
});
