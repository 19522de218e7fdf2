// What a workspace may hold, as read back from a workspace file or from IndexedDB: the limits, and the
// checks on a document's fields and on vectors that every reader applies before anything is used.
// A document id must be a plain string: not empty, not too long, no control characters, and not a name
// that objects already have (`__proto__`, `constructor`, `toString`…), so that no lookup keyed by ids can
// ever find something that is not a document. Pure.
import { isContentHash, isValidStructure } from './documentStructure';
import type { DocumentKind } from './types';

/** Documents in one workspace. */
export const MAX_WORKSPACE_DOCUMENTS = 10_000;
/** Indexed chunks in one workspace. */
export const MAX_WORKSPACE_CHUNKS = 1_000_000;
/** Dimensions of a vector. */
export const MAX_VECTOR_DIMENSION = 8192;
/** A document's text, in UTF-16 code units (what String.length counts). */
export const MAX_DOCUMENT_TEXT_LENGTH = 256 * 1024 * 1024;
/** A document's original size in bytes: the largest file the app takes (2048 MB). */
export const MAX_DOCUMENT_BYTES = 2048 * 1024 * 1024;
/** Characters of a document id, and of its name. */
export const MAX_DOCUMENT_ID_LENGTH = 200;
export const MAX_DOCUMENT_NAME_LENGTH = 1000;
/** When a document was added: from 1970 to the last millisecond of the year 9999 (what Date can show). */
export const MAX_TIMESTAMP = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export const DOCUMENT_KINDS: ReadonlySet<unknown> = new Set<unknown>(['text', 'markdown', 'html', 'pdf', 'docx', 'pasted'] satisfies DocumentKind[]);

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCountUpTo = (x: unknown, max: number): x is number => Number.isSafeInteger(x) && (x as number) >= 0 && (x as number) <= max;

/** Names every object has through its prototype: never document ids. */
const RESERVED_IDS: ReadonlySet<string> = new Set(['__proto__', ...Object.getOwnPropertyNames(Object.prototype)]);

/** Whether `id` is a plain document id (see the header). */
export function isPlainId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_DOCUMENT_ID_LENGTH && !/[\u0000-\u001f\u007f]/.test(id) && !RESERVED_IDS.has(id);
}

/** Whether `t` is a time (ms since 1970) that a date can show: a whole number from 0 to the end of 9999. */
export const isPlausibleTimestamp = (t: unknown): t is number => Number.isSafeInteger(t) && (t as number) >= 0 && (t as number) <= MAX_TIMESTAMP;

/**
 * The first field of a document's metadata that is wrong, or null. `textLength` is the length of its text
 * (where the text itself is not at hand, the manifest's count). Ids are checked by isPlainId separately.
 */
export function documentFieldProblem(d: Record<string, unknown>, textLength: number): string | null {
  if (!isPlainId(d.id)) return 'id';
  if (typeof d.name !== 'string' || d.name.length > MAX_DOCUMENT_NAME_LENGTH) return 'name';
  if (!DOCUMENT_KINDS.has(d.kind)) return 'kind';
  if (!isCountUpTo(d.sizeBytes, MAX_DOCUMENT_BYTES)) return 'sizeBytes';
  if (!isPlausibleTimestamp(d.addedAt)) return 'addedAt';
  if (!isCountUpTo(textLength, MAX_DOCUMENT_TEXT_LENGTH)) return 'text';
  if (d.structure !== undefined && !isValidStructure(d.structure, textLength)) return 'structure';
  if (d.encoding !== undefined && (typeof d.encoding !== 'string' || !d.encoding || d.encoding.length > 100)) return 'encoding';
  if (d.contentHash !== undefined && !isContentHash(d.contentHash)) return 'contentHash';
  return null;
}

/** The first wrong field of a stored document (its text included), or null when it can be used as it is. */
export function storedDocumentProblem(d: unknown): string | null {
  if (!isRecord(d)) return 'record';
  if (typeof d.text !== 'string') return 'text';
  return documentFieldProblem(d, d.text.length);
}

export type VectorProblem = 'not-finite' | 'zero';

/**
 * What is wrong with the vectors of `count` chunks packed in `values` (count × dimension), as the first
 * chunk position with a problem: a value that is NaN or infinite, or a vector of zeros (it has no
 * direction: every similarity to it is 0 or NaN). Null when all are usable.
 */
export function packedVectorsProblem(values: Float32Array, dimension: number): { position: number; problem: VectorProblem } | null {
  const count = Math.floor(values.length / dimension);
  for (let j = 0; j < count; j++) {
    const start = j * dimension;
    const end = start + dimension;
    // One pass of plain arithmetic per vector (a restore checks ~38 million values at 100k chunks × 384):
    // x * 0 is 0 for every finite x and NaN for NaN and ±Infinity; the sum of squares of float32 values
    // (in float64: no overflow, no underflow to 0) is 0 exactly when every value is ±0.
    let notFinite = 0;
    let squares = 0;
    for (let k = start; k < end; k++) {
      const x = values[k]!;
      notFinite += x * 0;
      squares += x * x;
    }
    if (notFinite !== 0) return { position: j, problem: 'not-finite' };
    if (squares === 0) return { position: j, problem: 'zero' };
  }
  return null;
}
