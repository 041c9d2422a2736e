// How TOTP codes and secrets are typed and shown: a code is six digits (spaces allowed, as some
// apps show "123 456"); a base32 secret is shown in groups of four so it can be typed by hand.

export const CODE_DIGITS = 6;

/** The code without spaces, or null unless it is exactly six ASCII digits. */
export function normaliseCode(input: string): string | null {
  const code = input.replace(/\s+/g, '');
  return /^[0-9]{6}$/.test(code) ? code : null;
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP" (padding dropped: apps do not need it). */
export function groupSecret(secret: string): string {
  const bare = secret.replace(/=+$/, '').toUpperCase();
  return (bare.match(/.{1,4}/g) ?? []).join(' ');
}
