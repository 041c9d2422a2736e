// Room identifiers and meeting links (F4: invite by room ID or by link).
//
// A room ID is 3–64 characters of [a-z0-9-], starting with a letter or digit; it is
// case-insensitive, so input is lower-cased. A link is any http(s) URL, on any host, whose path
// is /r/<roomId> (an optional trailing slash, a query string and a fragment are ignored).

const ROOM_ID = /^[a-z0-9][a-z0-9-]{2,63}$/;
const ROOM_PATH = /^\/r\/([^/]+)\/?$/;

export type RoomInput =
  | { readonly ok: true; readonly roomId: string }
  | { readonly ok: false; readonly reason: 'empty' | 'invalid' };

/** The canonical (lower-case) room ID, or null when the text is not one. */
export function normaliseRoomId(raw: string): string | null {
  const id = raw.trim().toLowerCase();
  return ROOM_ID.test(id) ? id : null;
}

export function roomPath(roomId: string): string {
  return `/r/${roomId}`;
}

/** The room ID in a path such as "/r/abc" or "/r/abc/", or null. */
export function roomIdFromPath(pathname: string): string | null {
  const match = ROOM_PATH.exec(pathname);
  return match?.[1] === undefined ? null : normaliseRoomId(match[1]);
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** Reads what a user typed or pasted into the join form: a room ID or a meeting link. */
export function parseRoomInput(input: string): RoomInput {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };

  const direct = normaliseRoomId(text);
  if (direct !== null) return { ok: true, roomId: direct };

  let url: URL | null = null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    url = parseUrl(text); // https://host/r/id
  } else if (text.startsWith('//')) {
    url = parseUrl(`https:${text}`); // //host/r/id
  } else if (text.startsWith('/')) {
    url = parseUrl(`https://host.invalid${text}`); // /r/id
  } else if (text.includes('/')) {
    url = parseUrl(`https://${text}`); // host[:port]/r/id
  }
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) return { ok: false, reason: 'invalid' };

  const roomId = roomIdFromPath(url.pathname);
  return roomId === null ? { ok: false, reason: 'invalid' } : { ok: true, roomId };
}
