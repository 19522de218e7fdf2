// The pipelined ingestion gives exactly what the sequential path gives: the same chunks (ids, offsets,
// order) and the same vectors, because it makes the same embedding batches, on a multi-document input
// read, decoded and chunked with the real code, with stages that take random turns. Cancelling mid-way
// stops it and stores nothing after the cancel.
import { describe, expect, it } from 'vitest';
import { chunkDocument } from './chunkers';
import { decodeTextFile } from './decodeText';
import { EmbeddingBatcher, embeddingBatches, PipelineCancelledError, runEmbeddingPipeline } from './ingestPipeline';
import type { Chunk, SourceDocument } from './types';
import type { ChunkerSettings } from './chunkers/settings';
import { mulberry32 } from './testing/seededRandom';

const WORDS = 'lava magma volcano ash crater tea leaf oolong steep kettle river delta flood bank 火山 熔岩 茶叶 河流 洪水 山谷'.split(' ');

/** A seeded document of about `chars` characters: paragraphs of sentences, English and Chinese, some repeated. */
function text(seed: number, chars: number): string {
  const rand = mulberry32(seed);
  const paragraphs: string[] = [];
  let n = 0;
  while (n < chars) {
    const sentences: string[] = [];
    for (let s = 0; s < 1 + Math.floor(rand() * 5); s++) {
      const words = Array.from({ length: 3 + Math.floor(rand() * 14) }, () => WORDS[Math.floor(rand() * WORDS.length)]!);
      sentences.push(`${words.join(' ')}.`);
    }
    // Repeated paragraphs make repeated chunks: a text is embedded once, wherever it comes again.
    const p = rand() < 0.15 && paragraphs.length > 0 ? paragraphs[Math.floor(rand() * paragraphs.length)]! : sentences.join(' ');
    paragraphs.push(p);
    n += p.length + 2;
  }
  return paragraphs.join('\n\n');
}

const files = [
  { name: 'a.txt', text: text(1, 9_000) },
  { name: 'b.md', text: `# Title\n\n${text(2, 400)}` },
  { name: 'c.txt', text: text(3, 30_000) },
  { name: 'd.txt', text: text(1, 9_000).slice(0, 4_000) }, // shares chunks with a.txt
  { name: 'e.txt', text: text(5, 15_000) },
];

const settings: ChunkerSettings = { kind: 'recursive', chunkSize: 120, overlap: 20 };

/** Read (decode) and chunk a file, as the parser and chunker workers do. */
function readAndChunk(i: number): { doc: SourceDocument; chunks: Chunk[] } {
  const file = files[i]!;
  const decoded = decodeTextFile(file.name, new TextEncoder().encode(file.text));
  if (!decoded.ok) throw new Error(decoded.reason);
  const doc: SourceDocument = { id: `doc-${i}`, name: file.name, kind: 'text', text: decoded.text, sizeBytes: file.text.length, addedAt: i };
  return { doc, chunks: chunkDocument(doc, settings) };
}

/**
 * A fake model whose vector for a text also depends on the batch it came in (its position and the batch's
 * longest text, as padding would): any difference in batching shows as a different vector.
 */
function batchSensitiveEmbed(calls: string[][]) {
  return async (texts: string[]): Promise<Float32Array[]> => {
    calls.push(texts);
    const longest = Math.max(...texts.map((t) => t.length));
    return texts.map((t, i) => Float32Array.from([t.length, t.charCodeAt(0), i, longest, calls.length]));
  };
}

const tick = (rand: () => number) => new Promise((resolve) => setTimeout(resolve, Math.floor(rand() * 3)));

/** The sequential path: read and chunk every file, then embed the missing texts in batches, then index. */
async function sequential(batchSize: number, cached: Set<string>) {
  const chunks = files.flatMap((_, i) => readAndChunk(i).chunks);
  const calls: string[][] = [];
  const embed = batchSensitiveEmbed(calls);
  const vectors = new Map<string, Float32Array>();
  for (const batch of embeddingBatches(chunks, batchSize, (t) => cached.has(t))) {
    const out = await embed(batch);
    batch.forEach((t, i) => vectors.set(t, out[i]!));
  }
  return { chunks, vectors, calls };
}

/** The documents arriving one after another, each after a random wait (reading and chunking take turns with embedding). */
async function* arriving(rand: () => number): AsyncGenerator<Chunk[]> {
  for (let i = 0; i < files.length; i++) {
    await tick(rand);
    yield readAndChunk(i).chunks;
  }
}

describe('EmbeddingBatcher', () => {
  it('cuts documents pushed one by one into the batches of all their chunks at once', () => {
    const all = files.map((_, i) => readAndChunk(i).chunks);
    for (const size of [1, 7, 64]) {
      const has = (t: string) => t.length % 11 === 0; // some texts already have a vector
      const batcher = new EmbeddingBatcher(size, has);
      const streamed = [...all.flatMap((doc) => batcher.push(doc)), ...batcher.finish()];
      expect(streamed).toEqual(embeddingBatches(all.flat(), size, has));
      expect(streamed.slice(0, -1).every((b) => b.length === size)).toBe(true);
      expect(new Set(streamed.flat()).size).toBe(streamed.flat().length);
    }
  });

  it('batches the texts chunks are embedded as (e.g. with a contextual header), not the texts shown', () => {
    const all = files.map((_, i) => readAndChunk(i).chunks);
    const textOf = (c: Chunk) => `${c.docId} › heading\n\n${c.text}`;
    const batcher = new EmbeddingBatcher(5, () => false, textOf);
    const streamed = [...all.flatMap((doc) => batcher.push(doc)), ...batcher.finish()];
    expect(streamed).toEqual(embeddingBatches(all.flat(), 5, () => false, textOf));
    expect(streamed.flat()).toEqual([...new Set(all.flat().map(textOf))]);
    expect(streamed.flat().every((t) => t.includes(' › heading\n\n'))).toBe(true);
  });

  it('refuses an empty batch size', () => {
    expect(() => new EmbeddingBatcher(0, () => false)).toThrow(RangeError);
  });
});

describe('runEmbeddingPipeline', () => {
  it('gives the same chunks, ids, order and vectors as the sequential path, on several documents', async () => {
    for (const [seed, batchSize] of [
      [1, 64],
      [2, 5],
      [3, 1],
    ] as const) {
      const cached = new Set(readAndChunk(1).chunks.map((c) => c.text)); // one document embedded before
      const expected = await sequential(batchSize, cached);
      const rand = mulberry32(seed);
      const calls: string[][] = [];
      const embed = batchSensitiveEmbed(calls);
      const vectors = new Map<string, Float32Array>();
      const progress: { documents: number; embedded: number }[] = [];
      const result = await runEmbeddingPipeline({
        documents: arriving(rand),
        embed: async (texts) => {
          await tick(rand);
          return embed(texts);
        },
        has: (t) => cached.has(t) || vectors.has(t),
        store: (texts, out) => texts.forEach((t, i) => vectors.set(t, out[i]!)),
        batchSize,
        onProgress: (p) => progress.push({ documents: p.documents, embedded: p.embedded }),
      });
      expect(result.chunks.map((c) => [c.id, c.docId, c.index, c.start, c.end, c.text])).toEqual(
        expected.chunks.map((c) => [c.id, c.docId, c.index, c.start, c.end, c.text]),
      );
      expect(calls).toEqual(expected.calls);
      expect([...vectors.keys()]).toEqual([...expected.vectors.keys()]);
      for (const [t, v] of expected.vectors) expect(vectors.get(t)).toEqual(v);
      expect(result.embedded).toBe(expected.vectors.size);
      // It overlapped: some batch was embedded before the last document arrived.
      expect(progress.some((p) => p.embedded > 0 && p.documents < files.length)).toBe(true);
    }
  });

  it('takes a large document a slice at a time, pausing between slices, with the same batches and vectors', async () => {
    for (const [seed, batchSize, sliceSize] of [
      [4, 64, 7],
      [5, 5, 1],
      [6, 3, 50],
    ] as const) {
      const cached = new Set<string>();
      const expected = await sequential(batchSize, cached);
      const rand = mulberry32(seed);
      const calls: string[][] = [];
      const embed = batchSensitiveEmbed(calls);
      const vectors = new Map<string, Float32Array>();
      let pauses = 0;
      const chunksAtPause: number[] = [];
      const result = await runEmbeddingPipeline({
        documents: arriving(rand),
        embed: async (texts) => {
          await tick(rand);
          return embed(texts);
        },
        has: (t) => vectors.has(t),
        store: (texts, out) => texts.forEach((t, i) => vectors.set(t, out[i]!)),
        batchSize,
        sliceSize,
        pause: async () => {
          pauses++;
          await tick(rand);
        },
        onProgress: (p) => chunksAtPause.push(p.chunks),
      });
      expect(calls).toEqual(expected.calls);
      for (const [t, v] of expected.vectors) expect(vectors.get(t)).toEqual(v);
      expect(result.chunks.map((c) => c.id)).toEqual(expected.chunks.map((c) => c.id));
      // One pause between every two slices of a document.
      const slices = files.reduce((n, _, i) => n + Math.max(1, Math.ceil(readAndChunk(i).chunks.length / sliceSize)), 0);
      expect(pauses).toBe(slices - files.length);
      // Progress is reported slice by slice: never more than a slice's chunks at once.
      for (let i = 1; i < chunksAtPause.length; i++) expect(chunksAtPause[i]! - chunksAtPause[i - 1]!).toBeLessThanOrEqual(sliceSize);
    }
  });

  it('starts embedding the first document while the later ones are still to come', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const embeddedBeforeSecond: number[] = [];
    let embedded = 0;
    async function* docs() {
      yield readAndChunk(0).chunks;
      await gate; // the second document is still being read
      embeddedBeforeSecond.push(embedded);
      yield readAndChunk(1).chunks;
    }
    const run = runEmbeddingPipeline({
      documents: docs(),
      embed: async (texts) => {
        embedded += texts.length;
        if (embedded >= 8) release();
        return texts.map(() => new Float32Array(2));
      },
      has: () => false,
      store: () => undefined,
      batchSize: 4,
    });
    await run;
    expect(embeddedBeforeSecond[0]).toBeGreaterThanOrEqual(8);
  });

  it('stops when cancelled mid-way: no batch is stored after the cancel, and it says it was cancelled', async () => {
    const controller = new AbortController();
    const stored: string[][] = [];
    let arrived = 0;
    async function* docs() {
      for (let i = 0; i < files.length; i++) {
        await tick(Math.random);
        arrived++;
        yield readAndChunk(i).chunks;
      }
    }
    const run = runEmbeddingPipeline({
      documents: docs(),
      embed: async (texts) => {
        if (stored.length === 2) controller.abort(); // cancelled while this batch is being embedded
        await tick(Math.random);
        return texts.map(() => new Float32Array(2));
      },
      has: () => false,
      store: (texts) => stored.push(texts),
      batchSize: 16,
      signal: controller.signal,
    });
    await expect(run).rejects.toBeInstanceOf(PipelineCancelledError);
    expect(stored).toHaveLength(2);
    // Reading stopped too: the documents after the cancel were not taken.
    expect(arrived).toBeLessThan(files.length);
  });

  it('fails with the embedder’s error and stops reading', async () => {
    await expect(
      runEmbeddingPipeline({
        documents: arriving(mulberry32(9)),
        embed: async () => {
          throw new Error('out of memory');
        },
        has: () => false,
        store: () => undefined,
        batchSize: 8,
      }),
    ).rejects.toThrow('out of memory');
  });

  it('fails with a reading error', async () => {
    async function* docs(): AsyncGenerator<Chunk[]> {
      yield readAndChunk(0).chunks;
      throw new Error('the chunker failed');
    }
    await expect(
      runEmbeddingPipeline({ documents: docs(), embed: async (t) => t.map(() => new Float32Array(1)), has: () => false, store: () => undefined, batchSize: 8 }),
    ).rejects.toThrow('the chunker failed');
  });
});
