// window.__openbookTest: what the end-to-end tests reach from outside the page. crashWorker('parser')
// makes the running parser worker throw an uncaught exception, as a real crash would. throwIn (set by a
// test before the page loads) names a step card whose content then throws while rendering, to show its
// error boundary. Nothing here is used by the app itself.
import { currentParser } from './workers';

export interface OpenbookTestHooks {
  /** The id of a step card (e.g. 'ask') whose content throws when rendered. */
  throwIn?: string;
  /** Crash the parser worker if one is running; false if none is. */
  crashWorker?: (which: 'parser') => Promise<boolean>;
  /** Points where the app waits until the test releases it (see holdForTest). */
  hold?: string[];
  /** Those waiting, by point. */
  waiting?: Record<string, (() => void)[]>;
  /** Stop holding at `point` and let those waiting there go on. */
  release?: (point: string) => void;
}

declare global {
  interface Window {
    __openbookTest?: OpenbookTestHooks;
  }
}

export function installTestHooks(): void {
  if (typeof window === 'undefined') return;
  const hooks: OpenbookTestHooks = (window.__openbookTest ??= {});
  hooks.crashWorker = async () => {
    const running = currentParser();
    if (!running) return false;
    const client = await running;
    client.crashForTest?.();
    return true;
  };
  hooks.release = (point) => {
    hooks.hold = (hooks.hold ?? []).filter((p) => p !== point);
    for (const resolve of hooks.waiting?.[point] ?? []) resolve();
    if (hooks.waiting) delete hooks.waiting[point];
  };
}

/** Whether a test asked for the step `id` to throw. */
export function stepShouldThrowForTest(id: string): boolean {
  return typeof window !== 'undefined' && window.__openbookTest?.throwIn === id;
}

/** Whether a test asked the app to wait at `point` (see holdForTest). */
export function testHoldRequested(point: string): boolean {
  return typeof window !== 'undefined' && !!window.__openbookTest?.hold?.includes(point);
}

/**
 * Where a test asked the app to wait (window.__openbookTest.hold = ['parse-progress']): resolves when the
 * test calls __openbookTest.release(point). Resolves at once otherwise (always, for the app's users).
 */
export function holdForTest(point: string): Promise<void> {
  const hooks = typeof window === 'undefined' ? undefined : window.__openbookTest;
  if (!hooks?.hold?.includes(point)) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const waiting = (hooks.waiting ??= {});
    (waiting[point] ??= []).push(resolve);
  });
}
