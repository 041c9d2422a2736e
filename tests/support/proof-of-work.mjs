// The sign-in puzzle (S1.6) solved as the browser does: the smallest decimal n such that
// SHA-256(challenge ":" n) starts with `bits` zero bits.
import { createHash } from 'node:crypto';

export function leadingZeroBits(digest) {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) { bits += 8; continue; }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function solveProofOfWork(challenge, bits, maxTries = 2 ** 28) {
  const prefix = createHash('sha256').update(`${challenge}:`);
  for (let n = 0; n < maxTries; n++) {
    if (leadingZeroBits(prefix.copy().update(String(n)).digest()) >= bits) return String(n);
  }
  throw new Error(`no solution for ${challenge} within ${maxTries} tries`);
}

// POST /api/v1/auth/login; when the server asks for a proof (428), fetches a puzzle, solves it
// and sends the sign-in again with it. Resolves the last response, and how many proofs it took.
export async function signInRequest(server, body, { baseUrl = server.publicUrl, localAddress } = {}) {
  let res = await server.request(`${baseUrl}/api/v1/auth/login`, { method: 'POST', body, localAddress });
  let proofs = 0;
  while (res.status === 428 && proofs < 2) {
    const puzzle = await server.request(`${baseUrl}/api/v1/auth/login/proof`, { localAddress });
    if (puzzle.status !== 200) throw new Error(`puzzle refused: ${puzzle.status} ${puzzle.body}`);
    const proof = { challenge: puzzle.json.challenge, solution: solveProofOfWork(puzzle.json.challenge, puzzle.json.bits) };
    proofs++;
    res = await server.request(`${baseUrl}/api/v1/auth/login`, { method: 'POST', body: { ...body, proof }, localAddress });
  }
  res.proofs = proofs;
  return res;
}
