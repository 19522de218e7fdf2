// Who hears a lone file's chunks while the parser worker reads it (parser.worker.ts chunks it with the
// core's streaming chunker): the ingest pipeline sets a listener while it runs (flows/ingestPipeline.ts),
// and the ingest queue hands the worker's updates to it. No listener: files are parsed as before.
import type { ChunkerSettings } from '@openbook/core/chunkers/settings';
import type { ChunkStreamUpdate } from '../../adapters/parsers/chunkStream';

export interface ParseStreamListener {
  /** The settings to chunk with (those the chunking store will chunk the finished document with). */
  settings: ChunkerSettings;
  /**
   * `itemId`: the ingest queue's item of the file. The update's chunks carry the id their document will have
   * (given beforehand by the ingest queue), so they are the document's chunks, ids included. Awaited before
   * the worker reads on.
   */
  onChunks(itemId: string, name: string, update: ChunkStreamUpdate): Promise<void> | void;
}

let listener: ParseStreamListener | null = null;

export const setParseStreamListener = (next: ParseStreamListener | null) => {
  listener = next;
};

export const parseStreamListener = (): ParseStreamListener | null => listener;
