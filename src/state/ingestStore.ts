// The ingestion queue: files dropped or picked are read, hashed and parsed one after another, each with
// its own status (queued, parsing, added, already there, failed with its reason, cancelled), so one bad
// file never stops the others. Parsing runs in the parser worker; cancelling stops it at once.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { sha256Hex } from '../core/contentHash';
import { fileExtension, fileKind } from '../core/documentFormats';
import { failureMessageKey, type ParseResult } from '../adapters/parsers/parseResult';
import { parseInWorker } from '../adapters/parsers/parserClient';
import { message, type Message } from '../i18n/message';
import { formatBytes } from '../ui/format';
import { useDocumentsStore } from './documentsStore';
import { maxFileBytes, useIngestSettingsStore } from './ingestSettingsStore';
import { getParser, resetParser } from './workers';

export type IngestStatus = 'queued' | 'parsing' | 'added' | 'duplicate' | 'failed' | 'cancelled';

export interface IngestItem {
  id: string;
  name: string;
  sizeBytes: number;
  status: IngestStatus;
  /** Why it failed, or which document it duplicates. */
  reason?: Message;
}

/** Where files are parsed: the parser worker in the app, in-thread in unit tests. */
export interface IngestParser {
  parse(name: string, bytes: Uint8Array): Promise<ParseResult>;
  /** Stop a parse in flight at once (its promise may never settle). */
  cancel(): Promise<void>;
}

export const workerParser: IngestParser = {
  parse: async (name, bytes) => parseInWorker(await getParser(), name, bytes),
  cancel: resetParser,
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
  let abort = new AbortController();
  let loop: Promise<void> | null = null;

  return create<IngestState>()((set, get) => {
    const update = (id: string, patch: Partial<IngestItem>) =>
      set((s) => ({ items: s.items.map((item) => (item.id === id ? { ...item, ...patch } : item)) }));

    const untilCancelled = <T>(work: Promise<T>, signal: AbortSignal): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        if (signal.aborted) return reject(new Cancelled());
        const onAbort = () => reject(new Cancelled());
        signal.addEventListener('abort', onAbort, { once: true });
        work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      });

    /** Read, check, hash and parse one file; returns its final status. */
    const process = async (item: IngestItem, file: File, signal: AbortSignal): Promise<Partial<IngestItem>> => {
      const ext = fileExtension(file.name);
      if (!fileKind(file.name)) return { status: 'failed', reason: message('ingest.errors.unsupported-type', { detail: ext ? `.${ext}` : file.name }) };
      const maxBytes = maxFileBytes(useIngestSettingsStore.getState().maxFileMB);
      if (file.size > maxBytes)
        return { status: 'failed', reason: message('ingest.errors.too-large', { size: formatBytes(file.size, 'en'), max: formatBytes(maxBytes, 'en') }) };
      if (file.size === 0) return { status: 'failed', reason: message('ingest.errors.empty-file') };
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await untilCancelled(file.arrayBuffer(), signal));
      } catch (error) {
        if (error instanceof Cancelled) throw error;
        return { status: 'failed', reason: message('ingest.errors.unreadable') };
      }
      update(item.id, { status: 'parsing' });
      const contentHash = await untilCancelled(sha256Hex(bytes), signal);
      const existing = useDocumentsStore.getState().findByHash(contentHash);
      if (existing) return { status: 'duplicate', reason: message('ingest.duplicate', { name: existing.name }) };
      let result: ParseResult;
      try {
        result = await untilCancelled(parser.parse(file.name, bytes), signal);
      } catch (error) {
        if (error instanceof Cancelled) throw error;
        return { status: 'failed', reason: message('ingest.errors.parser-crashed', { detail: error instanceof Error ? error.message : String(error) }) };
      }
      if (!result.ok) return { status: 'failed', reason: message(failureMessageKey(result.reason), { detail: result.detail ?? '' }) };
      const added = useDocumentsStore.getState().addParsed({ name: file.name, sizeBytes: file.size, contentHash, ...result.doc });
      if (!added) return { status: 'duplicate', reason: message('ingest.duplicate', { name: useDocumentsStore.getState().findByHash(contentHash)?.name ?? file.name }) };
      return { status: 'added' };
    };

    const run = async () => {
      set({ running: true });
      const signal = abort.signal;
      for (;;) {
        const next = get().items.find((item) => item.status === 'queued');
        if (!next || signal.aborted) break;
        const file = files.get(next.id)!;
        files.delete(next.id);
        try {
          update(next.id, await process(next, file, signal));
        } catch (error) {
          if (error instanceof Cancelled) update(next.id, { status: 'cancelled' });
          else update(next.id, { status: 'failed', reason: message('ingest.errors.parser-crashed', { detail: String(error) }) });
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
