// Node only (tests and the benchmark): start stage 1's helper on a worker thread (scanHelperThread.mjs),
// as the app's vector index worker starts scanHelper.worker.ts. See ExactIndex's `helper` option.
import { Worker } from 'node:worker_threads';
import type { ScanHelperStarter } from './exactIndex';

/** Workers started here and not yet stopped (a test can check that none is left running). */
export const runningNodeHelpers = new Set<Worker>();

export const startNodeScanHelper: ScanHelperStarter = (module, memory, control, failed) => {
  const worker = new Worker(new URL('./scanHelperThread.mjs', import.meta.url), { workerData: { module, memory, control } });
  worker.unref(); // a sleeping helper does not keep the process alive
  runningNodeHelpers.add(worker);
  worker.on('error', failed);
  return () => {
    runningNodeHelpers.delete(worker);
    void worker.terminate();
  };
};
