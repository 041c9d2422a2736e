// Copying to the clipboard. navigator.clipboard exists only in secure contexts and may be refused
// by policy; callers then tell people to copy by hand, so failure is a value, not an exception.
export async function copyText(text: string): Promise<boolean> {
  const clipboard = typeof navigator === 'undefined' ? undefined : (navigator.clipboard as Clipboard | undefined);
  if (clipboard === undefined || typeof clipboard.writeText !== 'function') return false;
  try {
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
