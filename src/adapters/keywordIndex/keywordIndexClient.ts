// Starts the keyword index worker and connects to it (waiting for its "ready" message).
//   const { api } = await createKeywordIndexClient();
//   await api.build(chunks.map((c) => ({ id: c.id, text: c.text })));
//   const { hits } = await api.search('lava temperature', 20, { allowedIds });
import { startWorker, type WorkerClient } from '../workerRpc';
import type { KeywordIndexWorkerApi } from './keywordIndex.worker';

export type { KeywordIndexWorkerApi };

export type KeywordIndexClient = WorkerClient<KeywordIndexWorkerApi>;

export function createKeywordIndexClient(): Promise<KeywordIndexClient> {
  return startWorker<KeywordIndexWorkerApi>(
    new Worker(new URL('./keywordIndex.worker.ts', import.meta.url), { type: 'module', name: 'openbook-keyword-index' }),
  );
}
