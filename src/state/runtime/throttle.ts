// Progress shown a few times a second, not at every report. An embedder reports each of its small batches
// (~70 a second with a small model): each report re-rendered the page, wrote the store's settings to
// localStorage and had the browser lay out and paint the page again, a quarter of a core of the page's
// time while a 5 MB document was embedded, and each one a task that a busy machine could stretch past 50 ms.

/** How often progress is shown at most (ms). */
export const PROGRESS_MS = 100;

export interface Throttled<A extends unknown[]> {
  (...args: A): void;
  /** Show the report still waiting, now. */
  flush(): void;
  /** Forget the report still waiting. */
  cancel(): void;
}

/**
 * `show` at most once every `ms`: the first report at once, then the latest of those that came meanwhile,
 * `ms` after the one shown before (no report is lost at the end: the last one is always shown, unless cancelled).
 */
export function throttle<A extends unknown[]>(show: (...args: A) => void, ms = PROGRESS_MS): Throttled<A> {
  let last = Number.NEGATIVE_INFINITY;
  let waiting: A | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    if (!waiting) return;
    const args = waiting;
    waiting = null;
    last = performance.now();
    show(...args);
  };
  const report = (...args: A) => {
    waiting = args;
    if (timer) return;
    const wait = last + ms - performance.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return Object.assign(report, {
    flush() {
      stop();
      run();
    },
    cancel() {
      stop();
      waiting = null;
    },
  });
}
