// What the parser worker sends while it chunks a lone file as it reads it (parser.worker.ts).
import type { Chunk } from '@openbook/core/types';
import type { ReadProgress } from './parseResult';

export interface ChunkStreamUpdate {
  /** The chunks that became final with the last slice read (docId '' and ids '#<index>': the document has no id yet). */
  chunks: Chunk[];
  /** How much of the file has been read. */
  read: ReadProgress;
  /** The last update: the file is read and every chunk has been sent. */
  end: boolean;
}

/** Awaited by the worker before it reads on. */
export type ChunkStream = (update: ChunkStreamUpdate) => Promise<void> | void;
