// The sign-in puzzle of S1.6 (server: src/auth/proof_of_work.hpp): the smallest decimal n such
// that SHA-256(challenge ":" n) starts with `bits` zero bits. About 2^bits hashes, so the loop
// reuses one hash state for the fixed prefix and one output buffer.
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/** Past this many tries the solver gives up (at 24 bits a solution is ~2^24 tries away). */
export const MAX_PROOF_TRIES = 2 ** 28;

export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** The solution as the server wants it (decimal, no leading zeros); throws past maxTries. */
export function solveProofOfWork(challenge: string, bits: number, maxTries = MAX_PROOF_TRIES): string {
  const prefix = sha256.create().update(utf8ToBytes(`${challenge}:`));
  const work = sha256.create();
  const digest = new Uint8Array(32);
  for (let n = 0; n < maxTries; n++) {
    const solution = String(n);
    prefix._cloneInto(work);
    work.update(utf8ToBytes(solution));
    work.digestInto(digest);
    if (leadingZeroBits(digest) >= bits) return solution;
  }
  throw new Error(`no solution within ${maxTries} tries`);
}
