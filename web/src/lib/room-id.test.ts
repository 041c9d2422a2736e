import { describe, expect, it } from 'vitest';
import { normaliseRoomId, parseRoomInput, roomIdFromPath } from './room-id';

const ok = (roomId: string) => ({ ok: true, roomId });
const invalid = { ok: false, reason: 'invalid' };

describe('parseRoomInput: room IDs', () => {
  it.each([
    ['abc', 'abc'],
    ['giao-ban-tuan', 'giao-ban-tuan'],
    ['0a-', '0a-'],
    ['  hop-so-1  ', 'hop-so-1'],
    ['ABC-123', 'abc-123'],
    ['a'.repeat(64), 'a'.repeat(64)],
  ])('accepts %j', (input, expected) => {
    expect(parseRoomInput(input)).toEqual(ok(expected));
  });

  it.each([
    'ab', // too short
    'a'.repeat(65), // too long
    '-abc', // must start with a letter or digit
    'ab_c',
    'ab c',
    'phòng-họp', // no diacritics in IDs
    'abc.def',
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
    ['https://hop.example.gov.vn/r/giao-ban', 'giao-ban'],
    ['https://hop.example.gov.vn/r/giao-ban/', 'giao-ban'],
    ['https://localhost:8443/r/abc?pw=1&x=2', 'abc'],
    ['https://localhost:8443/r/abc/?pw=1#top', 'abc'],
    ['http://10.0.0.5/r/phong-hop-01', 'phong-hop-01'],
    ['HTTPS://HOP.EXAMPLE.GOV.VN/r/GIAO-BAN', 'giao-ban'],
    ['  https://other-host.vn/r/ABC  ', 'abc'],
    ['hop.example.gov.vn/r/giao-ban', 'giao-ban'],
    ['localhost:8443/r/abc', 'abc'],
    ['/r/abc', 'abc'],
    ['/r/abc/', 'abc'],
    ['//host.vn/r/abc', 'abc'],
  ])('accepts %j', (input, expected) => {
    expect(parseRoomInput(input)).toEqual(ok(expected));
  });

  it.each([
    'https://hop.example.gov.vn/',
    'https://hop.example.gov.vn/r/',
    'https://hop.example.gov.vn/r/ab', // ID too short
    'https://hop.example.gov.vn/r/abc/extra',
    'https://hop.example.gov.vn/x/r/abc',
    'https://hop.example.gov.vn/room/abc',
    'https://hop.example.gov.vn/r/a%20bc',
    'https://hop.example.gov.vn/?r=abc',
    'javascript:alert(1)//r/abc',
    'ftp://host/r/abc',
    'https://',
    'r/abc',
  ])('rejects %j', (input) => {
    expect(parseRoomInput(input)).toEqual(invalid);
  });
});

describe('room paths', () => {
  it('reads the room ID from a path', () => {
    expect(roomIdFromPath('/r/abc')).toBe('abc');
    expect(roomIdFromPath('/r/ABC/')).toBe('abc');
    expect(roomIdFromPath('/r/ab')).toBeNull();
    expect(roomIdFromPath('/r/abc/def')).toBeNull();
  });

  it('normalises case and whitespace', () => {
    expect(normaliseRoomId(' Hop-01 ')).toBe('hop-01');
    expect(normaliseRoomId('')).toBeNull();
  });
});
