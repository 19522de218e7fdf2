// The workspace as one file, and back: a zip (made with fflate) holding
//   manifest.json          schema version, app, created-at, the embedding model, device and dimension,
//                          the chunk settings, the documents (id, name, kind, size, text length, and where
//                          known their pages/sections, encoding and content hash), chunk count
//   documents/<n>.txt      the text of document n (UTF-8), n its position in the manifest's list
//   chunks/<n>.json        document n's indexed chunks as [index, start, end] triples
//   vectors/<n>.f32        their vectors: little-endian Float32, chunks × dimension, in the order of chunks/<n>.json
// parseWorkspaceFile() checks everything before anything is used and names what is wrong with a code.
// Pure: no DOM, no storage.
import { unzipSync, zipSync, strToU8, strFromU8 } from 'fflate';
import { withChunkMeta } from './chunkMeta';
import { readChunkerSettings, type ChunkerSettings } from './chunkers/settings';
import { isContentHash, isValidStructure } from './documentStructure';
import type { Chunk, DocumentKind, SourceDocument } from './types';

export const WORKSPACE_SCHEMA_VERSION = 1;
export const WORKSPACE_APP = 'openbook';
export type WorkspaceDevice = 'webgpu' | 'wasm';

/** What a workspace file holds: the documents and the index (vectors[i] belongs to chunks[i]). */
export interface WorkspaceContent {
  documents: SourceDocument[];
  modelId: string;
  device: WorkspaceDevice;
  dimension: number;
  chunking: ChunkerSettings;
  chunks: Chunk[];
  vectors: Float32Array[];
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
  embedding: { modelId: string; device: WorkspaceDevice; dimension: number };
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
  | { code: 'unknown-model'; modelId: string };

export type ParsedWorkspaceFile = { ok: true; content: WorkspaceContent; manifest: WorkspaceManifest } | { ok: false; error: WorkspaceFileError };

const textPath = (n: number) => `documents/${n}.txt`;
const chunksPath = (n: number) => `chunks/${n}.json`;
const vectorsPath = (n: number) => `vectors/${n}.f32`;

/** Float32 values as little-endian bytes, whatever the platform's byte order. */
function float32Bytes(vectors: Float32Array[], dimension: number): Uint8Array {
  const bytes = new Uint8Array(vectors.length * dimension * 4);
  const view = new DataView(bytes.buffer);
  vectors.forEach((v, i) => {
    for (let d = 0; d < dimension; d++) view.setFloat32((i * dimension + d) * 4, v[d]!, true);
  });
  return bytes;
}

function readFloat32(bytes: Uint8Array, count: number, dimension: number): Float32Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Float32Array[] = [];
  for (let i = 0; i < count; i++) {
    const v = new Float32Array(dimension);
    for (let d = 0; d < dimension; d++) v[d] = view.getFloat32((i * dimension + d) * 4, true);
    out.push(v);
  }
  return out;
}

/** Pack a workspace into one zip file. Chunks of documents not in `documents` are left out. */
export function exportWorkspace(content: WorkspaceContent, createdAt: Date = new Date()): Uint8Array {
  const { documents, dimension } = content;
  if (content.chunks.length !== content.vectors.length) throw new Error(`${content.chunks.length} chunks but ${content.vectors.length} vectors.`);
  const files: Record<string, Uint8Array> = {};
  const manifestDocs: ManifestDocument[] = [];
  let chunkCount = 0;
  documents.forEach((doc, n) => {
    const positions = content.chunks.flatMap((c, i) => (c.docId === doc.id ? [i] : []));
    const vectors = positions.map((i) => content.vectors[i]!);
    for (const v of vectors) if (v.length !== dimension) throw new Error(`A vector of ${doc.name} has ${v.length} dimensions, not ${dimension}.`);
    files[textPath(n)] = strToU8(doc.text);
    files[chunksPath(n)] = strToU8(JSON.stringify(positions.map((i) => [content.chunks[i]!.index, content.chunks[i]!.start, content.chunks[i]!.end])));
    files[vectorsPath(n)] = float32Bytes(vectors, dimension);
    const { id, name, kind, sizeBytes, addedAt, structure, encoding, contentHash } = doc;
    manifestDocs.push({
      id,
      name,
      kind,
      sizeBytes,
      addedAt,
      textLength: doc.text.length,
      chunkCount: positions.length,
      ...(structure ? { structure } : {}),
      ...(encoding ? { encoding } : {}),
      ...(contentHash ? { contentHash } : {}),
    });
    chunkCount += positions.length;
  });
  const manifest: WorkspaceManifest = {
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    app: WORKSPACE_APP,
    createdAt: createdAt.toISOString(),
    embedding: { modelId: content.modelId, device: content.device, dimension },
    chunking: { ...content.chunking },
    documents: manifestDocs,
    chunkCount,
  };
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
  return zipSync(files, { level: 6 });
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const DOCUMENT_KINDS = new Set<unknown>(['text', 'markdown', 'html', 'pdf', 'docx', 'pasted'] satisfies DocumentKind[]);

/** The manifest's shape, or what is wrong with it (the schema version is checked before). */
function checkManifest(m: Record<string, unknown>): string | null {
  if (m.app !== WORKSPACE_APP) return 'app';
  const e = m.embedding;
  if (!isRecord(e) || typeof e.modelId !== 'string' || !e.modelId) return 'embedding.modelId';
  if (e.device !== 'webgpu' && e.device !== 'wasm') return 'embedding.device';
  if (!isCount(e.dimension) || e.dimension === 0) return 'embedding.dimension';
  const c = m.chunking;
  // Files written before there were several chunkers hold { chunkSize, overlap }: the recursive chunker.
  if (!readChunkerSettings(c)) return 'chunking';
  if (!Array.isArray(m.documents)) return 'documents';
  const ids = new Set<string>();
  let total = 0;
  for (const [i, d] of m.documents.entries()) {
    if (!isRecord(d) || typeof d.id !== 'string' || !d.id || ids.has(d.id)) return `documents[${i}].id`;
    ids.add(d.id);
    if (typeof d.name !== 'string') return `documents[${i}].name`;
    if (!DOCUMENT_KINDS.has(d.kind)) return `documents[${i}].kind`;
    if (!isCount(d.sizeBytes) || !isCount(d.addedAt) || !isCount(d.textLength)) return `documents[${i}].size`;
    if (!isCount(d.chunkCount)) return `documents[${i}].chunkCount`;
    if (d.structure !== undefined && !isValidStructure(d.structure, d.textLength)) return `documents[${i}].structure`;
    if (d.encoding !== undefined && (typeof d.encoding !== 'string' || !d.encoding)) return `documents[${i}].encoding`;
    if (d.contentHash !== undefined && !isContentHash(d.contentHash)) return `documents[${i}].contentHash`;
    total += d.chunkCount;
  }
  if (!isCount(m.chunkCount) || m.chunkCount !== total) return 'chunkCount';
  return null;
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

/** Read and check a workspace file completely; nothing is returned unless all of it is sound. */
export function parseWorkspaceFile(bytes: Uint8Array, knownModelIds: Iterable<string>): ParsedWorkspaceFile {
  const fail = (error: WorkspaceFileError): ParsedWorkspaceFile => ({ ok: false, error });
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
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
  if (problem) return fail({ code: 'bad-manifest', detail: problem });
  const manifest = raw as unknown as WorkspaceManifest;
  const { modelId, device, dimension } = manifest.embedding;

  const documents: SourceDocument[] = [];
  const chunks: Chunk[] = [];
  const vectors: Float32Array[] = [];
  for (const [n, d] of manifest.documents.entries()) {
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
    const docChunks: Chunk[] = [];
    for (const [index, start, end] of triples as [number, number, number][]) {
      if (start > end || end > text.length) return fail({ code: 'chunk-out-of-range', document: d.name, chunk: index });
      docChunks.push({ id: `${d.id}#${index}`, docId: d.id, index, start, end, text: text.slice(start, end) });
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
    chunks.push(...withChunkMeta(docChunks, document));
    vectors.push(...readFloat32(vectorBytes, found, dimension));
    documents.push(document);
  }
  if (!new Set(knownModelIds).has(modelId)) return fail({ code: 'unknown-model', modelId });
  return { ok: true, manifest, content: { documents, modelId, device, dimension, chunking: readChunkerSettings(manifest.chunking)!, chunks, vectors } };
}

/** The file name an export gets: openbook-workspace-YYYY-MM-DD.zip (the local date). */
export function workspaceFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `openbook-workspace-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.zip`;
}
