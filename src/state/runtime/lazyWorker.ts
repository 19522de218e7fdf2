// A long-lived worker, started on first use and started again after a failed start or a death.
import type { WorkerClient } from '../../adapters/workerRpc';
import { reportWorkerDeath, type WorkerName } from './workerHealthStore';

/**
 * A worker started on first use; a failed start is retried on the next use, and so is a worker that died
 * (its calls in flight reject with a WorkerDiedError, see src/adapters/workerSupervisor.ts).
 */
export function lazyWorker<T>(start: () => Promise<WorkerClient<T>>, name?: WorkerName) {
  let client: Promise<WorkerClient<T>> | null = null;
  return {
    get(): Promise<WorkerClient<T>> {
      if (client) return client;
      const starting: Promise<WorkerClient<T>> = start().then(
        (started) => {
          started.onDeath?.((error) => {
            if (client === starting) client = null;
            if (name) reportWorkerDeath(name, error);
          });
          return started;
        },
        (err: unknown) => {
          if (client === starting) client = null;
          throw err;
        },
      );
      client = starting;
      return starting;
    },
    /** The worker if one is started (or starting), without starting one. */
    current(): Promise<WorkerClient<T>> | null {
      return client;
    },
    /** Stop the worker outright (e.g. to abandon a download it cannot interrupt); the next use starts a new one. */
    async reset(): Promise<void> {
      const current = client;
      client = null;
      if (current) (await current.catch(() => null))?.terminate();
    },
  };
}
