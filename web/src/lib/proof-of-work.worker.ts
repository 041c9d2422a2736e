// Solves a sign-in puzzle off the page's thread, so the page stays responsive meanwhile.
import { solveProofOfWork } from './proof-of-work';

interface PuzzleMessage {
  readonly challenge: string;
  readonly bits: number;
}

self.onmessage = (event: MessageEvent<PuzzleMessage>) => {
  try {
    self.postMessage({ solution: solveProofOfWork(event.data.challenge, event.data.bits) });
  } catch {
    self.postMessage({ solution: null });
  }
};
