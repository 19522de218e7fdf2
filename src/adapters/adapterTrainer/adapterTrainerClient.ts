// Main thread side of the adapter trainer worker (see adapterTrainer.worker.ts).
import { startWorker, type WorkerClient } from '../workerRpc';
import type { AdapterTrainerWorkerApi } from './adapterTrainer.worker';

export type AdapterTrainerClient = WorkerClient<AdapterTrainerWorkerApi>;

export function createAdapterTrainerClient(): Promise<AdapterTrainerClient> {
  return startWorker<AdapterTrainerWorkerApi>(
    new Worker(new URL('./adapterTrainer.worker.ts', import.meta.url), { type: 'module', name: 'openbook-adapter-trainer' }),
  );
}
