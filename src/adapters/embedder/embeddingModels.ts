// The embedding models the app knows about, and the parser for a site's own models/models.json.
import { isSafeModelId } from '../transformers/modelId';
import { isLanguageList, isRecord, isSize, parseManifestList, type ManifestEntryCheck as SectionEntryCheck } from '../transformers/manifestSection';
import type { EmbeddingModelInfo } from './embedder';
import { BUILTIN_LSA_MODEL_ID } from '@openbook/core/lsa/builtinLsa';

export { BUILTIN_LSA_MODEL_ID, isBuiltinLsa } from '@openbook/core/lsa/builtinLsa';

export const BUILTIN_LSA_MODEL: EmbeddingModelInfo = {
  id: BUILTIN_LSA_MODEL_ID,
  label: 'LSA',
  dimension: 256,
  sizeMB: 0,
  languages: ['multilingual'],
  queryPrefix: '',
  passagePrefix: '',
  // Every word counts: there is no input limit.
  maxTokens: Number.MAX_SAFE_INTEGER,
  builtin: 'lsa',
};

/**
 * Models from the hub, all ONNX exports on the Hugging Face Hub that transformers.js loads directly.
 * sizeMB is the q8 weights (onnx/model_quantized.onnx) that the wasm device downloads; webgpuSizeMB the
 * fp32 weights (onnx/model.onnx) that WebGPU loads. Both approximate (from the hub's file listings).
 */
export const BUILTIN_EMBEDDING_MODELS: EmbeddingModelInfo[] = [
  {
    id: 'Xenova/all-MiniLM-L6-v2',
    label: 'all-MiniLM-L6-v2',
    dimension: 384,
    sizeMB: 23,
    webgpuSizeMB: 90,
    languages: ['en'],
    queryPrefix: '',
    passagePrefix: '',
    // Trained on sequences of up to 256 word pieces (sentence-transformers' max_seq_length), although
    // its tokenizer accepts 512.
    maxTokens: 256,
    pooling: 'mean',
  },
  {
    id: 'Xenova/multilingual-e5-small',
    label: 'multilingual-e5-small',
    dimension: 384,
    sizeMB: 118,
    webgpuSizeMB: 470,
    languages: ['multilingual'],
    queryPrefix: 'query: ',
    passagePrefix: 'passage: ',
    maxTokens: 512,
    pooling: 'mean',
  },
  {
    id: 'Xenova/bge-small-zh-v1.5',
    label: 'bge-small-zh-v1.5',
    dimension: 512,
    sizeMB: 24,
    webgpuSizeMB: 96,
    languages: ['zh'],
    queryPrefix: '为这个句子生成表示以用于检索相关文章：',
    passagePrefix: '',
    maxTokens: 512,
    // BGE models are trained with the [CLS] vector as the sentence embedding.
    pooling: 'cls',
  },
  {
    id: 'Xenova/bge-small-en-v1.5',
    label: 'bge-small-en-v1.5',
    dimension: 384,
    sizeMB: 34,
    webgpuSizeMB: 133,
    languages: ['en'],
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
    passagePrefix: '',
    maxTokens: 512,
    pooling: 'cls',
  },
];

/** The models.json document itself is unusable (not an object, no "embedding" list). */
export class ModelManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelManifestError';
  }
}

export type ManifestEntryCheck = SectionEntryCheck<EmbeddingModelInfo>;

const isPositiveInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0;

/** Check one entry of models.json's "embedding" list. Pure. */
export function checkManifestEntry(entry: unknown): ManifestEntryCheck {
  if (!isRecord(entry)) return { ok: false, reason: 'the entry is not an object' };
  const { id, label, dimension, sizeMB, webgpuSizeMB, languages, languagesNote, queryPrefix, passagePrefix, maxTokens } = entry;
  const name = typeof id === 'string' ? `"${id}"` : 'the entry';
  const fail = (reason: string): ManifestEntryCheck => ({ ok: false, reason: `${name}: ${reason}` });

  if (typeof id !== 'string' || id.length === 0) return fail('"id" must be a non-empty string');
  if (!isSafeModelId(id)) {
    return fail('"id" must look like "owner/name" (letters, digits, "_", "-", ".")');
  }
  if (label !== undefined && (typeof label !== 'string' || label.trim() === '')) {
    return fail('"label" must be a non-empty string');
  }
  if (!isPositiveInteger(dimension) || dimension > 16384) {
    return fail('"dimension" must be a positive integer');
  }
  if (sizeMB !== undefined && !isSize(sizeMB)) {
    return fail('"sizeMB" must be a number of megabytes, 0 or more');
  }
  if (webgpuSizeMB !== undefined && !isSize(webgpuSizeMB)) {
    return fail('"webgpuSizeMB" must be a number of megabytes, 0 or more');
  }
  if (!isLanguageList(languages)) {
    return fail('"languages" must be a non-empty list of language codes');
  }
  if (languagesNote !== undefined && typeof languagesNote !== 'string') {
    return fail('"languagesNote" must be a string');
  }
  if (queryPrefix !== undefined && typeof queryPrefix !== 'string') return fail('"queryPrefix" must be a string');
  if (passagePrefix !== undefined && typeof passagePrefix !== 'string') {
    return fail('"passagePrefix" must be a string');
  }
  if (!isPositiveInteger(maxTokens)) return fail('"maxTokens" must be a positive integer');
  if (entry.selfHostedOnly !== undefined && typeof entry.selfHostedOnly !== 'boolean') {
    return fail('"selfHostedOnly" must be true or false');
  }
  if (entry.pooling !== undefined && entry.pooling !== 'mean' && entry.pooling !== 'cls') {
    return fail('"pooling" must be "mean" or "cls"');
  }

  const model: EmbeddingModelInfo = {
    id,
    label: typeof label === 'string' ? label : id,
    dimension,
    sizeMB: typeof sizeMB === 'number' ? sizeMB : 0,
    languages: [...languages],
    queryPrefix: typeof queryPrefix === 'string' ? queryPrefix : '',
    passagePrefix: typeof passagePrefix === 'string' ? passagePrefix : '',
    maxTokens,
  };
  if (typeof languagesNote === 'string') model.languagesNote = languagesNote;
  if (typeof webgpuSizeMB === 'number') model.webgpuSizeMB = webgpuSizeMB;
  if (typeof entry.selfHostedOnly === 'boolean') model.selfHostedOnly = entry.selfHostedOnly;
  if (entry.pooling === 'mean' || entry.pooling === 'cls') model.pooling = entry.pooling;
  return { ok: true, model };
}

/**
 * Read a site's models.json: `{ "embedding": [EmbeddingModelInfo, ...] }`. Pure.
 * Throws a ModelManifestError when the document as a whole is unusable. A bad entry (or a repeated id)
 * is left out, and `onRejected` hears why; the valid entries are returned.
 * Optional fields get defaults: label = id, sizeMB = 0, prefixes = ''.
 */
export function parseModelManifest(json: unknown, onRejected?: (reason: string) => void): EmbeddingModelInfo[] {
  if (!isRecord(json)) throw new ModelManifestError('models.json must be a JSON object.');
  const list = json.embedding;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new ModelManifestError('"embedding" in models.json must be a list.');

  return parseManifestList('embedding', list, checkManifestEntry, onRejected);
}
