// The ingestion queue: files dropped or picked are read, hashed and parsed, each with its own status
// (queued, parsing, added, already there, failed with its reason, cancelled), so one bad file never stops
// the others. Parsing runs in the parser worker; cancelling stops it at once. Files go in batches (up to
// BATCH_FILES files or BATCH_BYTES bytes; a PDF, a .docx or a large file alone): one worker message, one documents update,
// one storage transaction and one queue update per batch, so a drop of 1,000 small files is not 1,000
// round trips and renders.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { sha256Hex } from '@openbook/core/contentHash';
import { fileExtension, fileKind } from '@openbook/core/documentFormats';
import type { ParseProgress } from '../../adapters/parsers/htmlParser';
import { WorkerDiedError } from '../../adapters/workerSupervisor';
import { failureMessageKey, parseEach, type BatchParseResult, type ParseInput, type ParseResult } from '../../adapters/parsers/parseResult';
import { parseBatchInWorker, type StreamChunking } from '../../adapters/parsers/parserClient';
import { message, type Message } from '../../i18n/message';
import { formatBytes } from '@openbook/core/format';
import { newDocumentId, useDocumentsStore, type NewDocument } from './documentsStore';
import { maxFileBytes, useIngestSettingsStore } from './ingestSettingsStore';
import { holdForTest } from '../runtime/testHooks';
import { getParser, resetParser } from '../runtime/workers';
import { parseStreamListener } from './parseStream';

export type IngestStatus = 'queued' | 'parsing' | 'added' | 'duplicate' | 'failed' | 'cancelled';

export interface IngestItem {
  id: string;
  name: string;
  sizeBytes: number;
  status: IngestStatus;
  /** Why it failed, or which document it duplicates. */
  reason?: Message;
  /** How far a long parse has got (0 to 1), while it is parsing. */
  progress?: number;
}

/** Where files are parsed: the parser worker in the app, in-thread in unit tests and the benchmark. */
export interface IngestParser {
  /**
   * Parse a batch of files (their bytes may be moved away); one result per file, in order. `onProgress`
   * hears how far a long parse has got (a batch of one large file); `chunking` hears a lone file's chunks as
   * it is read (a parser that does not stream ignores it).
   */
  parseBatch(files: ParseInput[], onProgress?: ParseProgress, chunking?: StreamChunking): Promise<BatchParseResult[]>;
  /** Stop a parse in flight at once (its promise may never settle). */
  cancel(): Promise<void>;
}

/** An IngestParser that parses in this thread with `parse`, one file after another. */
export const inThreadParser = (parse: (name: string, bytes: Uint8Array) => Promise<ParseResult>): IngestParser => ({
  parseBatch: (files) => parseEach(files, parse),
  cancel: async () => undefined,
});

export const workerParser: IngestParser = {
  parseBatch: async (files, onProgress, chunking) => parseBatchInWorker(await getParser(), files, onProgress, chunking),
  cancel: resetParser,
};

/** Most files in one batch, and most bytes (a file larger than this goes alone). */
export const BATCH_FILES = 200;
export const BATCH_BYTES = 4 * 1024 * 1024;
/** Files larger than this, and every PDF and Word document, are parsed in a batch of their own. */
export const BATCH_ALONE_BYTES = 1024 * 1024;

const goesAlone = (item: IngestItem): boolean => {
  const kind = fileKind(item.name);
  return kind === 'pdf' || kind === 'docx' || item.sizeBytes > BATCH_ALONE_BYTES;
};

interface IngestState {
  items: IngestItem[];
  running: boolean;
  /** Queue files; they are processed after any already queued. */
  addFiles(files: File[]): Promise<void>;
  /** Stop the file being parsed and drop the ones still queued. */
  cancel(): void;
  /** Forget the finished rows. */
  clearFinished(): void;
}

let counter = 0;
const newId = () => `file-${Date.now().toString(36)}-${(counter++).toString(36)}`;
const FINISHED = new Set<IngestStatus>(['added', 'duplicate', 'failed', 'cancelled']);

class Cancelled extends Error {}

export function createIngestStore(parser: IngestParser): UseBoundStore<StoreApi<IngestState>> {
  const files = new Map<string, File>();
  /** The ids given beforehand to the documents of files streamed as they are read (by ingest item). */
  const streamedDocIds = new Map<string, string>();
  let abort = new AbortController();
  let loop: Promise<void> | null = null;

  return create<IngestState>()((set, get) => {
    /** Apply many items' changes in one state update. */
    const updateMany = (patches: Map<string, Partial<IngestItem>>) => {
      if (patches.size === 0) return;
      set((s) => ({ items: s.items.map((item) => (patches.has(item.id) ? { ...item, ...patches.get(item.id) } : item)) }));
    };

    const untilCancelled = <T>(work: Promise<T>, signal: AbortSignal): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        if (signal.aborted) return reject(new Cancelled());
        const onAbort = () => reject(new Cancelled());
        signal.addEventListener('abort', onAbort, { once: true });
        work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      });

    /** What can be said of a file before reading it: unsupported, too large, empty; or null to read it. */
    const precheck = (file: File): Partial<IngestItem> | null => {
      const ext = fileExtension(file.name);
      if (!fileKind(file.name)) return { status: 'failed', reason: message('ingest.errors.unsupported-type', { detail: ext ? `.${ext}` : file.name }) };
      const maxBytes = maxFileBytes(useIngestSettingsStore.getState().maxFileMB);
      if (file.size > maxBytes)
        return { status: 'failed', reason: message('ingest.errors.too-large', { size: formatBytes(file.size, 'en'), max: formatBytes(maxBytes, 'en') }) };
      if (file.size === 0) return { status: 'failed', reason: message('ingest.errors.empty-file') };
      return null;
    };

    const duplicateOf = (name: string): Partial<IngestItem> => ({ status: 'duplicate', reason: message('ingest.duplicate', { name }) });

    /** Parse files in one worker message; a batch of one (a large file) reports how far its parse has got. */
    const parseInBatch = (entries: { item: IngestItem; file: File; bytes: Uint8Array }[], signal: AbortSignal): Promise<BatchParseResult[]> => {
      const only = entries.length === 1 ? entries[0]!.item : null;
      const onProgress = only
        ? async (done: number, total: number) => {
            if (!signal.aborted && total > 0) updateMany(new Map([[only.id, { progress: done / total }]]));
            await holdForTest('parse-progress');
          }
        : undefined;
      // A lone file is chunked as it is read when the ingest pipeline listens (it embeds the first chunks at once).
      const listener = only ? parseStreamListener() : null;
      // Its chunks carry the id its document will have (the worker names them '#<index>'), so that what is
      // made of them before the document exists (its keyword index entries) is already the document's.
      let docId = only && listener ? streamedDocIds.get(only.id) : undefined;
      if (only && listener && !docId) streamedDocIds.set(only.id, (docId = newDocumentId()));
      const chunking: StreamChunking | undefined =
        only && listener
          ? {
              settings: listener.settings,
              onChunks: async (update) => {
                if (signal.aborted) return;
                if (update.read.total > 0) updateMany(new Map([[only.id, { progress: update.read.done / update.read.total }]]));
                const chunks = update.chunks.map((c) => ({ ...c, id: `${docId}${c.id}`, docId: docId! }));
                await listener.onChunks(only.id, only.name, { ...update, chunks });
                // An end-to-end test may hold the reading after a page (to see its chunks embedded before the last page is read).
                if (!update.end) await holdForTest('parse-stream');
              },
            }
          : undefined;
      return untilCancelled(
        parser.parseBatch(
          entries.map(({ file, bytes }) => ({ name: file.name, bytes })),
          onProgress,
          chunking,
        ),
        signal,
      );
    };

    /** Read, check, hash and parse a batch of files; every item of the batch gets its final status. */
    const processBatch = async (batch: { item: IngestItem; file: File }[], signal: AbortSignal): Promise<Map<string, Partial<IngestItem>>> => {
      const final = new Map<string, Partial<IngestItem>>();
      const toRead = batch.filter(({ item, file }) => {
        const verdict = precheck(file);
        if (verdict) final.set(item.id, verdict);
        return !verdict;
      });
      const read = await untilCancelled(
        Promise.all(
          toRead.map(async ({ item, file }) => {
            try {
              const bytes = new Uint8Array(await file.arrayBuffer());
              return { item, file, bytes, contentHash: await sha256Hex(bytes) };
            } catch {
              final.set(item.id, { status: 'failed', reason: message('ingest.errors.unreadable') });
              return null;
            }
          }),
        ),
        signal,
      );
      // Already in the documents, or twice in this batch: not parsed again (hashes indexed once a batch).
      const known = new Map<string, string>();
      for (const d of useDocumentsStore.getState().documents) if (d.contentHash) known.set(d.contentHash, d.name);
      const seen = new Map<string, string>();
      const toParse: { item: IngestItem; file: File; bytes: Uint8Array; contentHash: string }[] = [];
      for (const entry of read) {
        if (!entry) continue;
        const existing = known.get(entry.contentHash) ?? seen.get(entry.contentHash);
        if (existing !== undefined) final.set(entry.item.id, duplicateOf(existing));
        else {
          seen.set(entry.contentHash, entry.file.name);
          toParse.push(entry);
        }
      }
      if (toParse.length === 0) return final;
      let results: BatchParseResult[];
      try {
        results = await parseInBatch(toParse, signal);
      } catch (error) {
        if (error instanceof Cancelled) throw error;
        if (!(error instanceof WorkerDiedError) || toParse.length === 1) {
          const detail = error instanceof Error ? error.message : String(error);
          const reason = error instanceof WorkerDiedError ? message('resilience.parserDied', { detail }) : message('ingest.errors.parser-crashed', { detail });
          for (const { item } of toParse) final.set(item.id, { status: 'failed', reason, progress: undefined });
          return final;
        }
        // The worker died on one of several files (its bytes were moved to it: read them again): each
        // file alone in a fresh worker, so that only the one that kills it fails.
        results = [];
        for (const entry of toParse) {
          try {
            const bytes = new Uint8Array(await entry.file.arrayBuffer());
            results.push(...(await parseInBatch([{ ...entry, bytes }], signal)));
          } catch (again) {
            if (again instanceof Cancelled) throw again;
            const detail = again instanceof Error ? again.message : String(again);
            results.push({ ok: false, reason: 'parser-crashed', detail });
            if (again instanceof WorkerDiedError)
              final.set(entry.item.id, { status: 'failed', reason: message('resilience.parserDied', { detail }), progress: undefined });
          }
        }
      }
      const parsed: { item: IngestItem; doc: NewDocument }[] = [];
      toParse.forEach(({ item, file, contentHash }, i) => {
        if (final.has(item.id)) return; // already failed, with its reason
        const result = results[i];
        if (!result) final.set(item.id, { status: 'failed', reason: message('ingest.errors.parser-crashed', { detail: 'no result' }) });
        else if (!result.ok) final.set(item.id, { status: 'failed', reason: message(failureMessageKey(result.reason), { detail: result.detail ?? '' }) });
        else {
          const id = streamedDocIds.get(item.id);
          parsed.push({ item, doc: { ...(id ? { id } : {}), name: file.name, sizeBytes: file.size, contentHash, ...result.doc } });
        }
        streamedDocIds.delete(item.id);
      });
      const added = useDocumentsStore.getState().addParsedMany(parsed.map((p) => p.doc));
      parsed.forEach(({ item, doc }, i) => {
        if (added[i]) final.set(item.id, { status: 'added', progress: undefined });
        else final.set(item.id, duplicateOf(useDocumentsStore.getState().findByHash(doc.contentHash!)?.name ?? doc.name));
      });
      return final;
    };

    /**
     * The next batch: queued files in order, up to BATCH_FILES files and BATCH_BYTES bytes. A PDF, a Word
     * document or a file over BATCH_ALONE_BYTES is a batch of its own (it is slow to parse: it shows as
     * the one being read, the files after it as queued, and Cancel stops only it and those).
     */
    const nextBatch = (): { item: IngestItem; file: File }[] => {
      const batch: { item: IngestItem; file: File }[] = [];
      let bytes = 0;
      for (const item of get().items) {
        if (item.status !== 'queued') continue;
        const alone = goesAlone(item);
        if (batch.length > 0 && (alone || batch.length >= BATCH_FILES || bytes + item.sizeBytes > BATCH_BYTES)) break;
        const file = files.get(item.id);
        if (!file) continue;
        batch.push({ item, file });
        bytes += item.sizeBytes;
        if (alone) break;
      }
      return batch;
    };

    const run = async () => {
      set({ running: true });
      const signal = abort.signal;
      for (;;) {
        const batch = signal.aborted ? [] : nextBatch();
        if (batch.length === 0) break;
        for (const { item } of batch) files.delete(item.id);
        updateMany(new Map(batch.map(({ item }) => [item.id, { status: 'parsing' }])));
        try {
          updateMany(await processBatch(batch, signal));
        } catch (error) {
          const patch: Partial<IngestItem> =
            error instanceof Cancelled
              ? { status: 'cancelled' }
              : { status: 'failed', reason: message('ingest.errors.parser-crashed', { detail: String(error) }) };
          updateMany(new Map(batch.map(({ item }) => [item.id, { ...patch, progress: undefined }])));
        }
      }
      set({ running: false });
    };

    return {
      items: [],
      running: false,

      async addFiles(newFiles) {
        const items = newFiles.map((file): IngestItem => {
          const item: IngestItem = { id: newId(), name: file.name, sizeBytes: file.size, status: 'queued' };
          files.set(item.id, file);
          return item;
        });
        set((s) => ({ items: [...s.items, ...items] }));
        if (!loop) {
          loop = (async () => {
            // Files queued while the loop winds down are picked up by running it again.
            while (get().items.some((i) => i.status === 'queued')) {
              if (abort.signal.aborted) abort = new AbortController();
              await run();
            }
          })().finally(() => {
            loop = null;
          });
        }
        await loop;
      },

      cancel() {
        if (!get().running) return;
        abort.abort();
        void parser.cancel();
        for (const id of files.keys()) files.delete(id);
        set((s) => ({ items: s.items.map((item) => (item.status === 'queued' ? { ...item, status: 'cancelled' } : item)) }));
      },

      clearFinished: () => set((s) => ({ items: s.items.filter((item) => !FINISHED.has(item.status)) })),
    };
  });
}

export const useIngestStore = createIngestStore(workerParser);
