// The workspace as one file, and back: a zip (made with fflate) holding
//   manifest.json          schema version, app, created-at, the embedding model, device and dimension,
//                          the chunk settings, the documents (id, name, kind, size, text length, and where
//                          known their pages/sections, encoding and content hash), chunk count
//   documents/<n>.txt      the text of document n (UTF-8), n its position in the manifest's list
//   chunks/<n>.json        document n's indexed chunks as [index, start, end] triples
//   vectors/<n>.f32        their vectors: little-endian Float32, chunks × dimension, in the order of chunks/<n>.json
//                          (stored uncompressed since files made after 2026-11; older files deflated them: both read)
//   lsa/terms.json         only when the built-in LSA embedder made the vectors: its fitted projection, so that
//   lsa/idf.f32            a question after an import is embedded as the chunks were: the vocabulary, each
//   lsa/projection.f32     term's idf, the terms × dimension projection and the singular values (little-endian
//   lsa/singular-values.f32  Float32); manifest.embedding.lsa says how many terms and dimensions
//   adapter/weights.f32    only when a query adapter was trained for the index's model: its dimension ×
//                          dimension weights (little-endian Float32, row-major); manifest.adapter holds the rest
//                          (model, switch, held-out figures, loss curve). Files without it still import.
// parseWorkspaceFile() checks everything before anything is used and names what is wrong with a code: the
// shape, and the values too (finite, non-zero vectors of the model's dimension, plain ids, plausible dates,
// counts within the limits of packages/core/src/workspaceLimits.ts).
// Pure: no DOM, no storage.
import { unzipSync, zipSync, strToU8, strFromU8 } from 'fflate';
import { withChunkMeta } from './chunkMeta';
import { readChunkerSettings, type ChunkerSettings } from './chunkers/settings';
import type { Chunk, EmbeddingDevice, SourceDocument } from './types';
import { documentFieldProblem, isPlainId, MAX_VECTOR_DIMENSION, MAX_WORKSPACE_CHUNKS, MAX_WORKSPACE_DOCUMENTS, packedVectorsProblem } from './workspaceLimits';
import { LSA_MODEL_ID, lsaModelProblem, type LsaModel } from './lsa/lsaModel';
import { embeddingDeviceOf } from './lsa/builtinLsa';
import { savedAdapterProblem, type SavedAdapter } from './adapterTraining/savedAdapter';

export const WORKSPACE_SCHEMA_VERSION = 1;
export const WORKSPACE_APP = 'openbook';
/** What made the vectors: a model on WebGPU or WASM, or the built-in embedder on the CPU ('cpu'; files written before say 'wasm'). */
export type WorkspaceDevice = EmbeddingDevice;

/** What a workspace file holds: the documents and the index (vectors[i] belongs to chunks[i]). */
export interface WorkspaceContent {
  documents: SourceDocument[];
  modelId: string;
  device: WorkspaceDevice;
  dimension: number;
  chunking: ChunkerSettings;
  chunks: Chunk[];
  vectors: Float32Array[];
  /** The built-in embedder's fitted projection, when modelId is LSA_MODEL_ID. */
  lsa?: LsaModel;
  /** A query adapter trained for this model, when there is one. */
  adapter?: SavedAdapter;
  /** True when each chunk was embedded with its contextual header (title › heading path) before its text. */
  embedHeaders?: boolean;
}

interface ManifestDocument {
  id: string;
  name: string;
  kind: SourceDocument['kind'];
  sizeBytes: number;
  addedAt: number;
  /** Length of the text in UTF-16 code units (what chunk offsets count). */
  textLength: number;
  chunkCount: number;
  /** Absent in files from before they were kept, and for documents without them. */
  structure?: SourceDocument['structure'];
  encoding?: string;
  contentHash?: string;
}

export interface WorkspaceManifest {
  schemaVersion: number;
  app: string;
  createdAt: string;
  embedding: {
    modelId: string;
    device: WorkspaceDevice;
    dimension: number;
    lsa?: { version: number; terms: number; chunkCount: number };
    /** Present (true) when each chunk was embedded with its contextual header; absent: its text alone. */
    contextualHeaders?: boolean;
  };
  /** The query adapter's description (its weights: adapter/weights.f32); absent when there is none. */
  adapter?: Omit<SavedAdapter, 'weights'>;
  /** The chunker settings; files from before there were several chunkers have { chunkSize, overlap } (recursive). */
  chunking: ChunkerSettings;
  documents: ManifestDocument[];
  chunkCount: number;
}

export type WorkspaceFileError =
  | { code: 'not-a-zip' }
  | { code: 'missing-manifest' }
  | { code: 'bad-manifest'; detail: string }
  | { code: 'wrong-schema-version'; found: string }
  | { code: 'missing-file'; file: string }
  | { code: 'document-mismatch'; document: string }
  | { code: 'vector-count-mismatch'; document: string; expected: number; found: number }
  | { code: 'vector-bytes-mismatch'; document: string; bytes: number }
  | { code: 'chunk-out-of-range'; document: string; chunk: number }
  | { code: 'unknown-model'; modelId: string }
  | { code: 'bad-lsa'; detail: string }
  | { code: 'bad-adapter'; detail: string }
  // Checks on what the file's values mean (packages/core/src/workspaceLimits.ts), not only their shape:
  | { code: 'bad-document-id'; id: string }
  | { code: 'bad-document-field'; document: string; field: string }
  | { code: 'too-many-documents'; found: number; limit: number }
  | { code: 'too-many-chunks'; found: number; limit: number }
  | { code: 'dimension-mismatch'; modelId: string; expected: number; found: number }
  | { code: 'duplicate-chunk'; document: string; chunk: number }
  | { code: 'bad-vector'; document: string; chunk: number }
  | { code: 'zero-vector'; document: string; chunk: number };

/** A model the app offers: its id and the dimension of its vectors (for the built-in LSA embedder, the most it makes). */
export interface KnownModel {
  id: string;
  dimension: number;
  builtin?: 'lsa';
}

export type ParsedWorkspaceFile = { ok: true; content: WorkspaceContent; manifest: WorkspaceManifest } | { ok: false; error: WorkspaceFileError };

const textPath = (n: number) => `documents/${n}.txt`;
const chunksPath = (n: number) => `chunks/${n}.json`;
const vectorsPath = (n: number) => `vectors/${n}.f32`;
const ADAPTER_WEIGHTS = 'adapter/weights.f32';
const LSA_FILES = { terms: 'lsa/terms.json', idf: 'lsa/idf.f32', projection: 'lsa/projection.f32', singularValues: 'lsa/singular-values.f32' };

/**
 * A workspace grouped by document, with each document's chunks and vectors in flat typed arrays: the form
 * a worker builds the file from or reads it into (its buffers can be transferred, not copied).
 */
export interface PackedWorkspace {
  modelId: string;
  device: WorkspaceDevice;
  dimension: number;
  chunking: ChunkerSettings;
  documents: PackedDocument[];
  lsa?: LsaModel;
  adapter?: SavedAdapter;
  embedHeaders?: boolean;
}

export interface PackedDocument {
  document: SourceDocument;
  /** (chunk index, start, end) per indexed chunk. */
  chunks: Uint32Array;
  /** Their vectors: chunks × dimension, in the order of `chunks`. */
  vectors: Float32Array;
}

/** How far a worker has come: documents written or checked, out of all of them. */
export interface WorkspaceFileProgress {
  stage: 'unpacking' | 'checking' | 'packing' | 'compressing';
  done: number;
  total: number;
}
export type WorkspaceFileProgressListener = (progress: WorkspaceFileProgress) => void;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Float32 values as little-endian bytes, whatever the platform's byte order (a view where it is little-endian). */
export function float32Bytes(values: Float32Array, littleEndian = LITTLE_ENDIAN): Uint8Array {
  if (littleEndian) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return bytes;
}

/** Little-endian Float32 bytes as values (a view where the platform is little-endian and the bytes aligned). */
export function readFloat32(bytes: Uint8Array, littleEndian = LITTLE_ENDIAN): Float32Array {
  const n = bytes.byteLength >> 2;
  if (littleEndian) {
    if (bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, n);
    return new Float32Array(bytes.slice(0, n * 4).buffer);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** Group a workspace by document into flat arrays. Chunks of documents not in `documents` are left out. */
export function packWorkspace(content: WorkspaceContent): PackedWorkspace {
  const { documents, dimension } = content;
  if (content.chunks.length !== content.vectors.length) throw new Error(`${content.chunks.length} chunks but ${content.vectors.length} vectors.`);
  const byDoc = new Map<string, number[]>(documents.map((d) => [d.id, []]));
  content.chunks.forEach((c, i) => byDoc.get(c.docId)?.push(i));
  const packed = documents.map((document): PackedDocument => {
    const positions = byDoc.get(document.id)!;
    const chunks = new Uint32Array(positions.length * 3);
    const vectors = new Float32Array(positions.length * dimension);
    positions.forEach((p, j) => {
      const c = content.chunks[p]!;
      const v = content.vectors[p]!;
      if (v.length !== dimension) throw new Error(`A vector of ${document.name} has ${v.length} dimensions, not ${dimension}.`);
      chunks[j * 3] = c.index;
      chunks[j * 3 + 1] = c.start;
      chunks[j * 3 + 2] = c.end;
      vectors.set(v, j * dimension);
    });
    return { document, chunks, vectors };
  });
  const { modelId, device, chunking, lsa, adapter, embedHeaders } = content;
  return {
    modelId,
    device,
    dimension,
    chunking,
    documents: packed,
    ...(lsa ? { lsa } : {}),
    ...(adapter ? { adapter } : {}),
    ...(embedHeaders ? { embedHeaders: true } : {}),
  };
}

/** The buffers of a packed workspace's chunks and vectors, to transfer it to or from a worker. */
export function packedWorkspaceBuffers(packed: PackedWorkspace): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const d of packed.documents) {
    for (const a of [d.chunks, d.vectors]) if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  }
  const lsa = packed.lsa;
  if (lsa) for (const a of [lsa.idf, lsa.projection, lsa.singularValues]) if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  return [...buffers];
}

/** The chunks (their text taken from the document, with page and heading) and vectors of a packed workspace. */
export function unpackWorkspace(packed: PackedWorkspace): WorkspaceContent {
  const { dimension } = packed;
  const chunks: Chunk[] = [];
  const vectors: Float32Array[] = [];
  for (const { document, chunks: triples, vectors: values } of packed.documents) {
    const docChunks: Chunk[] = [];
    const n = triples.length / 3;
    for (let j = 0; j < n; j++) {
      const index = triples[j * 3]!;
      const start = triples[j * 3 + 1]!;
      const end = triples[j * 3 + 2]!;
      docChunks.push({ id: `${document.id}#${index}`, docId: document.id, index, start, end, text: document.text.slice(start, end) });
      vectors.push(values.subarray(j * dimension, (j + 1) * dimension));
    }
    chunks.push(...withChunkMeta(docChunks, document));
  }
  const { modelId, device, chunking, lsa, adapter, embedHeaders } = packed;
  return {
    documents: packed.documents.map((d) => d.document),
    modelId,
    device,
    dimension,
    chunking,
    chunks,
    vectors,
    ...(lsa ? { lsa } : {}),
    ...(adapter ? { adapter } : {}),
    ...(embedHeaders ? { embedHeaders: true } : {}),
  };
}

/**
 * Write a packed workspace as one zip file. Texts and the chunk lists are deflated; the vectors are stored
 * as they are (level 0): random-looking Float32 data barely compresses, and deflating it took most of an
 * export's time. Any zip reader (and every Openbook version) reads both.
 */
export function writeWorkspaceFile(packed: PackedWorkspace, createdAt: Date = new Date(), onProgress?: WorkspaceFileProgressListener): Uint8Array {
  const { dimension } = packed;
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {};
  const manifestDocs: ManifestDocument[] = [];
  let chunkCount = 0;
  const total = packed.documents.length;
  packed.documents.forEach(({ document: doc, chunks, vectors }, n) => {
    const count = chunks.length / 3;
    if (chunks.length % 3 !== 0 || vectors.length !== count * dimension) throw new Error(`The vectors of ${doc.name} do not match its ${count} chunks.`);
    const triples: string[] = [];
    for (let j = 0; j < count; j++) triples.push(`[${chunks[j * 3]},${chunks[j * 3 + 1]},${chunks[j * 3 + 2]}]`);
    files[textPath(n)] = strToU8(doc.text);
    files[chunksPath(n)] = strToU8(`[${triples.join(',')}]`);
    files[vectorsPath(n)] = [float32Bytes(vectors), { level: 0 }];
    const { id, name, kind, sizeBytes, addedAt, structure, encoding, contentHash } = doc;
    manifestDocs.push({
      id,
      name,
      kind,
      sizeBytes,
      addedAt,
      textLength: doc.text.length,
      chunkCount: count,
      ...(structure ? { structure } : {}),
      ...(encoding ? { encoding } : {}),
      ...(contentHash ? { contentHash } : {}),
    });
    chunkCount += count;
    onProgress?.({ stage: 'packing', done: n + 1, total });
  });
  const lsa = packed.lsa;
  if (lsa) {
    files[LSA_FILES.terms] = strToU8(JSON.stringify(lsa.terms));
    files[LSA_FILES.idf] = [float32Bytes(lsa.idf), { level: 0 }];
    files[LSA_FILES.projection] = [float32Bytes(lsa.projection), { level: 0 }];
    files[LSA_FILES.singularValues] = [float32Bytes(lsa.singularValues), { level: 0 }];
  }
  const adapter = packed.adapter;
  if (adapter) files[ADAPTER_WEIGHTS] = [float32Bytes(adapter.weights), { level: 0 }];
  const manifest: WorkspaceManifest = {
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    app: WORKSPACE_APP,
    createdAt: createdAt.toISOString(),
    embedding: {
      modelId: packed.modelId,
      device: packed.device,
      dimension,
      ...(lsa ? { lsa: { version: lsa.version, terms: lsa.terms.length, chunkCount: lsa.chunkCount } } : {}),
      ...(packed.embedHeaders ? { contextualHeaders: true } : {}),
    },
    chunking: { ...packed.chunking },
    documents: manifestDocs,
    chunkCount,
    ...(adapter ? { adapter: adapterDescription(adapter) } : {}),
  };
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
  onProgress?.({ stage: 'compressing', done: 0, total });
  return zipSync(files, { level: 6 });
}

/** Pack a workspace into one zip file. Chunks of documents not in `documents` are left out. */
export function exportWorkspace(content: WorkspaceContent, createdAt: Date = new Date()): Uint8Array {
  return writeWorkspaceFile(packWorkspace(content), createdAt);
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const shownId = (id: unknown) => (typeof id === 'string' ? id.slice(0, 80) : String(id));

/** The manifest's shape and values, or what is wrong with them (the schema version is checked before). */
function checkManifest(m: Record<string, unknown>): WorkspaceFileError | null {
  const bad = (detail: string): WorkspaceFileError => ({ code: 'bad-manifest', detail });
  if (m.app !== WORKSPACE_APP) return bad('app');
  const e = m.embedding;
  if (!isRecord(e) || typeof e.modelId !== 'string' || !e.modelId) return bad('embedding.modelId');
  if (e.device !== 'webgpu' && e.device !== 'wasm' && !(e.device === 'cpu' && e.modelId === LSA_MODEL_ID)) return bad('embedding.device');
  if (!isCount(e.dimension) || e.dimension === 0 || e.dimension > MAX_VECTOR_DIMENSION) return bad('embedding.dimension');
  const c = m.chunking;
  // Files written before there were several chunkers hold { chunkSize, overlap }: the recursive chunker.
  if (!readChunkerSettings(c)) return bad('chunking');
  if (!Array.isArray(m.documents)) return bad('documents');
  if (m.documents.length > MAX_WORKSPACE_DOCUMENTS) return { code: 'too-many-documents', found: m.documents.length, limit: MAX_WORKSPACE_DOCUMENTS };
  const ids = new Set<string>();
  let total = 0;
  for (const [i, d] of m.documents.entries()) {
    if (!isRecord(d)) return bad(`documents[${i}]`);
    if (!isPlainId(d.id) || ids.has(d.id)) return { code: 'bad-document-id', id: shownId(d.id) };
    ids.add(d.id);
    if (!isCount(d.textLength)) return bad(`documents[${i}].textLength`);
    const field = documentFieldProblem(d, d.textLength);
    if (field) return { code: 'bad-document-field', document: typeof d.name === 'string' ? d.name.slice(0, 200) : d.id, field };
    if (!isCount(d.chunkCount)) return bad(`documents[${i}].chunkCount`);
    total += d.chunkCount;
  }
  if (total > MAX_WORKSPACE_CHUNKS) return { code: 'too-many-chunks', found: total, limit: MAX_WORKSPACE_CHUNKS };
  if (!isCount(m.chunkCount) || m.chunkCount !== total) return bad('chunkCount');
  return null;
}

/** The model a file's vectors were made with, checked against those the app offers: unknown, or of another dimension. */
function modelProblem(modelId: string, dimension: number, knownModels: Iterable<string | KnownModel>): WorkspaceFileError | null {
  let known: KnownModel | string | undefined;
  for (const m of knownModels) if ((typeof m === 'string' ? m : m.id) === modelId) known = m;
  if (known === undefined) return { code: 'unknown-model', modelId };
  if (typeof known === 'string') return null;
  // The built-in LSA embedder makes at most its listed dimension (fewer for few chunks); its projection's own
  // dimension is checked against the file's in readLsa.
  const fits = known.builtin === 'lsa' ? dimension <= known.dimension : dimension === known.dimension;
  return fits ? null : { code: 'dimension-mismatch', modelId, expected: known.dimension, found: dimension };
}

/** The LSA projection a file holds, or what is wrong with it. */
function readLsa(files: Record<string, Uint8Array>, manifest: WorkspaceManifest): LsaModel | WorkspaceFileError {
  const info = (manifest.embedding as { lsa?: unknown }).lsa;
  if (!isRecord(info) || !isCount(info.terms) || !isCount(info.chunkCount) || typeof info.version !== 'number') return { code: 'bad-lsa', detail: 'manifest' };
  for (const path of Object.values(LSA_FILES)) if (!files[path]) return { code: 'missing-file', file: path };
  let terms: unknown;
  try {
    terms = JSON.parse(strFromU8(files[LSA_FILES.terms]!));
  } catch {
    return { code: 'bad-lsa', detail: LSA_FILES.terms };
  }
  const model = {
    version: info.version,
    terms,
    idf: readFloat32(files[LSA_FILES.idf]!),
    dimension: manifest.embedding.dimension,
    projection: readFloat32(files[LSA_FILES.projection]!),
    singularValues: readFloat32(files[LSA_FILES.singularValues]!),
    chunkCount: info.chunkCount,
  };
  const problem = lsaModelProblem(model);
  if (problem) return { code: 'bad-lsa', detail: problem };
  if ((terms as unknown[]).length !== info.terms) return { code: 'bad-lsa', detail: 'terms' };
  return model as LsaModel;
}

function readChunkTriples(bytes: Uint8Array): number[][] | null {
  try {
    const parsed: unknown = JSON.parse(strFromU8(bytes));
    if (!Array.isArray(parsed)) return null;
    for (const t of parsed) if (!Array.isArray(t) || t.length !== 3 || !t.every(isCount)) return null;
    return parsed as number[][];
  } catch {
    return null;
  }
}

export type ReadWorkspaceFile = { ok: true; packed: PackedWorkspace; manifest: WorkspaceManifest } | { ok: false; error: WorkspaceFileError };

/**
 * Read and check a workspace file completely, into its packed form; nothing is returned unless all of it
 * is sound. `onProgress` hears the bytes unpacked (stage 'unpacking') and then the documents checked.
 */
export function readWorkspaceFile(
  bytes: Uint8Array,
  knownModels: Iterable<string | KnownModel>,
  onProgress?: WorkspaceFileProgressListener,
): ReadWorkspaceFile {
  const fail = (error: WorkspaceFileError): ReadWorkspaceFile => ({ ok: false, error });
  let files: Record<string, Uint8Array>;
  try {
    let unpacked = 0;
    const total = bytes.byteLength;
    files = unzipSync(bytes, {
      // Called just before each file is unpacked: the bytes of the files before it are done.
      filter: onProgress
        ? (file) => {
            onProgress({ stage: 'unpacking', done: Math.min(unpacked, total), total });
            unpacked += file.size;
            return true;
          }
        : undefined,
    });
  } catch {
    return fail({ code: 'not-a-zip' });
  }
  const manifestBytes = files['manifest.json'];
  if (!manifestBytes) return fail({ code: 'missing-manifest' });
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(manifestBytes));
  } catch {
    return fail({ code: 'bad-manifest', detail: 'JSON' });
  }
  if (!isRecord(raw)) return fail({ code: 'bad-manifest', detail: 'JSON' });
  if (raw.schemaVersion !== WORKSPACE_SCHEMA_VERSION) return fail({ code: 'wrong-schema-version', found: String(raw.schemaVersion ?? '') });
  const problem = checkManifest(raw);
  if (problem) return fail(problem);
  const manifest = raw as unknown as WorkspaceManifest;
  const { modelId, dimension } = manifest.embedding;
  const device = embeddingDeviceOf(modelId, manifest.embedding.device);
  const models = [...knownModels];

  const documents: PackedDocument[] = [];
  const total = manifest.documents.length;
  for (const [n, d] of manifest.documents.entries()) {
    onProgress?.({ stage: 'checking', done: n, total });
    const textBytes = files[textPath(n)];
    const chunkBytes = files[chunksPath(n)];
    const vectorBytes = files[vectorsPath(n)];
    if (!textBytes) return fail({ code: 'missing-file', file: textPath(n) });
    if (!chunkBytes) return fail({ code: 'missing-file', file: chunksPath(n) });
    if (!vectorBytes) return fail({ code: 'missing-file', file: vectorsPath(n) });
    const text = strFromU8(textBytes);
    if (text.length !== d.textLength) return fail({ code: 'document-mismatch', document: d.name });
    const triples = readChunkTriples(chunkBytes);
    if (!triples || triples.length !== d.chunkCount) return fail({ code: 'document-mismatch', document: d.name });
    if (vectorBytes.byteLength % (dimension * 4) !== 0) return fail({ code: 'vector-bytes-mismatch', document: d.name, bytes: vectorBytes.byteLength });
    const found = vectorBytes.byteLength / (dimension * 4);
    if (found !== triples.length) return fail({ code: 'vector-count-mismatch', document: d.name, expected: triples.length, found });
    const chunks = new Uint32Array(triples.length * 3);
    const indices = new Set<number>();
    for (const [j, [index, start, end]] of (triples as [number, number, number][]).entries()) {
      if (start > end || end > text.length || index > 0xffffffff) return fail({ code: 'chunk-out-of-range', document: d.name, chunk: index });
      // Chunk ids are `${docId}#${index}`: two chunks with one index would be one chunk in the index.
      if (indices.has(index)) return fail({ code: 'duplicate-chunk', document: d.name, chunk: index });
      indices.add(index);
      chunks[j * 3] = index;
      chunks[j * 3 + 1] = start;
      chunks[j * 3 + 2] = end;
    }
    const document: SourceDocument = {
      id: d.id,
      name: d.name,
      kind: d.kind,
      text,
      sizeBytes: d.sizeBytes,
      addedAt: d.addedAt,
      ...(d.structure ? { structure: d.structure } : {}),
      ...(d.encoding ? { encoding: d.encoding } : {}),
      ...(d.contentHash ? { contentHash: d.contentHash } : {}),
    };
    const vectors = readFloat32(vectorBytes);
    const bad = packedVectorsProblem(vectors, dimension);
    if (bad) return fail({ code: bad.problem === 'zero' ? 'zero-vector' : 'bad-vector', document: d.name, chunk: chunks[bad.position * 3]! });
    documents.push({ document, chunks, vectors });
  }
  const unusable = modelProblem(modelId, dimension, models);
  if (unusable) return fail(unusable);
  let lsa: LsaModel | undefined;
  if (modelId === LSA_MODEL_ID) {
    const read = readLsa(files, manifest);
    if ('code' in read) return fail(read);
    lsa = read;
  }
  let adapter: SavedAdapter | undefined;
  if ((manifest as { adapter?: unknown }).adapter !== undefined) {
    const read = readAdapter(files, manifest);
    if ('code' in read) return fail(read);
    adapter = read;
  }
  onProgress?.({ stage: 'checking', done: total, total });
  const chunking = readChunkerSettings(manifest.chunking)!;
  const embedHeaders = (manifest.embedding as { contextualHeaders?: unknown }).contextualHeaders === true;
  return {
    ok: true,
    manifest,
    packed: {
      modelId,
      device,
      dimension,
      chunking,
      documents,
      ...(lsa ? { lsa } : {}),
      ...(adapter ? { adapter } : {}),
      ...(embedHeaders ? { embedHeaders } : {}),
    },
  };
}

function adapterDescription(adapter: SavedAdapter): Omit<SavedAdapter, 'weights'> {
  const { weights: _weights, ...rest } = adapter;
  return rest;
}

/** The query adapter of a file whose manifest describes one: sound, and of the file's model and dimension. */
function readAdapter(files: Record<string, Uint8Array>, manifest: WorkspaceManifest): SavedAdapter | WorkspaceFileError {
  const bytes = files[ADAPTER_WEIGHTS];
  if (!bytes) return { code: 'missing-file', file: ADAPTER_WEIGHTS };
  const info = (manifest as { adapter?: unknown }).adapter;
  if (!isRecord(info)) return { code: 'bad-adapter', detail: 'manifest' };
  if (bytes.length % 4 !== 0) return { code: 'bad-adapter', detail: ADAPTER_WEIGHTS };
  const adapter = { ...info, weights: readFloat32(bytes) } as unknown as SavedAdapter;
  const problem = savedAdapterProblem(adapter);
  if (problem) return { code: 'bad-adapter', detail: problem };
  if (adapter.modelId !== manifest.embedding.modelId || adapter.dimension !== manifest.embedding.dimension) return { code: 'bad-adapter', detail: 'model' };
  return adapter;
}

/** Read and check a workspace file completely; nothing is returned unless all of it is sound. */
export function parseWorkspaceFile(bytes: Uint8Array, knownModels: Iterable<string | KnownModel>): ParsedWorkspaceFile {
  const read = readWorkspaceFile(bytes, knownModels);
  return read.ok ? { ok: true, manifest: read.manifest, content: unpackWorkspace(read.packed) } : read;
}

/** The file name an export gets: openbook-workspace-YYYY-MM-DD.zip (the local date). */
export function workspaceFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `openbook-workspace-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.zip`;
}
