// Keyword tokenisers on worker threads, for the benchmark's parallel keyword index build (the app uses Web
// Workers: src/state/runtime/workers.ts starts one per core beyond the first, at most three; so does this).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { KeywordTokenizer } from '../../src/adapters/keywordIndex/parallelBuild';
import type { TermCounts } from '@openbook/core/retrieval/termCounts';

export interface TokenizerThread extends KeywordTokenizer {
  /** Empty the thread's tokenize() run cache (for a cold build). */
  clearCache(): Promise<void>;
  terminate(): Promise<number>;
}

/** As many tokeniser threads as the app would start on this machine. */
export function tokenizerCount(): number {
  return Math.min(3, Math.max(1, availableParallelism() - 1));
}

export async function startTokenizerThread(): Promise<TokenizerThread> {
  const worker = new Worker(new URL('./tokenizerThread.mjs', import.meta.url));
  const pending = new Map<number, { resolve: (counts: TermCounts) => void; reject: (error: Error) => void }>();
  const clearing = new Map<number, () => void>();
  let nextId = 0;
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => {
      worker.off('error', reject);
      resolve();
    });
  });
  worker.on('message', (m: { id: number; counts?: TermCounts; error?: string; cleared?: boolean }) => {
    if (m.cleared) {
      clearing.get(m.id)?.();
      clearing.delete(m.id);
      return;
    }
    const job = pending.get(m.id);
    pending.delete(m.id);
    if (m.counts) job?.resolve(m.counts);
    else job?.reject(new Error(m.error));
  });
  return {
    countTerms: (texts, analysis) =>
      new Promise<TermCounts>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, texts, analysis });
      }),
    clearCache: () =>
      new Promise<void>((resolve) => {
        const id = nextId++;
        clearing.set(id, resolve);
        worker.postMessage({ id, clearCache: true });
      }),
    terminate: () => worker.terminate(),
  };
}
