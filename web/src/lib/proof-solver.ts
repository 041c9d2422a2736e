// Where the sign-in puzzle is solved: in a Web Worker when the browser has them, else (tests
// under jsdom) on this thread. Replaceable, so tests can count or fail the solving.
import { solveProofOfWork } from './proof-of-work';

export type ProofSolver = (challenge: string, bits: number) => Promise<string>;

const solveInWorker: ProofSolver = (challenge, bits) => {
  if (typeof Worker === 'undefined') return Promise.resolve().then(() => solveProofOfWork(challenge, bits));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./proof-of-work.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ solution: string | null }>) => {
      worker.terminate();
      if (event.data.solution === null) reject(new Error('no solution'));
      else resolve(event.data.solution);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the puzzle worker failed'));
    };
    worker.postMessage({ challenge, bits });
  });
};

let solver: ProofSolver = solveInWorker;

export function solveProof(challenge: string, bits: number): Promise<string> {
  return solver(challenge, bits);
}

/** Tests: replaces the solver; returns a function that restores the previous one. */
export function replaceProofSolver(replacement: ProofSolver): () => void {
  const previous = solver;
  solver = replacement;
  return () => {
    solver = previous;
  };
}
