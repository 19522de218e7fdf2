// Ingestion as one pipeline: files are read (parser worker), chunked (chunker worker), keyword-indexed
// (keyword worker) and embedded (embedding worker) at the same time, each document handed on as soon as
// the stage before is done with it, so embedding starts on the first chunks while later files are still
// being read and chunked. Reading, chunking and keyword indexing are the app's own reactions (ingestStore,
// chunkingStore, keywordIndexSync); this flow feeds the embedder from them, in document order, with the
// batches the sequential path makes (core/ingestPipeline.ts), so the vectors are the same. When every
// chunk has its vector, embedAndIndex() builds the vector index from them exactly as after a click on
// "Embed and index" (it finds nothing left to embed). The model is loaded while the first files are read.
// Cancel stops every stage: reading, embedding, and the index is not replaced (the previous one stays,
// or there is none); the documents already read stay, chunked and searchable by keyword, like those
// added before a Cancel of file reading.
// The built-in LSA embedder is fitted to all chunks at once: with it, embedding starts once all are read.
// It has to: its vectors are a projection learnt from the whole corpus (each term's weight comes from how
// many chunks have it, and the projection from every chunk's terms together), so a vector made before the
// last chunk is known would not be the vector of the index; reading, chunking and the keyword index still
// overlap, and the fit starts the moment the last chunk is there.
// Text given as text (a paste, the sample corpus) goes through the same pipeline: addAndIndex().
// Within one file, too: while a lone file (a PDF, a large text) is read, the parser worker chunks it page by
// page or slice by slice with the core's streaming chunker (exactly the chunks the chunking store makes of the
// finished document) and its chunks are embedded at once, before the last page is read (parseStream.ts). When
// the document is there and chunked, its chunks find their texts embedded already. This needs chunk texts
// embedded as they are (no contextual headers or chunk contexts, which name the document) and a chunker that
// streams (recursive, fixed, sentence); otherwise a file is embedded once it is read and chunked, as before.
import type { Chunk } from '@openbook/core/types';
import { streams } from '@openbook/core/chunkers/streaming';
import type { ChunkStreamUpdate } from '../../adapters/parsers/chunkStream';
import { setParseStreamListener } from '../documents/parseStream';
import { PipelineCancelledError, runEmbeddingPipeline } from '@openbook/core/ingestPipeline';
import { isBuiltinLsa } from '../../adapters/embedder/embeddingModels';
import { message } from '../../i18n/message';
import { useDocumentsStore } from '../documents/documentsStore';
import { useIngestStore } from '../documents/ingestStore';
import { endPipeline, initialPipelineState, setStage, usePipelineStore } from '../documents/pipelineStore';
import { allChunks, chunkingKey, useChunkingStore } from '../chunks/chunkingStore';
import { EMBED_BATCH_HOLD, embedsPlainText, isIndexBusy, startStreamingRun, useIndexStore } from '../embedding/indexStore';
import { holdForTest } from '../runtime/testHooks';
import { PROGRESS_BATCH } from '../embedding/resumeStore';
import { addStreamedChunks, dropStreamedChunks, streamedChunkCount, syncKeywordIndex } from '../retrieval/keywordIndexSync';
import { searchableChunks } from '../retrieval/searchableChunks';
import { describeError } from '../runtime/errors';
import { yieldToEventLoop } from '../../adapters/transformers/yieldToEventLoop';
import { throttle } from '../runtime/throttle';

let current: AbortController | null = null;
/** The ingest queue's items of the files the running pipeline was given. */
const runItems = new Set<string>();

/** Give files to the ingest queue (reading), counting their items as this run's. */
function read(files: File[]): Promise<void> {
  const reading = useIngestStore.getState().addFiles(files);
  // addFiles queues the items before its first pause: they are the last ones now.
  for (const item of useIngestStore.getState().items.slice(-files.length)) runItems.add(item.id);
  return reading;
}

/**
 * The chunks of the file being read, before its document exists (from the parser worker, see above): taken
 * by chunkedDocuments when every document before it has been handed on.
 */
class FileStream {
  /** The ingest item of the file being streamed, its name, and whether its last chunks came. */
  itemId: string | null = null;
  name = '';
  ended = false;
  /** Chunks not handed on yet, and how many were handed on. */
  queue: Chunk[] = [];
  handed = 0;
  private readonly listeners = new Set<() => void>();

  take(itemId: string, name: string, update: ChunkStreamUpdate): void {
    if (itemId !== this.itemId) {
      Object.assign(this, { itemId, name, ended: false, queue: [], handed: 0 });
    }
    this.queue.push(...update.chunks);
    this.ended = update.end;
    usePipelineStore.setState({ read: { name, ...update.read } });
    for (const listener of this.listeners) listener();
  }

  /** The document of the streamed file has been handed on whole: its streamed chunks are done with. */
  close(): void {
    Object.assign(this, { itemId: null, name: '', ended: false, queue: [], handed: 0 });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Resolves at the next change of the documents or their chunks (or of the file being streamed), when `also`
 * (if given: a promise still pending) settles, or on abort. Never with a promise already settled: that would
 * resolve at once, again and again, and keep the page busy in microtasks while the chunker's answer waits.
 */
function nextChange(signal: AbortSignal, also: Promise<unknown> | null, stream: FileStream | null): Promise<void> {
  return new Promise((resolve) => {
    const stops = [useDocumentsStore.subscribe(done), useChunkingStore.subscribe(done), ...(stream ? [stream.subscribe(done)] : [])];
    if (signal.aborted) return done();
    signal.addEventListener('abort', done, { once: true });
    void also?.then(done, done);
    function done() {
      for (const stop of stops) stop();
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * Every document's chunks, in document order, each as soon as it is chunked under the current settings;
 * ends when reading is over and every document has been handed on (or on abort). With `stream`, the chunks
 * of the file being read come before its document, once every document before it is handed on (so the
 * order, and the embedding batches, are those of the sequential path).
 */
async function* chunkedDocuments(reading: Promise<unknown>, isReading: () => boolean, signal: AbortSignal, stream: FileStream | null): AsyncGenerator<Chunk[]> {
  const handed = new Set<string>();
  for (;;) {
    if (signal.aborted) return;
    const { chunksByDoc, chunkedWith, options, tokenizer, failure, pending } = useChunkingStore.getState();
    const documents = useDocumentsStore.getState().documents;
    setDocumentsCount(handed.size, documents.length);
    const next = documents.find((d) => !handed.has(d.id));
    if (next && chunkedWith.get(next.id) === chunkingKey(options, tokenizer)) {
      handed.add(next.id);
      const chunks = chunksByDoc.get(next.id) ?? [];
      // The streamed file's document: its chunks were counted (and embedded) as they came.
      const own = !!stream?.ended && stream.name === next.name;
      const counted = own ? stream.handed : 0;
      if (own) stream.close();
      usePipelineStore.setState((s) => ({ documents: { done: handed.size, total: documents.length }, chunks: s.chunks + chunks.length - counted }));
      yield chunks;
      continue;
    }
    if (!next && stream && stream.queue.length > 0) {
      const chunks = stream.queue;
      stream.queue = [];
      stream.handed += chunks.length;
      usePipelineStore.setState((s) => ({ chunks: s.chunks + chunks.length }));
      yield chunks;
      continue;
    }
    if (next && failure && pending === 0) throw new Error(failure);
    if (!next && !isReading()) return;
    await nextChange(signal, isReading() ? reading : null, stream);
  }
}

/** The chunking stage's document counts, when they changed (each change re-renders the display). */
function setDocumentsCount(done: number, total: number): void {
  const now = usePipelineStore.getState().documents;
  if (now.done !== done || now.total !== total) usePipelineStore.setState({ documents: { done, total } });
}

/** Keep the keyword stage's count up to date after the keyword index caught up with the chunks. */
function followKeywords(): Promise<void> {
  return syncKeywordIndex().then(
    () => usePipelineStore.setState({ keywordChunks: searchableChunks().size + streamedChunkCount() }),
    () => undefined, // a failure shows when a search awaits the index
  );
}

/** Is the pipeline running (files dropped now join it)? */
export const isPipelineRunning = () => current !== null;

/**
 * Read these files and make them searchable, every stage overlapping the next (see above). Files given
 * while a pipeline runs join it.
 */
export function ingestAndIndex(files: File[]): Promise<void> {
  return runPipeline(files.length, () => read(files), true);
}

/**
 * Documents given as text (pasted, the sample corpus): `add` adds `count` of them at once (false: none,
 * e.g. an empty paste, which says why itself); then they go through the same pipeline as files (chunked,
 * keyword-indexed, embedded, indexed), or join the one running. Returns what `add` returned.
 */
export function addAndIndex(count: number, add: () => boolean): boolean {
  if (current) {
    const added = add();
    if (added) usePipelineStore.setState((s) => ({ files: { done: s.files.done + count, total: s.files.total + count } }));
    return added;
  }
  if (!add()) return false;
  void runPipeline(count, async () => undefined, false);
  return true;
}

async function runPipeline(count: number, readAll: () => Promise<void>, fromFiles: boolean): Promise<void> {
  if (current) {
    usePipelineStore.setState((s) => ({ files: { ...s.files, total: s.files.total + count } }));
    await readAll();
    return;
  }
  const controller = new AbortController();
  const { signal } = controller;
  current = controller;
  const startedAt = performance.now();
  performance.mark('openbook:pipeline-start');
  usePipelineStore.setState({ ...initialPipelineState(), status: 'running', files: { done: 0, total: count } });
  setStage('reading', 'working');
  setStage('chunking', 'working');
  setStage('keywords', 'working');

  // Within a file: its chunks as the parser reads it (see above), when they can be embedded as they are: a
  // model from step 3 (not the built-in embedder), chunk texts embedded as they are, a chunker that streams.
  // Heard from the start, so that a file read while the model loads is streamed too.
  const model = useIndexStore.getState().models.find((m) => m.id === useIndexStore.getState().modelId);
  const builtin = !model || isBuiltinLsa(model);
  const busy = isIndexBusy(useIndexStore.getState().phase);
  const settings = useChunkingStore.getState().options;
  const stream = fromFiles && !builtin && !busy && embedsPlainText() && streams(settings) ? new FileStream() : null;
  // The streamed chunks are keyword-indexed as they come, a page or slice at a time, in the keyword worker
  // (keywordIndexSync.ts: they carry their document's ids, so its document is not indexed again).
  const keywordAdds: Promise<unknown>[] = [];
  if (stream)
    setParseStreamListener({
      settings,
      onChunks: (itemId, name, update) => {
        // Another file streamed now: the one before never became a document (it failed), or is one already
        // (its chunks were taken over by the sync queued when it was added, before this).
        if (stream.itemId !== null && itemId !== stream.itemId) keywordAdds.push(dropStreamedChunks());
        stream.take(itemId, name, update);
        if (update.chunks.length === 0) return;
        const adding = addStreamedChunks(update.chunks, name).then(
          (held) => {
            if (!signal.aborted) usePipelineStore.setState({ keywordChunks: searchableChunks().size + held });
          },
          () => undefined, // a failure shows when a search awaits the index
        );
        keywordAdds.push(adding);
      },
    });

  // Reading: the ingest queue (one status per file). Its items for these files are the last ones now.
  runItems.clear();
  let readingOver = false;
  const reading = readAll().finally(() => {
    readingOver = true;
  });
  const stopFollowingFiles = fromFiles
    ? useIngestStore.subscribe((s) => {
        const done = s.items.filter((i) => runItems.has(i.id) && i.status !== 'queued' && i.status !== 'parsing').length;
        if (done !== usePipelineStore.getState().files.done) usePipelineStore.setState((p) => ({ files: { done, total: p.files.total } }));
      })
    : () => undefined;
  void reading.then(() => {
    stopFollowingFiles();
    const { files: f } = usePipelineStore.getState();
    usePipelineStore.setState({ files: { done: f.total, total: f.total } });
    if (usePipelineStore.getState().stages.reading === 'working') setStage('reading', 'done');
  });

  try {
    let streamed: { embedded: number; ms: number } | undefined;
    // The model loads while the first files are read and chunked.
    const run = builtin || busy ? null : await startStreamingRun();
    if (signal.aborted) return;
    if (!builtin && !run) {
      // Another run holds the embedder, or the model could not be loaded (step 3 says why), or its load was cancelled.
      const { error } = useIndexStore.getState();
      if (busy) endPipeline('failed', { error: message('ingestPipeline.busy') });
      else if (error) endPipeline('failed', { error });
      else endPipeline('cancelled');
      return;
    }
    if (run) {
      setStage('embedding', 'working');
      const embedStart = performance.now();
      const keywordUpdates: Promise<void>[] = [];
      let documentsSeen = 0;
      let batchesStarted = 0;
      // The counts a few times a second (each one re-renders the display); the stages at once.
      const showEmbedded = throttle((embedded: { done: number; total: number; final: boolean }) => usePipelineStore.setState({ embedded }));
      try {
        const result = await runEmbeddingPipeline({
          documents: chunkedDocuments(reading, () => !readingOver, signal, run.plainText ? stream : null),
          embed: async (texts) => {
            // An end-to-end test may hold the run between two batches (as embedAndIndex's), the first one's
            // progress shown; never for a user.
            if (batchesStarted++ > 0) await holdForTest(EMBED_BATCH_HOLD);
            if (signal.aborted) throw new PipelineCancelledError();
            const vectors = await run.embed(texts);
            if (!run.stillCurrent()) controller.abort(); // cancelled from the embedding step
            return vectors;
          },
          // Streamed chunks have no document yet; their texts are embedded as they are (run.plainText).
          textOf: stream && run.plainText ? (c) => c.text : run.textOf,
          has: run.has,
          store: run.store,
          batchSize: PROGRESS_BATCH,
          // A large document's thousands of chunks a slice at a time, the page free between slices.
          sliceSize: 512,
          pause: yieldToEventLoop,
          signal,
          onProgress: (p) => {
            showEmbedded({ done: p.embedded, total: p.toEmbed, final: p.allArrived });
            run.progress(p.embedded, p.toEmbed);
            if (p.allArrived) setStage('chunking', 'done');
            if (p.documents !== documentsSeen) {
              documentsSeen = p.documents;
              keywordUpdates.push(followKeywords());
            }
          },
        });
        streamed = { embedded: result.embedded, ms: performance.now() - embedStart };
      } catch (error) {
        if (signal.aborted || !run.stillCurrent() || error instanceof PipelineCancelledError) throw new PipelineCancelledError();
        run.fail(error);
        throw error;
      } finally {
        if (stream) setParseStreamListener(null);
        showEmbedded.flush();
      }
      run.finish();
      await Promise.all(keywordUpdates);
    } else {
      // The built-in embedder: fitted to every chunk at once, once all are read.
      await reading;
      if (signal.aborted) return;
      setStage('embedding', 'working');
    }
    await followKeywords();
    setStage('keywords', 'done');
    setStage('chunking', 'done');
    // Everything has its vector (unless chunks changed meanwhile, e.g. new settings: those are embedded now;
    // the built-in embedder is fitted and embeds now): the embedding stage ends when the index is being built.
    await allChunks();
    if (signal.aborted) return;
    const stopFollowingIndex = useIndexStore.subscribe((s) => {
      if (s.phase === 'indexing' && usePipelineStore.getState().stages.indexing === 'waiting') {
        setStage('embedding', 'done');
        setStage('indexing', 'working');
      }
    });
    try {
      await useIndexStore.getState().embedAndIndex(streamed);
    } finally {
      stopFollowingIndex();
    }
    const after = useIndexStore.getState();
    if (signal.aborted) return;
    if (after.phase !== 'ready') {
      endPipeline(after.error ? 'failed' : 'cancelled', { error: after.error });
      return;
    }
    setStage('embedding', 'done');
    setStage('indexing', 'done');
    performance.mark('openbook:pipeline-searchable');
    endPipeline('done', { ms: performance.now() - startedAt });
  } catch (error) {
    if (signal.aborted || error instanceof PipelineCancelledError) return;
    endPipeline('failed', { error: message('ingestPipeline.failed', { detail: describeError(error) }) });
  } finally {
    if (stream) {
      setParseStreamListener(null);
      // A stream cancelled, or a file that failed half-read: its chunks leave the keyword index (those its
      // document took over are not streamed chunks any more).
      void Promise.all(keywordAdds).then(() => dropStreamedChunks());
    }
    stopFollowingFiles();
    if (current === controller) current = null;
    if (signal.aborted) endPipeline('cancelled');
  }
}

/** Stop every stage: reading, embedding; the index is left as it was. */
export function cancelIngestPipeline(): void {
  const controller = current;
  // Building the index is not cancellable (see indexStore.cancel): it takes a moment, and then it is done.
  if (!controller || usePipelineStore.getState().stages.indexing === 'working') return;
  controller.abort();
  useIngestStore.getState().cancel();
  useIndexStore.getState().cancel();
}
