// The keyword (BM25) index follows the vector index: whatever chunks the index store says are indexed
// (indexStore.indexedChunks), the keyword worker holds the same. A new map after a build or a restore
// rebuilds it; a map that only lost chunks (a document removed) removes them; an empty map (reset,
// clear) clears it. startKeywordIndexSync() makes this happen as soon as the index changes;
// syncKeywordIndex() is what a search awaits, so it never searches a keyword index that lags behind.
// A large build is tokenised on several cores (keywordIndexBuild.ts).
import type { Chunk } from '../core/types';
import { useIndexStore } from './indexStore';
import { buildKeywordIndex } from './keywordIndexBuild';
import { getKeywordIndex } from './workers';

/** The chunk map the keyword worker holds now (null: unknown, e.g. after a failure). */
let synced: Map<string, Chunk> | null = null;
/** Sync operations run one after another. */
let queue: Promise<unknown> = Promise.resolve();

/** Did `next` only lose chunks compared with `prev` (same chunk objects otherwise)? */
function onlyRemoved(prev: Map<string, Chunk>, next: Map<string, Chunk>): boolean {
  if (next.size > prev.size) return false;
  for (const [id, chunk] of next) if (prev.get(id) !== chunk) return false;
  return true;
}

async function syncTo(target: Map<string, Chunk>): Promise<void> {
  if (target === synced) return;
  const { api } = await getKeywordIndex();
  const prev = synced;
  synced = null; // until this step has succeeded
  if (target.size === 0) {
    await api.clear();
  } else if (prev && onlyRemoved(prev, target)) {
    const gone: string[] = [];
    for (const id of prev.keys()) if (!target.has(id)) gone.push(id);
    await api.remove(gone);
  } else {
    const t0 = performance.now();
    await buildKeywordIndex(
      api,
      [...target.values()].map((c) => ({ id: c.id, text: c.text })),
    );
    // For scripts/bench-browser.ts.
    performance.measure('openbook:keyword-build', { start: t0, end: performance.now(), detail: { chunks: target.size } });
  }
  synced = target;
}

/** Bring the keyword index in step with these chunks (by default, the index store's); resolves when it is. */
export function syncKeywordIndex(target: Map<string, Chunk> = useIndexStore.getState().indexedChunks): Promise<void> {
  const run = queue.then(() => syncTo(target));
  queue = run.catch(() => undefined);
  return run;
}

let started = false;

/** Keep the keyword index in step with the vector index from now on (called once, at start-up). */
export function startKeywordIndexSync(): void {
  if (started) return;
  started = true;
  const follow = (chunks: Map<string, Chunk>) => {
    // A failure here shows up when a search awaits the sync; nothing to report now.
    syncKeywordIndex(chunks).catch(() => undefined);
  };
  useIndexStore.subscribe((state, prev) => {
    if (state.indexedChunks !== prev.indexedChunks) follow(state.indexedChunks);
  });
  if (useIndexStore.getState().indexedChunks.size > 0) follow(useIndexStore.getState().indexedChunks);
}
