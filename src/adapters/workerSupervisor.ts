// Noticing that a worker has died. Comlink's calls never settle when their worker crashes, so every call
// on a supervised worker is tracked: the Worker's 'error' event (an uncaught exception: the worker may be
// in any state), its 'messageerror' event (a message that could not be read), or silence while calls are
// in flight (no message, not even an answer to a ping, for `deadAfterMs`) marks the worker dead, rejects
// the calls in flight with a WorkerDiedError, and tells the listeners (the lazy worker then starts a new
// one on its next use). The silence check is for the workers that answer between steps (parser, embedder,
// reranker, chat: see UNRESPONSIVE_AFTER_MS); its timeout is generous, as a busy step cannot answer.

export const PING = 'openbook:worker-ping';
export const PONG = 'openbook:worker-pong';

/** For workers that yield between short steps: two minutes without a word means they hang. */
export const UNRESPONSIVE_AFTER_MS = 120_000;

export type WorkerDeathCause = 'crashed' | 'message-unreadable' | 'unresponsive';

export class WorkerDiedError extends Error {
  constructor(
    readonly kind: WorkerDeathCause,
    detail: string,
  ) {
    super(detail);
    this.name = 'WorkerDiedError';
  }
}

/** The clock the heartbeat runs on (fake in unit tests). */
export interface HeartbeatClock {
  now(): number;
  every(ms: number, tick: () => void): () => void;
}

export const realClock: HeartbeatClock = {
  now: () => Date.now(),
  every: (ms, tick) => {
    const id = setInterval(tick, ms);
    return () => clearInterval(id);
  },
};

export interface SupervisorOptions {
  /** How often a worker with calls in flight is pinged. */
  pingEveryMs?: number;
  /**
   * How long a worker with calls in flight may stay silent before it counts as unresponsive; null: never
   * (the default, for workers that may rightly spend minutes in one synchronous step, such as an index build).
   */
  deadAfterMs?: number | null;
  clock?: HeartbeatClock;
}

/** What the supervisor needs of a Worker (a fake in unit tests). */
export type SupervisedWorker = Pick<Worker, 'addEventListener' | 'removeEventListener' | 'postMessage' | 'terminate'>;

export interface Supervisor {
  /** Follow a call: it rejects when the worker dies before it settles. */
  track<R>(call: Promise<R>): Promise<R>;
  /** Call `listener` once if the worker dies (at once if it already has). */
  onDeath(listener: (error: WorkerDiedError) => void): void;
  /** Stop watching (the worker was terminated on purpose). */
  stop(): void;
}

export function superviseWorker(worker: SupervisedWorker, options: SupervisorOptions = {}): Supervisor {
  const { pingEveryMs = 10_000, deadAfterMs = null, clock = realClock } = options;
  const pending = new Set<(error: WorkerDiedError) => void>();
  const listeners = new Set<(error: WorkerDiedError) => void>();
  let death: WorkerDiedError | null = null;
  let lastHeard = clock.now();
  let stopTicking: (() => void) | null = null;

  const onError = (event: Event) => {
    const text = (event as Partial<ErrorEvent>).message;
    const detail = typeof text === 'string' && text !== '' ? text : 'the worker stopped with an error';
    event.preventDefault?.();
    die(new WorkerDiedError('crashed', `the worker crashed: ${detail}`));
  };
  const onMessageError = () => die(new WorkerDiedError('message-unreadable', 'a message from the worker could not be read'));
  const onMessage = () => {
    lastHeard = clock.now();
  };

  const unwatch = () => {
    worker.removeEventListener('error', onError);
    worker.removeEventListener('messageerror', onMessageError);
    worker.removeEventListener('message', onMessage);
    stopTicking?.();
    stopTicking = null;
  };

  function die(error: WorkerDiedError) {
    if (death) return;
    death = error;
    unwatch();
    worker.terminate();
    for (const reject of [...pending]) reject(error);
    pending.clear();
    for (const listener of [...listeners]) listener(error);
    listeners.clear();
  }

  const tick = () => {
    if (pending.size === 0 || deadAfterMs === null) return;
    if (clock.now() - lastHeard > deadAfterMs) {
      die(new WorkerDiedError('unresponsive', `the worker did not answer for ${Math.round(deadAfterMs / 1000)} s`));
      return;
    }
    worker.postMessage(PING);
  };

  worker.addEventListener('error', onError);
  worker.addEventListener('messageerror', onMessageError);
  worker.addEventListener('message', onMessage);

  return {
    track<R>(call: Promise<R>): Promise<R> {
      if (death) {
        call.catch(() => undefined);
        return Promise.reject(death);
      }
      return new Promise<R>((resolve, reject) => {
        if (pending.size === 0) {
          lastHeard = clock.now();
          if (deadAfterMs !== null) stopTicking ??= clock.every(pingEveryMs, tick);
        }
        pending.add(reject);
        const settle = () => {
          pending.delete(reject);
          if (pending.size === 0) {
            stopTicking?.();
            stopTicking = null;
          }
        };
        call.then(
          (value) => {
            settle();
            resolve(value);
          },
          (error: unknown) => {
            settle();
            reject(error);
          },
        );
      });
    },
    onDeath(listener) {
      if (death) listener(death);
      else listeners.add(listener);
    },
    stop: unwatch,
  };
}

/**
 * The same API, each method call followed by `supervisor`. Only method calls are supported (the app's
 * workers expose functions only); the result is not thenable, so it can sit in a resolved promise.
 */
export function superviseApi<A extends object>(api: A, supervisor: Supervisor): A {
  return new Proxy(api, {
    get(target, prop) {
      if (typeof prop === 'symbol') return Reflect.get(target, prop) as unknown;
      if (prop === 'then') return undefined;
      const member = Reflect.get(target, prop) as unknown;
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => supervisor.track(Promise.resolve((member as (...a: unknown[]) => unknown)(...args)));
    },
  });
}
