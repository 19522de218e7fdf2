// The keyword (BM25) index follows the searchable chunks (searchableChunks.ts): the vector index's chunks
// once there is one, and before that the chunks the documents are cut into, so keyword search works with
// no embedding model at all. A new map rebuilds it (unless it holds the same chunks with the same texts, as
// when the first embedding indexes exactly the chunks already searchable); a map that only lost chunks (a
// document removed) removes them; an empty map (reset, clear) clears it. startKeywordIndexSync() makes this
// happen as soon as the chunks change; syncKeywordIndex() is what a search awaits, so it never searches a
// keyword index that lags behind.
// A large build is tokenised on several cores (keywordIndexBuild.ts), and saved: the next visit loads it
// instead of building when the chunks and options are the same; emptied chunks delete the saved copy.
// While a saved vector index is restored (a reload), the keyword index waits for it (indexRestoreSettled).
// What is indexed follows the last search's keyword options (KeywordTextOptions): stop words and stemming
// (the worker's analysis), and contextual headers (each chunk indexed with its document title and heading
// path: core/retrieval/contextualHeader.ts). Other options than the index was built with rebuild it.
import type { Chunk } from '../../core/types';
import { DEFAULT_KEYWORD_ANALYSIS, DEFAULT_KEYWORD_HEADERS, sameKeywordAnalysis, type KeywordAnalysis } from '../../core/retrieval/keywordSettings';
import { indexedText } from '../../core/retrieval/contextualHeader';
import { buildKeywordIndex, PARALLEL_MIN_CHARS } from './keywordIndexBuild';
import { searchableChunks, subscribeSearchableChunks } from './searchableChunks';
import { useDocumentsStore } from '../documents/documentsStore';
import { useIndexStore } from '../embedding/indexStore';
import { getKeywordIndex } from '../runtime/workers';

/** How chunks are turned into keyword-index text and tokens. */
export interface KeywordTextOptions {
  analysis: KeywordAnalysis;
  contextualHeaders: boolean;
}

export const DEFAULT_KEYWORD_TEXT_OPTIONS: KeywordTextOptions = { analysis: DEFAULT_KEYWORD_ANALYSIS, contextualHeaders: DEFAULT_KEYWORD_HEADERS };

const sameOptions = (a: KeywordTextOptions, b: KeywordTextOptions) =>
  a.contextualHeaders === b.contextualHeaders && sameKeywordAnalysis(a.analysis, b.analysis);

/** The chunk map the keyword worker holds now (null: unknown, e.g. after a failure). */
let synced: Map<string, Chunk> | null = null;
/** The options it was built with. */
let syncedOptions: KeywordTextOptions | null = null;
/** The options the next sync uses (the last search's). */
let wanted: KeywordTextOptions = DEFAULT_KEYWORD_TEXT_OPTIONS;

/** The text a chunk is keyword-indexed with under these options (its document's name is its title). */
export function keywordDocsOf(chunks: Iterable<Chunk>, contextualHeaders: boolean): { id: string; text: string }[] {
  const titles = contextualHeaders ? new Map(useDocumentsStore.getState().documents.map((d) => [d.id, d.name])) : null;
  const docs: { id: string; text: string }[] = [];
  for (const c of chunks) docs.push({ id: c.id, text: titles ? indexedText(c, titles.get(c.docId) ?? '', true) : c.text });
  return docs;
}
/** Sync operations run one after another. */
let queue: Promise<unknown> = Promise.resolve();

/** Did `next` only lose chunks compared with `prev` (same chunk objects otherwise)? */
function onlyRemoved(prev: Map<string, Chunk>, next: Map<string, Chunk>): boolean {
  if (next.size > prev.size) return false;
  for (const [id, chunk] of next) if (prev.get(id) !== chunk) return false;
  return true;
}

/** Did `next` only gain chunks compared with `prev` (a document chunked, the ones before unchanged)? */
function onlyAdded(prev: Map<string, Chunk>, next: Map<string, Chunk>): boolean {
  if (next.size <= prev.size) return false;
  for (const [id, chunk] of prev) if (next.get(id) !== chunk) return false;
  return true;
}

/** The length of the texts `next` has and `prev` has not. */
function addedChars(prev: Map<string, Chunk>, next: Map<string, Chunk>): number {
  let n = 0;
  for (const [id, c] of next) if (!prev.has(id)) n += c.text.length;
  return n;
}

/** The same chunk ids with the same texts (e.g. the chunks just embedded were the ones already searchable)? */
function sameChunks(prev: Map<string, Chunk>, next: Map<string, Chunk>): boolean {
  if (next.size !== prev.size) return false;
  for (const [id, chunk] of next) if (prev.get(id)?.text !== chunk.text) return false;
  return true;
}

async function syncTo(target: Map<string, Chunk>): Promise<void> {
  const options = wanted;
  const sameOpts = syncedOptions !== null && sameOptions(syncedOptions, options);
  if (target === synced && sameOpts) return;
  if (synced && sameOpts && sameChunks(synced, target)) {
    synced = target;
    return;
  }
  const { api } = await getKeywordIndex();
  const prev = sameOpts ? synced : null; // other options: rebuilt below
  synced = null; // until this step has succeeded
  syncedOptions = null;
  if (target.size === 0) {
    await api.setAnalysis(options.analysis);
    await api.clear();
    await api.forgetSaved(); // the chunks it was made from are gone
  } else if (prev && onlyRemoved(prev, target)) {
    const gone: string[] = [];
    for (const id of prev.keys()) if (!target.has(id)) gone.push(id);
    await api.remove(gone);
  } else if (prev && onlyAdded(prev, target) && addedChars(prev, target) < PARALLEL_MIN_CHARS) {
    // A few chunks more (a small document chunked): added in the keyword worker. Large additions are
    // rebuilt below, tokenised on several cores.
    const added: Chunk[] = [];
    for (const [id, c] of target) if (!prev.has(id)) added.push(c);
    await api.add(keywordDocsOf(added, options.contextualHeaders));
  } else {
    const t0 = performance.now();
    let restored = false;
    await buildKeywordIndex(api, keywordDocsOf(target.values(), options.contextualHeaders), options.analysis, {
      onOutcome: (outcome) => (restored = outcome.restored),
    });
    // For scripts/bench-browser.ts.
    performance.measure('openbook:keyword-build', { start: t0, end: performance.now(), detail: { chunks: target.size, restored } });
  }
  synced = target;
  syncedOptions = options;
}

/**
 * Bring the keyword index in step with these chunks (by default, the searchable ones) under these options
 * (by default, the last ones asked for); resolves when it is.
 */
export function syncKeywordIndex(target: Map<string, Chunk> = searchableChunks(), options?: KeywordTextOptions): Promise<void> {
  const run = queue.then(() => {
    if (options) wanted = options;
    return syncTo(target);
  });
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Resolves once no saved vector index is being restored. While one is (a reload), the keyword index waits:
 * it is then built (or loaded) once, for the chunks the restored index holds, and does not take the cores
 * the vector index is being rebuilt on. A keyword question asked meanwhile waits for it.
 */
function indexRestoreSettled(): Promise<void> {
  const restoring = () => useIndexStore.getState().indexing?.restoring === true;
  if (!restoring()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = useIndexStore.subscribe(() => {
      if (restoring()) return;
      stop();
      resolve();
    });
  });
}

let started = false;

/** Keep the keyword index in step with the searchable chunks from now on (called once, at start-up). */
export function startKeywordIndexSync(): void {
  if (started) return;
  started = true;
  // Changes that come while a sync waits are coalesced: the queued step syncs to the latest chunks (while
  // a drop of many files is chunked, the index catches up once per step, not once per document).
  let latest: Map<string, Chunk> | null = null;
  const follow = (chunks: Map<string, Chunk>) => {
    const queued = latest !== null;
    latest = chunks;
    if (queued) return;
    const run = queue.then(async () => {
      await indexRestoreSettled();
      const target = latest!;
      latest = null;
      return syncTo(target);
    });
    // A failure here shows up when a search awaits the sync; nothing to report now.
    queue = run.catch(() => undefined);
  };
  subscribeSearchableChunks(follow);
  if (searchableChunks().size > 0) follow(searchableChunks());
}
