// The keyword (BM25) index follows the searchable chunks (searchableChunks.ts): the vector index's chunks
// once there is one, and before that the chunks the documents are cut into, so keyword search works with
// no embedding model at all. A new map rebuilds it (unless it holds the same chunks with the same texts, as
// when the first embedding indexes exactly the chunks already searchable); a map that only lost chunks (a
// document removed) removes them; an empty map (reset, clear) clears it. startKeywordIndexSync() makes this
// happen as soon as the chunks change; syncKeywordIndex() is what a search awaits, so it never searches a
// keyword index that lags behind.
// A large build is tokenised on several cores (keywordIndexBuild.ts), and saved: the next visit loads it
// instead of building when the chunks and options are the same; emptied chunks delete the saved copy.
// While a saved workspace is restored (a reload, an import), the keyword index waits for it (restoreSettled).
// What is indexed follows the last search's keyword options (KeywordTextOptions): stop words and stemming
// (the worker's analysis), and contextual headers (each chunk indexed with its document title and heading
// path: core/retrieval/contextualHeader.ts), and the chat model's chunk contexts when they are used
// (chunkContextStore.ts). Other options than the index was built with rebuild it.
// A file streamed as it is read (flows/ingestPipeline.ts) has its chunks added as they come, before its
// document exists (addStreamedChunks): they carry the ids the document's chunks will have, so when the
// document is chunked its chunks are found in the index already (same id, same indexed text) and are not
// indexed again. A stream that is cancelled or fails takes its chunks out (dropStreamedChunks).
import type { Chunk } from '@openbook/core/types';
import { DEFAULT_KEYWORD_ANALYSIS, DEFAULT_KEYWORD_HEADERS, sameKeywordAnalysis, type KeywordAnalysis } from '@openbook/core/retrieval/keywordSettings';
import { indexedText } from '@openbook/core/retrieval/contextualHeader';
import { buildKeywordIndex, PARALLEL_MIN_CHARS, type KeywordBuildOutcome } from './keywordIndexBuild';
import { searchableChunks, subscribeSearchableChunks } from './searchableChunks';
import { useDocumentsStore } from '../documents/documentsStore';
import { useIndexStore } from '../embedding/indexStore';
import { useChunkingStore } from '../chunks/chunkingStore';
import { useWorkspaceStore } from '../workspace/workspaceStore';
import { getKeywordIndex } from '../runtime/workers';
import { yieldToEventLoop } from '../../adapters/transformers/yieldToEventLoop';
import { contextOf, type ChunkContexts } from '../chunks/chunkContextStore';

/** How chunks are turned into keyword-index text and tokens. */
export interface KeywordTextOptions {
  analysis: KeywordAnalysis;
  contextualHeaders: boolean;
  /** The chat model's chunk contexts in use (absent or null: none). */
  contexts?: ChunkContexts | null;
}

export const DEFAULT_KEYWORD_TEXT_OPTIONS: KeywordTextOptions = { analysis: DEFAULT_KEYWORD_ANALYSIS, contextualHeaders: DEFAULT_KEYWORD_HEADERS };

const sameOptions = (a: KeywordTextOptions, b: KeywordTextOptions) =>
  a.contextualHeaders === b.contextualHeaders && sameKeywordAnalysis(a.analysis, b.analysis) && (a.contexts?.set ?? null) === (b.contexts?.set ?? null);

/** The chunk map the keyword worker holds now (null: unknown, e.g. after a failure). */
let synced: Map<string, Chunk> | null = null;
/** The options it was built with. */
let syncedOptions: KeywordTextOptions | null = null;
/** The options the next sync uses (the last search's). */
let wanted: KeywordTextOptions = DEFAULT_KEYWORD_TEXT_OPTIONS;

/** The text a chunk is keyword-indexed with under these options (its document's name is its title). */
export function keywordDocsOf(chunks: Iterable<Chunk>, contextualHeaders: boolean, contexts: ChunkContexts | null = null): { id: string; text: string }[] {
  const titles = contextualHeaders || contexts ? new Map(useDocumentsStore.getState().documents.map((d) => [d.id, d.name])) : null;
  const docs: { id: string; text: string }[] = [];
  for (const c of chunks) {
    const title = titles?.get(c.docId) ?? '';
    docs.push({ id: c.id, text: titles ? indexedText(c, title, contextualHeaders, contextOf(contexts, c, title)) : c.text });
  }
  return docs;
}
/**
 * Chunks of a file being streamed that the keyword worker holds beyond `synced` (by id), with the title
 * they were indexed under (the file's name, its document's name to be).
 */
const streamed = new Map<string, { chunk: Chunk; title: string }>();

/** The text a streamed chunk is indexed with under these options (null: not while contexts are used). */
function streamedText(chunk: Chunk, title: string, options: KeywordTextOptions): string | null {
  if (options.contexts) return null; // written per document chunk by the chat model: indexed with the document
  return options.contextualHeaders ? indexedText(chunk, title, true) : chunk.text;
}

/** How many streamed chunks the keyword index holds now (not yet a document's). */
export const streamedChunkCount = (): number => streamed.size;

/** How many chunks keywordDocsInSlices() turns into keyword docs per task (100k at once took ~70 ms of the page). */
const DOCS_SLICE = 10_000;

/** keywordDocsOf(), a slice of the chunks per task, so that a large build's texts never stall the page. */
async function keywordDocsInSlices(
  chunks: Map<string, Chunk>,
  contextualHeaders: boolean,
  contexts: ChunkContexts | null,
): Promise<{ id: string; text: string }[]> {
  if (chunks.size <= DOCS_SLICE) return keywordDocsOf(chunks.values(), contextualHeaders, contexts);
  const all = [...chunks.values()];
  const docs: { id: string; text: string }[] = [];
  for (let at = 0; at < all.length; at += DOCS_SLICE) {
    if (at > 0) await yieldToEventLoop();
    for (const doc of keywordDocsOf(all.slice(at, at + DOCS_SLICE), contextualHeaders, contexts)) docs.push(doc);
  }
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

/** How many streamed chunks adoptStreamed() compares per task (a 5 MB file streams ~15k). */
const ADOPT_SLICE = 4_000;

const samePath = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));

/**
 * Is a streamed chunk indexed with the text that the target's chunk `c` (of the document titled `title`)
 * would be? Said without making either text where it can (the same text, title and heading path): making
 * 15k texts twice took ~30 ms of the page in one task.
 */
function indexedAlike(s: { chunk: Chunk; title: string }, c: Chunk, title: string, options: KeywordTextOptions): boolean {
  if (options.contexts || s.chunk.text !== c.text) return false;
  if (!options.contextualHeaders || (s.title === title && samePath(s.chunk.meta?.headingPath, c.meta?.headingPath))) return true;
  return streamedText(s.chunk, s.title, options) === streamedText(c, title, options);
}

/**
 * The streamed chunks that `target` holds: those indexed exactly as the target's chunk would be (same id, same
 * indexed text) are adopted (`synced` with them stands for what the worker holds); the others (`stale`) must
 * come out before the target's are added. A slice of them per task.
 */
async function adoptStreamed(
  target: Map<string, Chunk>,
  options: KeywordTextOptions,
): Promise<{ prev: Map<string, Chunk> | null; adopted: string[]; stale: string[] }> {
  const adopted: string[] = [];
  const stale: string[] = [];
  if (streamed.size === 0 || !synced) return { prev: synced, adopted, stale };
  let prev: Map<string, Chunk> | null = null;
  const titles = new Map(useDocumentsStore.getState().documents.map((d) => [d.id, d.name]));
  let seen = 0;
  for (const [id, s] of streamed) {
    if (++seen % ADOPT_SLICE === 0) await yieldToEventLoop();
    const c = target.get(id);
    if (!c) continue;
    if (!synced.has(id) && indexedAlike(s, c, titles.get(c.docId) ?? '', options)) {
      prev ??= new Map(synced);
      prev.set(id, c);
      adopted.push(id);
    } else stale.push(id);
  }
  return { prev: prev ?? synced, adopted, stale };
}

async function syncTo(target: Map<string, Chunk>): Promise<void> {
  const options = wanted;
  const sameOpts = syncedOptions !== null && sameOptions(syncedOptions, options);
  if (target === synced && sameOpts) return;
  const own = sameOpts ? await adoptStreamed(target, options) : { prev: synced, adopted: [], stale: [] };
  const settle = () => {
    if (own.adopted.length === streamed.size) streamed.clear();
    else for (const id of own.adopted) streamed.delete(id);
  };
  if (own.prev && sameOpts && own.stale.length === 0 && sameChunks(own.prev, target)) {
    settle();
    synced = target;
    return;
  }
  const { api } = await getKeywordIndex();
  if (own.stale.length > 0) {
    await api.remove(own.stale);
    for (const id of own.stale) streamed.delete(id);
  }
  settle();
  const prev = sameOpts ? own.prev : null; // other options: rebuilt below
  const hadChunks = synced !== null && synced.size > 0;
  synced = null; // until this step has succeeded
  syncedOptions = null;
  let emptied = true; // the worker was cleared or rebuilt (unless set below)
  if (target.size === 0) {
    await api.setAnalysis(options.analysis);
    await api.clear();
    if (hadChunks) await api.forgetSaved(); // the chunks it was made from are gone (not: none restored yet)
  } else if (prev && onlyRemoved(prev, target)) {
    const gone: string[] = [];
    for (const id of prev.keys()) if (!target.has(id)) gone.push(id);
    await api.remove(gone);
    emptied = false;
  } else if (prev && onlyAdded(prev, target) && addedChars(prev, target) < PARALLEL_MIN_CHARS) {
    // A few chunks more (a small document chunked): added in the keyword worker. Large additions are
    // rebuilt below, tokenised on several cores.
    const added: Chunk[] = [];
    for (const [id, c] of target) if (!prev.has(id)) added.push(c);
    await api.add(keywordDocsOf(added, options.contextualHeaders, options.contexts ?? null));
    emptied = false;
  } else {
    const t0 = performance.now();
    let outcome: KeywordBuildOutcome | null = null;
    const docs = await keywordDocsInSlices(target, options.contextualHeaders, options.contexts ?? null);
    await buildKeywordIndex(api, docs, options.analysis, {
      onOutcome: (o) => (outcome = o),
    });
    // For scripts/bench-browser.ts and e2e/keyword-saved.spec.ts: restored (loaded from the saved copy), else why not.
    const detail = { chunks: target.size, restored: (outcome as KeywordBuildOutcome | null)?.restored === true, outcome };
    performance.measure('openbook:keyword-build', { start: t0, end: performance.now(), detail });
  }
  if (emptied && streamed.size > 0) await readdStreamed(api, target, options);
  synced = target;
  syncedOptions = options;
}

type KeywordApi = Awaited<ReturnType<typeof getKeywordIndex>>['api'];

/** After the index was emptied or rebuilt: the streamed chunks it held go back in (or are forgotten under options they cannot have). */
async function readdStreamed(api: KeywordApi, target: Map<string, Chunk>, options: KeywordTextOptions): Promise<void> {
  const docs: { id: string; text: string }[] = [];
  for (const [id, s] of streamed) {
    if (target.has(id)) {
      streamed.delete(id); // its document's chunk was indexed with the others
      continue;
    }
    const text = streamedText(s.chunk, s.title, options);
    if (text === null) {
      streamed.clear();
      return;
    }
    docs.push({ id, text });
  }
  await api.add(docs);
}

/**
 * Add these chunks of a file being read (`title`: its name, its document's to be) to the keyword index now,
 * before its document exists; resolves with how many streamed chunks it holds then. Nothing is added while
 * the chat model's chunk contexts are used (the document's chunks are indexed when it is there).
 */
export function addStreamedChunks(chunks: readonly Chunk[], title: string): Promise<number> {
  const run = queue.then(async () => {
    // The index first in step with the chunks there are (e.g. none yet: the first file of the workspace).
    if (!synced || !syncedOptions) {
      await restoreSettled();
      await syncTo(searchableChunks());
    }
    const options = syncedOptions ?? wanted;
    const docs: { id: string; text: string }[] = [];
    for (const c of chunks) {
      const text = streamedText(c, title, options);
      if (text === null || synced?.has(c.id)) continue;
      docs.push({ id: c.id, text });
    }
    if (docs.length === 0) return streamed.size;
    const { api } = await getKeywordIndex();
    // Marked first: if the add fails half-way, a later drop still takes out what went in.
    for (const c of chunks) if (!synced?.has(c.id)) streamed.set(c.id, { chunk: c, title });
    await api.add(docs);
    return streamed.size;
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Take the streamed chunks that no document took over out of the keyword index (a stream cancelled or failed). */
export function dropStreamedChunks(): Promise<void> {
  const run = queue.then(async () => {
    if (streamed.size === 0) return;
    const ids = [...streamed.keys()];
    streamed.clear();
    const { api } = await getKeywordIndex();
    await api.remove(ids);
  });
  queue = run.catch(() => undefined);
  return run;
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

/** Set once the saved workspace's documents have been restored and chunked (after the page opened). */
let restoredOnce = false;

/** Are the saved documents back (or is there no storage), and every document chunked (or chunking failed)? */
function restoredAndChunked(): boolean {
  if (useWorkspaceStore.getState().status === 'restoring') return false;
  const { pending, failure, chunksByDoc } = useChunkingStore.getState();
  if (pending > 0) return false;
  return failure !== null || useDocumentsStore.getState().documents.every((d) => chunksByDoc.has(d.id));
}

/**
 * Resolves once no saved workspace is being restored: while the saved documents are read and chunked (once,
 * after the page opens) and while a saved vector index is rebuilt (a reload, an import), the keyword index
 * waits. It is then built (or loaded from its saved copy) once, for the chunks finally searchable, not for
 * each partial set on the way, and does not take the cores the vector index is being rebuilt on. A keyword
 * question asked meanwhile waits for it.
 */
function restoreSettled(): Promise<void> {
  const restoring = () => useIndexStore.getState().indexing?.restoring === true || (!restoredOnce && !restoredAndChunked());
  if (!restoring()) {
    restoredOnce = true;
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const check = () => {
      if (restoring()) return;
      restoredOnce = true;
      stops.forEach((stop) => stop());
      resolve();
    };
    const stops = [useIndexStore.subscribe(check), useWorkspaceStore.subscribe(check), useChunkingStore.subscribe(check), useDocumentsStore.subscribe(check)];
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
      await restoreSettled();
      // Not in the task that changed the chunks (which also redraws the page for them): a task of its own.
      await yieldToEventLoop();
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
