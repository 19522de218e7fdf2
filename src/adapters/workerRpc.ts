// The one way the app talks to its Web Workers: Comlink RPC plus a "ready" handshake.
// Workers that import wasm (voy, onnxruntime) finish top-level await before they can listen; a message
// posted earlier would be lost. So a worker calls exposeWorker(api) when it is ready, which exposes the
// API and then posts READY; connectWorker() waits for READY before it returns the Comlink proxy.
// Once started, a worker is supervised (workerSupervisor.ts): a crash or silence rejects its calls in flight.
import * as Comlink from 'comlink';
import { CRASH_FOR_TEST } from './workerTestHooks';
import { PING, PONG, superviseApi, superviseWorker, type SupervisorOptions, type WorkerDiedError } from './workerSupervisor';

const READY = 'openbook:worker-ready';

/** In a worker: expose `api`, answer the supervisor's pings, and announce that the worker is ready. */
export function exposeWorker<T extends object>(api: T): void {
  Comlink.expose(api);
  const scope = self as unknown as Worker;
  scope.addEventListener('message', (event: MessageEvent) => {
    if (event.data === PING) scope.postMessage(PONG);
    // The end-to-end tests' way to crash a worker for real (an uncaught exception in the worker).
    else if (event.data === CRASH_FOR_TEST)
      setTimeout(() => {
        throw new Error('The worker was crashed on purpose (test hook).');
      });
  });
  scope.postMessage(READY);
}

/** On the main thread: resolve with a typed proxy once the worker has announced that it is ready. */
export function connectWorker<T>(worker: Worker): Promise<Comlink.Remote<T>> {
  return new Promise((resolve, reject) => {
    const onMessage = (event: MessageEvent) => {
      if (event.data !== READY) return;
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      resolve(Comlink.wrap<T>(worker));
    };
    const onError = (event: ErrorEvent) => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      reject(new Error(event.message || 'The worker failed to start.'));
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
  });
}

/** A started worker's API, and a way to stop it. */
export interface WorkerClient<T> {
  api: Comlink.Remote<T>;
  /** Stop the worker at once; calls in flight never settle. */
  terminate(): void;
  /** Call `listener` once if the worker dies on its own (crash, unreadable message, unresponsive). */
  onDeath?(listener: (error: WorkerDiedError) => void): void;
  /** Ask the worker to crash (end-to-end tests only). */
  crashForTest?(): void;
}

/**
 * Wait until a just-started worker is ready and return its client. Each adapter starts its own worker
 * with `new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`, which must be written
 * out where the worker file is, so that Vite finds and bundles it.
 */
export async function startWorker<T>(worker: Worker, options?: SupervisorOptions): Promise<WorkerClient<T>> {
  try {
    const api = await connectWorker<T>(worker);
    const supervisor = superviseWorker(worker, options);
    return {
      api: superviseApi(api, supervisor),
      terminate: () => {
        supervisor.stop();
        worker.terminate();
      },
      onDeath: supervisor.onDeath,
      crashForTest: () => worker.postMessage(CRASH_FOR_TEST),
    };
  } catch (error) {
    worker.terminate();
    throw error;
  }
}

/** Send a value with these buffers moved to the other side rather than copied. */
export const transfer = Comlink.transfer;

/** Wrap a callback so a worker can call it across the thread boundary. */
export const callback = Comlink.proxy;
export type { Remote } from 'comlink';
