// The chat models of the transformers.js engine: ONNX builds on the Hugging Face Hub, plus those a site
// serves itself and lists under "chat" in its models/models.json. No library imports: the store and the
// model picker read this on the first screen.
import type { ComputeDevice } from '@openbook/core/types';
import { isSafeModelId } from '../transformers/modelId';
import { isLanguageList, isRecord, isSize, parseOptionalSection, withSiteModels, type ManifestEntryCheck } from '../transformers/manifestSection';

/** transformers.js dtype names (model_<suffix>.onnx); 'auto' takes what the model's config.json says. */
export type TransformersDtype = 'auto' | 'fp32' | 'fp16' | 'q8' | 'q4' | 'q4f16';
const DTYPES: readonly TransformersDtype[] = ['auto', 'fp32', 'fp16', 'q8', 'q4', 'q4f16'];

export interface TransformersChatModelInfo {
  /** Hub id; also the folder name under models/ when the site serves the model. */
  id: string;
  label: string;
  /** Parameters, e.g. '0.5B'. */
  params: string;
  /** Weights for WASM, and for WebGPU without shader-f16. */
  dtype: TransformersDtype;
  /** Approximate download size in MB of `dtype`'s files. */
  downloadMB: number;
  /** Weights for WebGPU with shader-f16 (half the embedding size of q4), if the model has them. */
  f16Dtype?: TransformersDtype;
  f16DownloadMB?: number;
  /** Tokens of prompt plus answer the model was trained for. */
  contextWindow: number;
  languages: string[];
  /** Served by the site only, never from the hub (test fixtures). */
  selfHostedOnly?: boolean;
}

const QWEN_LANGUAGES = ['en', 'zh', 'fr', 'es', 'pt', 'de', 'it', 'ru', 'ja', 'ko', 'vi', 'th', 'ar'];

/**
 * Built-in models: instruct models with ONNX weights in their repository's onnx/ folder.
 *
 * Download sizes are APPROXIMATE, estimated from the architecture: q4 keeps the token embedding in fp32
 * and stores the other matrices in 4 bits with an fp32 scale per block of 32 (~5 bits per weight); q4f16
 * halves the embedding and the scales. Qwen2.5-0.5B: 136M embedding + 358M other weights; SmolLM2-360M:
 * 47M + 315M. The real figure is what the hub's files add up to; use these for display only.
 *
 * Speed on WASM: ONNX Runtime's WASM build has no 4-bit kernel, so q4 (MatMulNBits) dequantises every weight on
 * every decoded token; q8 (onnx/model_quantized.onnx, MatMulInteger) decoded 3.3-3.7x faster in the SmolLM2-135M-shaped
 * benchmark model (README, "Benchmarks with real-size models"). `dtype` stays q4 here until the hub repositories'
 * q8 files and their sizes are checked (they could not be from this offline machine).
 */
export const TRANSFORMERS_CHAT_MODELS: readonly TransformersChatModelInfo[] = [
  {
    id: 'onnx-community/Qwen2.5-0.5B-Instruct',
    label: 'Qwen2.5 0.5B Instruct',
    params: '0.5B',
    dtype: 'q4',
    downloadMB: 780,
    f16Dtype: 'q4f16',
    f16DownloadMB: 490,
    contextWindow: 32768,
    languages: QWEN_LANGUAGES,
  },
  {
    id: 'HuggingFaceTB/SmolLM2-360M-Instruct',
    label: 'SmolLM2 360M Instruct',
    params: '360M',
    dtype: 'q4',
    downloadMB: 390,
    f16Dtype: 'q4f16',
    f16DownloadMB: 270,
    contextWindow: 8192,
    languages: ['en'],
  },
];

/** Small, and good at Chinese as well as English. */
export const DEFAULT_TRANSFORMERS_CHAT_MODEL = 'onnx-community/Qwen2.5-0.5B-Instruct';

export interface ChosenWeights {
  dtype: TransformersDtype;
  downloadMB: number;
}

/** Which weights to load: the f16 build only on WebGPU with shader-f16, else the model's `dtype`. */
export function chooseWeights(model: TransformersChatModelInfo, device: ComputeDevice, shaderF16: boolean): ChosenWeights {
  if (device === 'webgpu' && shaderF16 && model.f16Dtype) {
    return { dtype: model.f16Dtype, downloadMB: model.f16DownloadMB ?? model.downloadMB };
  }
  return { dtype: model.dtype, downloadMB: model.downloadMB };
}

export type ChatManifestEntryCheck = ManifestEntryCheck<TransformersChatModelInfo>;

/**
 * Check one entry of models.json's "chat" list. Pure. Required: id, languages. Defaults: label = id,
 * params = '', dtype = 'auto', downloadMB = 0, contextWindow = 2048.
 */
export function checkChatManifestEntry(entry: unknown): ChatManifestEntryCheck {
  if (!isRecord(entry)) return { ok: false, reason: 'the entry is not an object' };
  const { id, label, params, dtype, downloadMB, f16Dtype, f16DownloadMB, contextWindow, languages, selfHostedOnly } = entry;
  const fail = (reason: string): ChatManifestEntryCheck => ({
    ok: false,
    reason: `${typeof id === 'string' ? `"${id}"` : 'the entry'}: ${reason}`,
  });
  if (typeof id !== 'string' || !isSafeModelId(id)) return fail('"id" must look like "owner/name" (letters, digits, "_", "-", ".")');
  if (label !== undefined && (typeof label !== 'string' || label.trim() === '')) return fail('"label" must be a non-empty string');
  if (params !== undefined && typeof params !== 'string') return fail('"params" must be a string');
  for (const [key, value] of [
    ['dtype', dtype],
    ['f16Dtype', f16Dtype],
  ] as const) {
    if (value !== undefined && !DTYPES.includes(value as TransformersDtype)) return fail(`"${key}" must be one of ${DTYPES.join(', ')}`);
  }
  for (const [key, value] of [
    ['downloadMB', downloadMB],
    ['f16DownloadMB', f16DownloadMB],
  ] as const) {
    if (value !== undefined && !isSize(value)) return fail(`"${key}" must be a number of megabytes, 0 or more`);
  }
  if (contextWindow !== undefined && !(typeof contextWindow === 'number' && Number.isInteger(contextWindow) && contextWindow > 0)) {
    return fail('"contextWindow" must be a positive integer');
  }
  if (!isLanguageList(languages)) {
    return fail('"languages" must be a non-empty list of language codes');
  }
  if (selfHostedOnly !== undefined && typeof selfHostedOnly !== 'boolean') return fail('"selfHostedOnly" must be true or false');

  const model: TransformersChatModelInfo = {
    id,
    label: typeof label === 'string' ? label : id,
    params: typeof params === 'string' ? params : '',
    dtype: (dtype as TransformersDtype | undefined) ?? 'auto',
    downloadMB: isSize(downloadMB) ? downloadMB : 0,
    contextWindow: typeof contextWindow === 'number' ? contextWindow : 2048,
    languages: [...languages],
  };
  if (f16Dtype !== undefined) model.f16Dtype = f16Dtype as TransformersDtype;
  if (isSize(f16DownloadMB)) model.f16DownloadMB = f16DownloadMB;
  if (typeof selfHostedOnly === 'boolean') model.selfHostedOnly = selfHostedOnly;
  return { ok: true, model };
}

/**
 * Read the "chat" list of a site's models.json. Pure. A document without one has no chat models; a bad
 * entry or a repeated id is left out, and `onRejected` hears why.
 */
export function parseChatManifest(json: unknown, onRejected?: (reason: string) => void): TransformersChatModelInfo[] {
  return parseOptionalSection(json, 'chat', checkChatManifestEntry, onRejected);
}

/** Built-in models followed by the site's own (a site entry with a built-in id is ignored). */
export function withSiteChatModels(site: readonly TransformersChatModelInfo[]): TransformersChatModelInfo[] {
  return withSiteModels(TRANSFORMERS_CHAT_MODELS, site);
}
