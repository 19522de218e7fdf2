// The parsing worker: turns a file's bytes into text and structure off the main thread, so that a large
// PDF never freezes the page. The bytes are transferred in, not copied. Small files come in batches:
// one message for many files, not one each. A lone file can also be chunked while it is read (the core's
// streaming chunker, which gives exactly the whole-text chunks): its chunks go out page by page or slice
// by slice, so that embedding starts before the last page is read.
import { streamingChunker, streams, type StreamingChunker } from '@openbook/core/chunkers/streaming';
import type { ChunkerSettings } from '@openbook/core/chunkers/settings';
import { exposeWorker } from '../workerRpc';
import { loadBundledCMap } from './bundledCMaps';
import type { ParseProgress } from './htmlParser';
import { parseDocument } from './parseDocument';
import { parseEach, type BatchParseResult, type ParseInput } from './parseResult';
import type { ChunkStream } from './chunkStream';

const api = {
  /**
   * A batch of files; `onProgress` (a Comlink callback) hears a lone file's progress (a batch of one large
   * file): awaiting it lets the worker answer a ping between steps. With `chunkWith` and `onChunks`, a lone
   * file's chunks under those settings as it is read (chunkers that need the whole text give none).
   */
  parseBatch: (files: ParseInput[], onProgress?: ParseProgress, chunkWith?: ChunkerSettings, onChunks?: ChunkStream): Promise<BatchParseResult[]> =>
    parseEach(files, async (name, bytes) => {
      const alone = files.length === 1;
      const chunker: StreamingChunker | null = alone && chunkWith && onChunks && streams(chunkWith) ? streamingChunker('', chunkWith) : null;
      let last: { done: number; total: number; unit: 'pages' | 'bytes' } | null = null;
      const result = await parseDocument(name, bytes, {
        loadCMap: loadBundledCMap,
        ...(onProgress && alone ? { onProgress } : {}),
        ...(chunker && onChunks
          ? {
              onText: async (slice, read) => {
                last = read;
                await onChunks({ chunks: chunker.push(slice), read, end: false });
              },
            }
          : {}),
      });
      // A file that gave no text as it was read (HTML, Word, a short text) sends nothing: it is chunked whole, as before.
      if (chunker && onChunks && result.ok && last) await onChunks({ chunks: chunker.finish(), read: last, end: true });
      return result;
    }),
};

export type ParserWorkerApi = typeof api;

exposeWorker(api);
