// Room codes and meeting links (F4: invite by room code or by link).
//
// A room is known by its code: nine digits, the first not zero, shown in groups of three
// ("482 915 306"). People type it with spaces, dashes or dots between the digits; its canonical
// form, in addresses and on the wire, is the bare nine digits. A link is any http(s) URL, on any
// host, whose path is /r/<code> (an optional trailing slash and a fragment are ignored); an
// invitation link also carries the room's invitation token in its query: /r/<code>?t=<token>.

const CODE_DIGITS = /^[1-9]\d{8}$/;
const CODE_TYPED = /^[\d .-]+$/;
const ROOM_PATH = /^\/r\/([^/]+)\/?$/;
/** base64url, up to 256 characters (padding tolerated). */
const INVITE_TOKEN = /^[A-Za-z0-9_-]+={0,2}$/;
const INVITE_TOKEN_MAX = 256;

/** The query parameter of an invitation link that holds the token. */
export const INVITE_PARAM = 't';

export type RoomInput =
  | { readonly ok: true; readonly roomId: string; readonly inviteToken?: string }
  | { readonly ok: false; readonly reason: 'empty' | 'invalid' };

/** The canonical room code (nine digits) of what was typed, e.g. "482-915-306", or null. */
export function normaliseRoomId(raw: string): string | null {
  const text = raw.trim();
  if (!CODE_TYPED.test(text)) return null;
  const digits = text.replace(/[ .-]/g, '');
  return CODE_DIGITS.test(digits) ? digits : null;
}

/** "482915306" → "482 915 306"; anything that is not a room code is returned unchanged. */
export function formatRoomCode(code: string): string {
  const digits = normaliseRoomId(code);
  if (digits === null) return code;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/** An invitation token as links carry it, or null when it is not one. */
export function checkInviteToken(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  return raw.length <= INVITE_TOKEN_MAX && INVITE_TOKEN.test(raw) ? raw : null;
}

/** /r/<code>, with ?t=<token> for an invitation. */
export function roomPath(roomId: string, inviteToken?: string | null): string {
  const path = `/r/${roomId}`;
  return inviteToken === undefined || inviteToken === null ? path : `${path}?${INVITE_PARAM}=${encodeURIComponent(inviteToken)}`;
}

/** The room code in a path such as "/r/482915306", "/r/482-915-306/" or "/r/482%20915%20306", or null. */
export function roomIdFromPath(pathname: string): string | null {
  const match = ROOM_PATH.exec(pathname);
  if (match?.[1] === undefined) return null;
  let segment: string;
  try {
    segment = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  return normaliseRoomId(segment);
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** Reads what a user typed or pasted into the join form: a room code or a meeting link. */
export function parseRoomInput(input: string): RoomInput {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };

  const direct = normaliseRoomId(text);
  if (direct !== null) return { ok: true, roomId: direct };

  let url: URL | null = null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    url = parseUrl(text); // https://host/r/code
  } else if (text.startsWith('//')) {
    url = parseUrl(`https:${text}`); // //host/r/code
  } else if (text.startsWith('/')) {
    url = parseUrl(`https://host.invalid${text}`); // /r/code
  } else if (text.includes('/')) {
    url = parseUrl(`https://${text}`); // host[:port]/r/code
  }
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) return { ok: false, reason: 'invalid' };

  const roomId = roomIdFromPath(url.pathname);
  if (roomId === null) return { ok: false, reason: 'invalid' };
  const token = url.searchParams.get(INVITE_PARAM);
  if (token === null) return { ok: true, roomId };
  // A damaged invitation is refused rather than silently dropped: without it the person would
  // be asked for a password, or wait in the lobby, for no reason they could see.
  const inviteToken = checkInviteToken(token);
  return inviteToken === null ? { ok: false, reason: 'invalid' } : { ok: true, roomId, inviteToken };
}
