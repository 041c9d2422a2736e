// Splits a chat message into plain text and http(s) links, without ever parsing HTML: the result
// is rendered as React text nodes and <a> elements whose href is a URL the browser parsed itself.

export type ChatSegment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly href: string };

// A candidate: http:// or https:// up to the next white space or a character that never ends a URL in prose.
const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/giu;
// Punctuation that ends a sentence rather than the URL.
const TRAILING = '.,;:!?…»”’)]}';

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

/** Drops trailing punctuation, but keeps a closing bracket that closes one the URL opened (Wikipedia style). */
function trimCandidate(candidate: string): string {
  let url = candidate;
  for (;;) {
    const last = url.at(-1);
    if (last === undefined || !TRAILING.includes(last)) return url;
    const open = last === ')' ? '(' : last === ']' ? '[' : null;
    if (open !== null && count(url, open) >= count(url, last)) return url;
    url = url.slice(0, -1);
  }
}

/** The href for `text` when it is an http(s) URL with a host, else null. */
export function safeHref(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  return url.href;
}

export function splitLinks(text: string): ChatSegment[] {
  const segments: ChatSegment[] = [];
  let plain = '';
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const candidate = trimCandidate(match[0]);
    const href = safeHref(candidate);
    if (href === null) continue;
    plain += text.slice(last, start);
    if (plain !== '') segments.push({ kind: 'text', text: plain });
    plain = '';
    segments.push({ kind: 'link', text: candidate, href });
    last = start + candidate.length;
  }
  plain += text.slice(last);
  if (plain !== '') segments.push({ kind: 'text', text: plain });
  return segments;
}
