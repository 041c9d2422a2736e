/** The URL if it is an absolute http(s) URL (e.g. adminUrl from the server), else null. */
export function safeHttpUrl(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
