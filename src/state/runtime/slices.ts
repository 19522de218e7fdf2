// A long pass of the page over many items, a slice per task (the page's event loop runs between slices:
// input, rendering, worker messages), so that 100k chunks never make one long task.
import { yieldToEventLoop } from '../../adapters/transformers/yieldToEventLoop';

/** Call `each` on every item in order, `size` items per task. */
export async function forEachInSlices<T>(items: readonly T[], size: number, each: (item: T, index: number) => void): Promise<void> {
  for (let at = 0; at < items.length; at += size) {
    if (at > 0) await yieldToEventLoop();
    const end = Math.min(items.length, at + size);
    for (let i = at; i < end; i++) each(items[i]!, i);
  }
}
