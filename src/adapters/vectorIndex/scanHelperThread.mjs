// Stage 1's helper thread in Node (worker_threads), for tests and the benchmark: the Node counterpart of
// scanHelper.worker.ts. workerData is { module, memory, control } (see scanThreads.ts). Plain JavaScript
// that registers tsx, since a worker thread does not inherit the parent's TypeScript loader.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runScanHelper } = await import('./scanThreads.ts');
runScanHelper(workerData.module, workerData.memory, workerData.control);
