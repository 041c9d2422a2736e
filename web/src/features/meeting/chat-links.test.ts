import { describe, expect, it } from 'vitest';
import { safeHref, splitLinks } from './chat-links';

describe('splitLinks', () => {
  it('keeps text without links as one text segment', () => {
    expect(splitLinks('Xin chào\nmọi người')).toEqual([{ kind: 'text', text: 'Xin chào\nmọi người' }]);
    expect(splitLinks('')).toEqual([]);
  });

  it('cuts http and https URLs out of the text', () => {
    expect(splitLinks('Tài liệu: https://example.vn/a?b=1 và http://x.org.')).toEqual([
      { kind: 'text', text: 'Tài liệu: ' },
      { kind: 'link', text: 'https://example.vn/a?b=1', href: 'https://example.vn/a?b=1' },
      { kind: 'text', text: ' và ' },
      { kind: 'link', text: 'http://x.org', href: 'http://x.org/' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('leaves trailing punctuation out, but keeps a bracket the URL opened', () => {
    expect(splitLinks('(xem https://vi.wikipedia.org/wiki/Hà_Nội_(định_hướng))')).toEqual([
      { kind: 'text', text: '(xem ' },
      { kind: 'link', text: 'https://vi.wikipedia.org/wiki/Hà_Nội_(định_hướng)', href: expect.stringContaining('https://vi.wikipedia.org/') },
      { kind: 'text', text: ')' },
    ]);
    expect(splitLinks('https://a.vn/x, ok')[0]).toEqual({ kind: 'link', text: 'https://a.vn/x', href: 'https://a.vn/x' });
  });

  it('never links other schemes nor markup', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://x.org/a', '<a href="https://x.org">x</a>']) {
      expect(splitLinks(text).every((s) => s.kind === 'text' || s.href.startsWith('https://x.org'))).toBe(true);
    }
    expect(splitLinks('javascript:alert(1)')).toEqual([{ kind: 'text', text: 'javascript:alert(1)' }]);
    // The quote ends the candidate: no markup can ride along in the link text.
    expect(splitLinks('<a href="https://x.org">x</a>').filter((s) => s.kind === 'link')).toEqual([
      { kind: 'link', text: 'https://x.org', href: 'https://x.org/' },
    ]);
  });

  it('keeps a candidate without a host as text', () => {
    expect(splitLinks('http:// nothing')).toEqual([{ kind: 'text', text: 'http:// nothing' }]);
  });
});

describe('safeHref', () => {
  it('accepts only http(s) URLs with a host', () => {
    expect(safeHref('https://a.vn')).toBe('https://a.vn/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });
});
