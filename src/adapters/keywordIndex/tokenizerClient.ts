// Starts a keyword tokeniser worker (tokenizer.worker.ts) and connects to it.
//   const { api } = await createTokenizerClient();
//   const counts = await api.countTerms(texts);
import { startWorker, type WorkerClient } from '../workerRpc';
import type { TokenizerWorkerApi } from './tokenizer.worker';

export type TokenizerClient = WorkerClient<TokenizerWorkerApi>;

export function createTokenizerClient(): Promise<TokenizerClient> {
  return startWorker<TokenizerWorkerApi>(new Worker(new URL('./tokenizer.worker.ts', import.meta.url), { type: 'module', name: 'openbook-keyword-tokenizer' }));
}
