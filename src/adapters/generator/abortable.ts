// Promises that give up: on an abort signal, or after a while.
import { GenerationError } from './generator';

/** Rejects with a "cancelled" GenerationError as soon as `signal` aborts; otherwise settles as `promise` does. */
export function rejectOnAbort<T>(signal: AbortSignal, promise: Promise<T>, message = 'Loading the model was cancelled.'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new GenerationError('unknown', message));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
