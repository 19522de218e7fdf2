// The cross-encoders the app knows about, and the "reranker" list of a site's own models/models.json.
// No library imports: the store and the model picker read this on the first screen.
import { isSafeModelId } from '../transformers/modelId';
import { isLanguageList, isRecord, isSize, parseOptionalSection, withSiteModels, type ManifestEntryCheck } from '../transformers/manifestSection';
import type { RerankModelInfo } from './reranker';

/**
 * Built-in cross-encoders: ONNX exports on the Hugging Face Hub with one relevance logit per
 * (question, passage) pair, which transformers.js loads as AutoModelForSequenceClassification.
 * sizeMB is onnx/model_quantized.onnx (q8, what WASM loads), webgpuSizeMB onnx/model.onnx (fp32, what
 * WebGPU loads), as the hub lists them; the tokenizer comes on top (XLM-R's tokenizer.json is ~17 MB).
 */
export const BUILTIN_RERANK_MODELS: RerankModelInfo[] = [
  {
    // cross-encoder/ms-marco-MiniLM-L-6-v2: BERT MiniLM, 6 layers, trained on MS MARCO (English).
    id: 'Xenova/ms-marco-MiniLM-L-6-v2',
    label: 'ms-marco-MiniLM-L-6-v2',
    sizeMB: 23,
    webgpuSizeMB: 91,
    languages: ['en'],
    maxTokens: 512,
  },
  {
    // BAAI/bge-reranker-base: XLM-RoBERTa base, trained for Chinese and English.
    id: 'Xenova/bge-reranker-base',
    label: 'bge-reranker-base',
    sizeMB: 279,
    webgpuSizeMB: 1110,
    languages: ['zh', 'en'],
    maxTokens: 512,
  },
];

export type RerankManifestEntryCheck = ManifestEntryCheck<RerankModelInfo>;

/**
 * Check one entry of models.json's "reranker" list. Pure. Required: id, languages, maxTokens.
 * Defaults: label = id, sizeMB = 0.
 */
export function checkRerankManifestEntry(entry: unknown): RerankManifestEntryCheck {
  if (!isRecord(entry)) return { ok: false, reason: 'the entry is not an object' };
  const { id, label, sizeMB, webgpuSizeMB, languages, languagesNote, maxTokens, selfHostedOnly } = entry;
  const fail = (reason: string): RerankManifestEntryCheck => ({
    ok: false,
    reason: `${typeof id === 'string' ? `"${id}"` : 'the entry'}: ${reason}`,
  });
  if (typeof id !== 'string' || !isSafeModelId(id)) return fail('"id" must look like "owner/name" (letters, digits, "_", "-", ".")');
  if (label !== undefined && (typeof label !== 'string' || label.trim() === '')) return fail('"label" must be a non-empty string');
  if (sizeMB !== undefined && !isSize(sizeMB)) return fail('"sizeMB" must be a number of megabytes, 0 or more');
  if (webgpuSizeMB !== undefined && !isSize(webgpuSizeMB)) return fail('"webgpuSizeMB" must be a number of megabytes, 0 or more');
  if (!isLanguageList(languages)) {
    return fail('"languages" must be a non-empty list of language codes');
  }
  if (languagesNote !== undefined && typeof languagesNote !== 'string') return fail('"languagesNote" must be a string');
  if (!(typeof maxTokens === 'number' && Number.isInteger(maxTokens) && maxTokens > 0)) return fail('"maxTokens" must be a positive integer');
  if (selfHostedOnly !== undefined && typeof selfHostedOnly !== 'boolean') return fail('"selfHostedOnly" must be true or false');

  const model: RerankModelInfo = {
    id,
    label: typeof label === 'string' ? label : id,
    sizeMB: isSize(sizeMB) ? sizeMB : 0,
    languages: [...languages],
    maxTokens,
  };
  if (isSize(webgpuSizeMB)) model.webgpuSizeMB = webgpuSizeMB;
  if (typeof languagesNote === 'string') model.languagesNote = languagesNote;
  if (typeof selfHostedOnly === 'boolean') model.selfHostedOnly = selfHostedOnly;
  return { ok: true, model };
}

/**
 * Read the "reranker" list of a site's models.json. Pure. A document without one has no rerankers; a bad
 * entry or a repeated id is left out, and `onRejected` hears why.
 */
export function parseRerankManifest(json: unknown, onRejected?: (reason: string) => void): RerankModelInfo[] {
  return parseOptionalSection(json, 'reranker', checkRerankManifestEntry, onRejected);
}

/** Built-in models followed by the site's own (a site entry with a built-in id is ignored). */
export function withSiteRerankModels(site: readonly RerankModelInfo[]): RerankModelInfo[] {
  return withSiteModels(BUILTIN_RERANK_MODELS, site);
}
