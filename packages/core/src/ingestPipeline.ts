// Ingestion as a pipeline: documents arrive chunked, one after another (while later ones are still being
// read and chunked), and their chunks are embedded in batches as soon as a batch is full. The batches are
// exactly those the sequential path makes (embeddingBatches over every chunk at once): the distinct texts
// that have no vector yet, in document and chunk order, `size` at a time. A model pads a batch to its
// longest text, so the same batches are what makes the vectors the same, bit for bit.
import type { Chunk } from './types';

/** The sequential path's batches: the distinct texts of `chunks` without a vector, in order, `size` at a time. */
export function embeddingBatches(
  chunks: Iterable<Chunk>,
  size: number,
  has: (text: string) => boolean,
  textOf: (chunk: Chunk) => string = (c) => c.text,
): string[][] {
  const batcher = new EmbeddingBatcher(size, has, textOf);
  return [...batcher.push(chunks), ...batcher.finish()];
}

/** Cuts chunks that arrive a document at a time into the sequential path's batches, as soon as each is full. */
export class EmbeddingBatcher {
  private readonly seen = new Set<string>();
  private pending: string[] = [];
  /** Texts handed out in batches so far, and still pending. */
  private counted = 0;

  constructor(
    private readonly size: number,
    private readonly has: (text: string) => boolean,
    /** The text a chunk is embedded as (with contextual headers or contexts: not the text shown). */
    private readonly textOf: (chunk: Chunk) => string = (c) => c.text,
  ) {
    if (!(size >= 1)) throw new RangeError('A batch holds at least one text.');
  }

  /** The texts to embed so far (in full batches handed out and waiting for the next one). */
  get total(): number {
    return this.counted;
  }

  /** Take the next document's chunks; returns the batches they complete (maybe none). */
  push(chunks: Iterable<Chunk>): string[][] {
    for (const chunk of chunks) {
      const text = this.textOf(chunk);
      if (this.seen.has(text) || this.has(text)) continue;
      this.seen.add(text);
      this.pending.push(text);
      this.counted++;
    }
    const full: string[][] = [];
    let at = 0;
    for (; this.pending.length - at >= this.size; at += this.size) full.push(this.pending.slice(at, at + this.size));
    if (at > 0) this.pending = this.pending.slice(at);
    return full;
  }

  /** No more documents: the last, partial batch (if any). */
  finish(): string[][] {
    const rest = this.pending;
    this.pending = [];
    return rest.length > 0 ? [rest] : [];
  }
}

export interface PipelineProgress {
  /** Documents that have arrived chunked. */
  documents: number;
  /** Their chunks. */
  chunks: number;
  /** Texts embedded so far, of the texts to embed known so far (more may come with later documents). */
  embedded: number;
  toEmbed: number;
  /** True once every document has arrived (toEmbed is then final). */
  allArrived: boolean;
}

export class PipelineCancelledError extends Error {
  constructor() {
    super('The ingestion was cancelled.');
    this.name = 'PipelineCancelledError';
  }
}

export interface EmbeddingPipelineOptions {
  /** Each document's chunks, in document order, as they are made. */
  documents: AsyncIterable<Chunk[]>;
  /** The text a chunk is embedded as (default: its text); `has`, `embed` and `store` see these texts. */
  textOf?(chunk: Chunk): string;
  /** Embed one batch (one call at a time; the next documents keep arriving meanwhile). */
  embed(texts: string[]): Promise<Float32Array[]>;
  /** Whether a text already has a vector (it is not embedded again). */
  has(text: string): boolean;
  /** Keep a batch's vectors (called once per batch, in order). */
  store(texts: string[], vectors: Float32Array[]): void;
  batchSize: number;
  /**
   * A large document's chunks are taken `sliceSize` at a time (default 512), with `pause` awaited between
   * slices (e.g. a yield to the page's event loop), so that 15,000 chunks never make one long task.
   */
  sliceSize?: number;
  pause?(): Promise<void>;
  signal?: AbortSignal;
  onProgress?(progress: PipelineProgress): void;
}

/**
 * Run the embedding stage of the pipeline: documents are taken as they arrive and their texts embedded a
 * batch at a time, one batch in flight, while the documents after them keep arriving. Resolves with every
 * chunk in order once all are embedded; rejects with PipelineCancelledError when `signal` aborts (no
 * batch is stored after that), or with the first failure of either side.
 */
export async function runEmbeddingPipeline(options: EmbeddingPipelineOptions): Promise<{ chunks: Chunk[]; embedded: number; batches: number }> {
  const { signal } = options;
  const batcher = new EmbeddingBatcher(options.batchSize, options.has, options.textOf?.bind(options));
  const chunks: Chunk[] = [];
  const queue: string[][] = [];
  let documents = 0;
  let embedded = 0;
  let batches = 0;
  let allArrived = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const report = () => options.onProgress?.({ documents, chunks: chunks.length, embedded, toEmbed: batcher.total, allArrived });
  const check = () => {
    if (signal?.aborted) throw new PipelineCancelledError();
    if (failure !== null) throw failure;
  };
  const onAbort = () => notify();
  signal?.addEventListener('abort', onAbort);

  const produce = async () => {
    try {
      const sliceSize = Math.max(1, options.sliceSize ?? 512);
      for await (const doc of options.documents) {
        check();
        documents++;
        for (let at = 0; at < doc.length || at === 0; at += sliceSize) {
          if (at > 0) {
            await options.pause?.();
            check();
          }
          const slice = doc.length <= sliceSize ? doc : doc.slice(at, at + sliceSize);
          for (const c of slice) chunks.push(c);
          for (const batch of batcher.push(slice)) queue.push(batch);
          report();
          notify();
        }
      }
      queue.push(...batcher.finish());
      allArrived = true;
      report();
    } catch (error) {
      failure ??= error;
    } finally {
      allArrived = true;
      notify();
    }
  };

  const consume = async () => {
    for (;;) {
      check();
      const batch = queue.shift();
      if (!batch) {
        if (allArrived) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      let vectors: Float32Array[];
      try {
        vectors = await options.embed(batch);
      } catch (error) {
        check(); // a cancellation says so, whatever the embedder threw
        throw error;
      }
      check();
      options.store(batch, vectors);
      embedded += batch.length;
      batches++;
      report();
    }
  };

  try {
    const producing = produce();
    // A failed (or cancelled) embedding does not wait for the next document: reading stops at its next step.
    try {
      await consume();
    } catch (error) {
      failure ??= error;
      check();
    }
    await producing;
    check();
    return { chunks, embedded, batches };
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
