// The workspace file: an exact round trip (bit-identical vectors, same chunks and texts), and every kind
// of bad file refused with its own code (the bad files are built here).
import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { chunkText } from './chunking';
import { withChunkMeta } from './chunkMeta';
import type { RecursiveChunkerSettings } from './chunkers/settings';
import type { SourceDocument } from './types';
import { mulberry32, randomUnitVector } from './testing/seededRandom';
import {
  exportWorkspace,
  float32Bytes,
  packWorkspace,
  packedWorkspaceBuffers,
  parseWorkspaceFile,
  readFloat32,
  readWorkspaceFile,
  unpackWorkspace,
  workspaceFileName,
  writeWorkspaceFile,
  type KnownModel,
  type WorkspaceContent,
  type WorkspaceFileProgress,
} from './workspaceFile';

const DIM = 12;
const MODEL = 'test/model';
const chunking: RecursiveChunkerSettings = { kind: 'recursive', chunkSize: 40, overlap: 5 };

const doc = (id: string, text: string, kind: SourceDocument['kind'] = 'text'): SourceDocument => ({
  id,
  name: `${id}.txt`,
  kind,
  text,
  sizeBytes: new TextEncoder().encode(text).length,
  addedAt: 1_700_000_000_000,
});

function content(): WorkspaceContent {
  const documents: SourceDocument[] = [
    {
      ...doc('doc-a', 'Lava flows from the crater. Magma rises slowly.\n\nThe volcano sleeps for a century, then wakes.', 'pdf'),
      structure: {
        pages: [
          { page: 1, start: 0, end: 47 },
          { page: 2, start: 49, end: 94 },
        ],
      },
      contentHash: 'a'.repeat(64),
    },
    {
      ...doc('doc-b', '# 绿茶\n绿茶的叶子在低温下冲泡。Oolong is partly oxidised; black tea fully. Kettles whistle. 🫖', 'markdown'),
      structure: { sections: [{ headingPath: ['绿茶'], level: 1, start: 0, end: 80 }] },
      encoding: 'gb18030',
      contentHash: '0123456789abcdef'.repeat(4),
    },
    // As saved before structure, encoding and hash were kept.
    doc('doc-c', 'Pasted, not indexed.', 'pasted'),
  ];
  // As the app makes them: each chunk carries its page or section (see chunkMeta.ts).
  const chunks = documents.slice(0, 2).flatMap((d) => withChunkMeta(chunkText(d.id, d.text, chunking), d));
  const rand = mulberry32(7);
  const vectors = chunks.map(() => randomUnitVector(rand, DIM));
  // Values a JSON round trip would not keep exactly.
  vectors[0]![0] = -0;
  vectors[0]![1] = 1.401298464324817e-45;
  vectors[0]![2] = 0.1;
  return { documents, modelId: MODEL, device: 'wasm', dimension: DIM, chunking, chunks, vectors };
}

const bytesOf = (v: Float32Array) => [...new Uint8Array(v.buffer, v.byteOffset, v.byteLength)];

/** Unpack a good file, change it, and pack it again. */
function tamper(change: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(exportWorkspace(content()));
  change(files);
  return zipSync(files);
}

function changeManifest(change: (m: Record<string, any>) => void): Uint8Array {
  return tamper((files) => {
    const m = JSON.parse(strFromU8(files['manifest.json']!));
    change(m);
    files['manifest.json'] = strToU8(JSON.stringify(m));
  });
}

const errorOf = (bytes: Uint8Array, known: (string | KnownModel)[] = [MODEL]) => {
  const parsed = parseWorkspaceFile(bytes, known);
  if (parsed.ok) throw new Error('expected the file to be refused');
  return parsed.error;
};

describe('workspace file', () => {
  it('round-trips exactly: documents, chunks, settings and bit-identical vectors', () => {
    const original = content();
    const parsed = parseWorkspaceFile(exportWorkspace(original, new Date('2026-11-21T06:00:00Z')), [MODEL, 'other/model']);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const back = parsed.content;
    expect(back.documents).toEqual(original.documents);
    expect(back.chunks).toEqual(original.chunks);
    expect(back).toMatchObject({ modelId: MODEL, device: 'wasm', dimension: DIM, chunking });
    expect(back.vectors.map(bytesOf)).toEqual(original.vectors.map(bytesOf));
    expect(Object.is(back.vectors[0]![0], -0)).toBe(true);
    expect(parsed.manifest).toMatchObject({ schemaVersion: 1, app: 'openbook', createdAt: '2026-11-21T06:00:00.000Z', chunkCount: original.chunks.length });
    expect(parsed.manifest.documents.map((d) => d.chunkCount)).toEqual([
      original.chunks.filter((c) => c.docId === 'doc-a').length,
      original.chunks.filter((c) => c.docId === 'doc-b').length,
      0,
    ]);
  });

  it('says whether the vectors were embedded with contextual headers (absent: their text alone)', () => {
    const plain = parseWorkspaceFile(exportWorkspace(content()), [MODEL]);
    if (!plain.ok) throw new Error(JSON.stringify(plain.error));
    expect(plain.content.embedHeaders).toBeUndefined();
    expect(plain.manifest.embedding.contextualHeaders).toBeUndefined();
    const withHeaders = parseWorkspaceFile(exportWorkspace({ ...content(), embedHeaders: true }), [MODEL]);
    if (!withHeaders.ok) throw new Error(JSON.stringify(withHeaders.error));
    expect(withHeaders.content.embedHeaders).toBe(true);
    expect(withHeaders.manifest.embedding.contextualHeaders).toBe(true);
  });

  it('reads the chunk settings of a file from before there were several chunkers as recursive', () => {
    const parsed = parseWorkspaceFile(
      changeManifest((m) => delete m.chunking.kind),
      [MODEL],
    );
    expect(parsed.ok && parsed.content.chunking).toEqual(chunking);
    const sentence = { kind: 'sentence', sentences: 3, overlapSentences: 1, maxSize: 800 };
    const again = parseWorkspaceFile(
      changeManifest((m) => (m.chunking = sentence)),
      [MODEL],
    );
    expect(again.ok && again.content.chunking).toEqual(sentence);
  });

  it('stores vectors as little-endian Float32 files, never as JSON numbers', () => {
    const original = content();
    const files = unzipSync(exportWorkspace(original));
    const a = files['vectors/0.f32']!;
    const n = original.chunks.filter((c) => c.docId === 'doc-a').length;
    expect(a.byteLength).toBe(n * DIM * 4);
    expect(new DataView(a.buffer, a.byteOffset).getFloat32(2 * 4, true)).toBe(Math.fround(0.1));
    expect(strFromU8(files['manifest.json']!)).not.toMatch(/0\.1\d{5}/);
    expect(Object.keys(files).sort()).toEqual(
      [
        'manifest.json',
        'documents/0.txt',
        'documents/1.txt',
        'documents/2.txt',
        'chunks/0.json',
        'chunks/1.json',
        'chunks/2.json',
        'vectors/0.f32',
        'vectors/1.f32',
        'vectors/2.f32',
      ].sort(),
    );
  });

  it('refuses a file that is not a zip', () => {
    const rand = mulberry32(3);
    const junk = Uint8Array.from({ length: 2000 }, () => Math.floor(rand() * 256));
    expect(errorOf(junk)).toEqual({ code: 'not-a-zip' });
    expect(errorOf(exportWorkspace(content()).slice(0, 100))).toEqual({ code: 'not-a-zip' });
  });

  it('refuses a zip without a manifest, or with one that is not valid', () => {
    expect(errorOf(tamper((f) => delete f['manifest.json']))).toEqual({ code: 'missing-manifest' });
    expect(errorOf(tamper((f) => (f['manifest.json'] = strToU8('{ not json'))))).toEqual({ code: 'bad-manifest', detail: 'JSON' });
    expect(errorOf(changeManifest((m) => (m.embedding.dimension = 0)))).toEqual({ code: 'bad-manifest', detail: 'embedding.dimension' });
    expect(errorOf(changeManifest((m) => (m.chunking.overlap = 1000)))).toEqual({ code: 'bad-manifest', detail: 'chunking' });
    expect(errorOf(changeManifest((m) => (m.chunking.kind = 'magic')))).toEqual({ code: 'bad-manifest', detail: 'chunking' });
    expect(errorOf(changeManifest((m) => (m.documents[1].id = 'doc-a')))).toEqual({ code: 'bad-document-id', id: 'doc-a' });
    expect(errorOf(changeManifest((m) => (m.chunkCount += 1)))).toEqual({ code: 'bad-manifest', detail: 'chunkCount' });
  });

  it('keeps structure, encoding and hash, checks them, and reads files without them', () => {
    const pageBeyondText = changeManifest((m) => (m.documents[0].structure.pages[1].end = 1000));
    expect(errorOf(pageBeyondText)).toEqual({ code: 'bad-document-field', document: 'doc-a.txt', field: 'structure' });
    expect(errorOf(changeManifest((m) => (m.documents[0].structure.pages[0].page = 0)))).toEqual({
      code: 'bad-document-field',
      document: 'doc-a.txt',
      field: 'structure',
    });
    expect(errorOf(changeManifest((m) => (m.documents[1].structure.sections[0].headingPath = [])))).toEqual({
      code: 'bad-document-field',
      document: 'doc-b.txt',
      field: 'structure',
    });
    expect(errorOf(changeManifest((m) => (m.documents[1].structure = 'pages')))).toEqual({
      code: 'bad-document-field',
      document: 'doc-b.txt',
      field: 'structure',
    });
    expect(errorOf(changeManifest((m) => (m.documents[1].encoding = 7)))).toEqual({ code: 'bad-document-field', document: 'doc-b.txt', field: 'encoding' });
    expect(errorOf(changeManifest((m) => (m.documents[0].contentHash = 'abc')))).toEqual({
      code: 'bad-document-field',
      document: 'doc-a.txt',
      field: 'contentHash',
    });
    // A file from before these fields existed.
    const old = changeManifest((m) => {
      for (const d of m.documents) {
        delete d.structure;
        delete d.encoding;
        delete d.contentHash;
      }
    });
    const parsed = parseWorkspaceFile(old, [MODEL]);
    expect(parsed.ok && parsed.content.documents.map((d) => Object.keys(d).sort())).toEqual(
      Array(3).fill(['addedAt', 'id', 'kind', 'name', 'sizeBytes', 'text']),
    );
  });

  it('refuses another schema version, saying which', () => {
    expect(errorOf(changeManifest((m) => (m.schemaVersion = 99)))).toEqual({ code: 'wrong-schema-version', found: '99' });
  });

  it('refuses vectors that do not match the chunks', () => {
    const short = tamper((f) => (f['vectors/1.f32'] = f['vectors/1.f32']!.slice(0, -DIM * 4)));
    const n = content().chunks.filter((c) => c.docId === 'doc-b').length;
    expect(errorOf(short)).toEqual({ code: 'vector-count-mismatch', document: 'doc-b.txt', expected: n, found: n - 1 });
    const ragged = tamper((f) => (f['vectors/0.f32'] = f['vectors/0.f32']!.slice(0, -2)));
    expect(errorOf(ragged)).toMatchObject({ code: 'vector-bytes-mismatch', document: 'doc-a.txt' });
  });

  it('refuses chunk offsets beyond the end of their document', () => {
    const bad = tamper((f) => {
      const triples = JSON.parse(strFromU8(f['chunks/0.json']!)) as number[][];
      triples[1]![2] = 10_000;
      f['chunks/0.json'] = strToU8(JSON.stringify(triples));
    });
    expect(errorOf(bad)).toEqual({ code: 'chunk-out-of-range', document: 'doc-a.txt', chunk: 1 });
  });

  it('refuses missing files and texts that do not match the manifest', () => {
    expect(errorOf(tamper((f) => delete f['documents/1.txt']))).toEqual({ code: 'missing-file', file: 'documents/1.txt' });
    expect(errorOf(tamper((f) => (f['documents/0.txt'] = strToU8('short'))))).toEqual({ code: 'document-mismatch', document: 'doc-a.txt' });
  });

  it('refuses a model this app does not know, naming it', () => {
    expect(errorOf(exportWorkspace(content()), ['some/other'])).toEqual({ code: 'unknown-model', modelId: MODEL });
  });

  it('names the file after the date', () => {
    expect(workspaceFileName(new Date(2026, 0, 5, 23, 59))).toBe('openbook-workspace-2026-01-05.zip');
  });
});

/** The compression method of each entry, from the zip's central directory (0: stored, 8: deflated). */
function compressionMethods(zip: Uint8Array): Record<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.byteLength - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const methods: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const name = strFromU8(zip.subarray(at + 46, at + 46 + nameLength));
    methods[name] = view.getUint16(at + 10, true);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return methods;
}

describe('workspace file, packed for the worker', () => {
  it('packs by document into flat arrays and unpacks to the same chunks and vectors', () => {
    const original = content();
    const packed = packWorkspace(original);
    expect(packed.documents.map((d) => [d.document.id, d.chunks.length / 3, d.vectors.length / DIM])).toEqual([
      ['doc-a', original.chunks.filter((c) => c.docId === 'doc-a').length, original.chunks.filter((c) => c.docId === 'doc-a').length],
      ['doc-b', original.chunks.filter((c) => c.docId === 'doc-b').length, original.chunks.filter((c) => c.docId === 'doc-b').length],
      ['doc-c', 0, 0],
    ]);
    // One buffer per array, each listed once, so that the whole workspace can be transferred.
    expect(packedWorkspaceBuffers(packed)).toHaveLength(6);
    const back = unpackWorkspace(packed);
    expect(back.chunks).toEqual(original.chunks);
    expect(back.vectors.map(bytesOf)).toEqual(original.vectors.map(bytesOf));
    // The vectors are views of the packed array, not copies.
    expect(back.vectors[0]!.buffer).toBe(packed.documents[0]!.vectors.buffer);
  });

  it('leaves out chunks of documents not in the workspace, and refuses a vector of another dimension', () => {
    const original = content();
    const stray = { ...original.chunks[0]!, id: 'gone#0', docId: 'gone' };
    const packed = packWorkspace({ ...original, chunks: [...original.chunks, stray], vectors: [...original.vectors, new Float32Array(DIM)] });
    expect(packed.documents.reduce((n, d) => n + d.chunks.length / 3, 0)).toBe(original.chunks.length);
    const wrong = [...original.vectors];
    wrong[1] = new Float32Array(DIM + 1);
    expect(() => packWorkspace({ ...original, vectors: wrong })).toThrow(/dimensions/);
  });

  it('stores the vectors uncompressed and deflates the texts, chunk lists and manifest', () => {
    const methods = compressionMethods(exportWorkspace(content()));
    expect(
      Object.entries(methods)
        .filter(([, m]) => m === 0)
        .map(([name]) => name)
        .sort(),
    ).toEqual(['vectors/0.f32', 'vectors/1.f32', 'vectors/2.f32']);
    expect(methods['documents/0.txt']).toBe(8);
    expect(methods['manifest.json']).toBe(8);
  });

  it('still reads files whose vectors were deflated, as files made before were', () => {
    const original = content();
    const deflated = zipSync(unzipSync(exportWorkspace(original)), { level: 6 });
    expect(compressionMethods(deflated)['vectors/0.f32']).toBe(8);
    const parsed = parseWorkspaceFile(deflated, [MODEL]);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.content.chunks).toEqual(original.chunks);
    expect(parsed.content.vectors.map(bytesOf)).toEqual(original.vectors.map(bytesOf));
  });

  it('reports progress: documents packed, then bytes unpacked and documents checked', () => {
    const written: WorkspaceFileProgress[] = [];
    const file = writeWorkspaceFile(packWorkspace(content()), new Date(), (p) => written.push(p));
    expect(written).toEqual([
      { stage: 'packing', done: 1, total: 3 },
      { stage: 'packing', done: 2, total: 3 },
      { stage: 'packing', done: 3, total: 3 },
      { stage: 'compressing', done: 0, total: 3 },
    ]);
    const read: WorkspaceFileProgress[] = [];
    const result = readWorkspaceFile(file, [MODEL], (p) => read.push(p));
    expect(result.ok).toBe(true);
    const unpacking = read.filter((p) => p.stage === 'unpacking');
    expect(unpacking).toHaveLength(10); // once before each of the 10 files
    expect(unpacking.every((p, i) => p.total === file.byteLength && p.done <= p.total && (i === 0 || p.done >= unpacking[i - 1]!.done))).toBe(true);
    expect(read.filter((p) => p.stage === 'checking')).toEqual([0, 1, 2, 3].map((done) => ({ stage: 'checking', done, total: 3 })));
  });

  it('writes and reads little-endian Float32 on a big-endian platform too', () => {
    const values = new Float32Array([1.5, -0, 0.1, -3e-38]);
    const little = float32Bytes(values, true);
    const big = float32Bytes(values, false);
    expect([...big]).toEqual([...little]);
    expect(new DataView(big.buffer).getFloat32(8, true)).toBe(Math.fround(0.1));
    expect([...readFloat32(big, false)]).toEqual([...values]);
    // Bytes that do not start on a 4-byte boundary are copied into an aligned array.
    const shifted = new Uint8Array(little.byteLength + 1);
    shifted.set(little, 1);
    expect([...readFloat32(shifted.subarray(1), true)]).toEqual([...values]);
  });
});

describe('workspace file values (a file of the right shape whose values would break the app)', () => {
  const vectorsOf = (files: Record<string, Uint8Array>, n: number) => new Float32Array(readFloat32(files[`vectors/${n}.f32`]!.slice()));
  const setVectors = (files: Record<string, Uint8Array>, n: number, change: (v: Float32Array) => void) => {
    const v = vectorsOf(files, n);
    change(v);
    files[`vectors/${n}.f32`] = float32Bytes(v);
  };

  it('refuses vectors with NaN or Infinity, some or all, naming the chunk', () => {
    expect(errorOf(tamper((f) => setVectors(f, 1, (v) => (v[DIM + 3] = NaN))))).toEqual({ code: 'bad-vector', document: 'doc-b.txt', chunk: 1 });
    expect(errorOf(tamper((f) => setVectors(f, 0, (v) => v.fill(NaN))))).toEqual({ code: 'bad-vector', document: 'doc-a.txt', chunk: 0 });
    expect(errorOf(tamper((f) => setVectors(f, 0, (v) => (v[0] = -Infinity))))).toEqual({ code: 'bad-vector', document: 'doc-a.txt', chunk: 0 });
  });

  it('refuses the whole file when a chunk has a vector of zeros', () => {
    expect(errorOf(tamper((f) => setVectors(f, 0, (v) => v.fill(0, DIM, 2 * DIM))))).toEqual({ code: 'zero-vector', document: 'doc-a.txt', chunk: 1 });
    expect(errorOf(tamper((f) => setVectors(f, 1, (v) => v.fill(0))))).toEqual({ code: 'zero-vector', document: 'doc-b.txt', chunk: 0 });
  });

  it('refuses a dimension other than the model’s (and one that is 0, too large or not a whole number)', () => {
    const known = [{ id: MODEL, dimension: DIM }];
    expect(parseWorkspaceFile(exportWorkspace(content()), known).ok).toBe(true);
    expect(errorOf(exportWorkspace(content()), [{ id: MODEL, dimension: 64 }])).toEqual({
      code: 'dimension-mismatch',
      modelId: MODEL,
      expected: 64,
      found: DIM,
    });
    // A manifest that says 1 (or 3, 4, 6…) of 12: the vectors read as more chunks than listed, or as another model's.
    for (const d of [1, 2, 3, 4, 6])
      expect(
        errorOf(
          changeManifest((m) => (m.embedding.dimension = d)),
          known,
        ).code,
      ).toMatch(/vector-count-mismatch|dimension-mismatch/);
    for (const d of [0, -1, 1.5, 1e9, '12'])
      expect(errorOf(changeManifest((m) => (m.embedding.dimension = d)))).toEqual({ code: 'bad-manifest', detail: 'embedding.dimension' });
    // The built-in embedder makes at most its listed dimension.
    expect(parseWorkspaceFile(exportWorkspace(content()), [{ id: MODEL, dimension: 256, builtin: 'lsa' }]).ok).toBe(true);
    expect(errorOf(exportWorkspace(content()), [{ id: MODEL, dimension: 8, builtin: 'lsa' }]).code).toBe('dimension-mismatch');
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', 'a\u0000b', 'x'.repeat(201)])('refuses the document id %j', (id) => {
    const file = changeManifest((m) => (m.documents[0].id = id));
    expect(errorOf(file)).toEqual({ code: 'bad-document-id', id: id.slice(0, 80) });
  });

  it('refuses an id that is not a string, and the same id twice', () => {
    expect(errorOf(changeManifest((m) => (m.documents[0].id = 7)))).toEqual({ code: 'bad-document-id', id: '7' });
    expect(errorOf(changeManifest((m) => (m.documents[2].id = 'doc-b')))).toEqual({ code: 'bad-document-id', id: 'doc-b' });
  });

  it.each([1e20, -1, 1.5, NaN, '2026-01-01', null, 253402300800000])('refuses addedAt %j', (addedAt) => {
    expect(errorOf(changeManifest((m) => (m.documents[1].addedAt = addedAt)))).toEqual({ code: 'bad-document-field', document: 'doc-b.txt', field: 'addedAt' });
  });

  it('takes addedAt from 0 to the end of the year 9999', () => {
    for (const t of [0, 253402300799999]) {
      const parsed = parseWorkspaceFile(
        changeManifest((m) => (m.documents[1].addedAt = t)),
        [MODEL],
      );
      expect(parsed.ok && parsed.content.documents[1]!.addedAt).toBe(t);
    }
  });

  it('refuses sizes and counts beyond the limits', () => {
    expect(errorOf(changeManifest((m) => (m.documents[0].sizeBytes = 3 * 1024 ** 3)))).toEqual({
      code: 'bad-document-field',
      document: 'doc-a.txt',
      field: 'sizeBytes',
    });
    expect(errorOf(changeManifest((m) => (m.documents[0].name = 'n'.repeat(1001))))).toMatchObject({ code: 'bad-document-field', field: 'name' });
    expect(errorOf(changeManifest((m) => (m.documents = Array.from({ length: 10_001 }, (_, i) => ({ ...m.documents[2], id: `d${i}` })))))).toEqual({
      code: 'too-many-documents',
      found: 10_001,
      limit: 10_000,
    });
    expect(errorOf(changeManifest((m) => (m.documents[2].chunkCount = 2_000_000)))).toMatchObject({ code: 'too-many-chunks', limit: 1_000_000 });
  });

  it('refuses one chunk index twice in a document', () => {
    const file = tamper((f) => {
      const triples = JSON.parse(strFromU8(f['chunks/0.json']!)) as number[][];
      triples[1]![0] = triples[0]![0]!;
      f['chunks/0.json'] = strToU8(JSON.stringify(triples));
    });
    expect(errorOf(file)).toEqual({ code: 'duplicate-chunk', document: 'doc-a.txt', chunk: 0 });
  });
});
