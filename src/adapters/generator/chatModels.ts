// The chat models the picker offers: small prebuilt WebLLM models (@mlc-ai/web-llm 0.2.86), and the
// AppConfig that tells WebLLM where to download the chosen one from.
//
// Only types come from '@mlc-ai/web-llm' here (erased at build time): the library is one 6.8 MB file
// and must stay off the first screen. buildAppConfig therefore takes the library's prebuiltAppConfig
// as an argument; generator.worker.ts (the only importer of the library) passes it.
import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import type { ChatModelInfo } from './generator';

/** Where WebLLM's prebuilt weights live. Other hosts (a mirror, a self-hosted copy) keep the same paths. */
export const DEFAULT_MODEL_HOST = 'https://huggingface.co';

const QWEN_LANGUAGES = ['en', 'zh', 'fr', 'es', 'pt', 'de', 'it', 'ru', 'ja', 'ko', 'vi', 'th', 'ar'];
const LLAMA_LANGUAGES = ['en', 'de', 'fr', 'it', 'pt', 'hi', 'es', 'th'];
const PHI_LANGUAGES = ['en', 'zh', 'ar', 'de', 'es', 'fr', 'it', 'ja', 'ko', 'pt', 'ru'];

/**
 * The picker's list, roughly by size (each f16 build next to its f32 variant). `id`, `vramMB` (vram_required_MB, rounded)
 * and `contextWindow` (overrides.context_window_size) are copied from web-llm 0.2.86's
 * prebuiltAppConfig; chatModels.test.ts checks them against the library.
 *
 * `downloadMB` is APPROXIMATE: parameter count x bits per weight (4-bit weights plus one f16 or f32
 * scale per group of 32, i.e. ~4.5 or ~5 bits) plus tokenizer and compiled model library, rounded.
 * The real figure is whatever the weight shards on the host add up to; use it for display only.
 *
 * `needsShaderF16`: every *f16* quantization computes in f16, so it needs the WebGPU 'shader-f16'
 * feature even where the library's record omits required_features (it does for Qwen, Llama and
 * gemma3: WebLLM's own ShaderF16SupportError check only covers records that list the feature).
 */
export const CHAT_MODELS: readonly ChatModelInfo[] = [
  {
    id: 'SmolLM2-360M-Instruct-q4f16_1-MLC',
    label: 'SmolLM2 360M Instruct',
    params: '360M',
    quantization: 'q4f16_1',
    downloadMB: 210,
    vramMB: 376,
    contextWindow: 4096,
    needsShaderF16: true,
    f32VariantId: 'SmolLM2-360M-Instruct-q4f32_1-MLC',
    languages: ['en'],
  },
  {
    id: 'SmolLM2-360M-Instruct-q4f32_1-MLC',
    label: 'SmolLM2 360M Instruct',
    params: '360M',
    quantization: 'q4f32_1',
    downloadMB: 230,
    vramMB: 580,
    contextWindow: 4096,
    needsShaderF16: false,
    languages: ['en'],
  },
  {
    id: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
    label: 'Qwen2.5 0.5B Instruct',
    params: '0.5B',
    quantization: 'q4f16_1',
    downloadMB: 290,
    vramMB: 945,
    contextWindow: 4096,
    needsShaderF16: true,
    f32VariantId: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
    languages: QWEN_LANGUAGES,
  },
  {
    id: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
    label: 'Qwen2.5 0.5B Instruct',
    params: '0.5B',
    quantization: 'q4f32_1',
    downloadMB: 320,
    vramMB: 1060,
    contextWindow: 4096,
    needsShaderF16: false,
    languages: QWEN_LANGUAGES,
  },
  {
    id: 'gemma3-1b-it-q4f16_1-MLC',
    label: 'Gemma 3 1B IT',
    params: '1B',
    quantization: 'q4f16_1',
    downloadMB: 600,
    vramMB: 711,
    contextWindow: 4096,
    needsShaderF16: true,
    // web-llm 0.2.86 has no q4f32 build of gemma3-1b-it.
    languages: ['en'],
  },
  {
    id: 'Llama-3.2-1B-Instruct-q4f16_1-MLC',
    label: 'Llama 3.2 1B Instruct',
    params: '1B',
    quantization: 'q4f16_1',
    downloadMB: 710,
    vramMB: 879,
    contextWindow: 4096,
    needsShaderF16: true,
    f32VariantId: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
    languages: LLAMA_LANGUAGES,
  },
  {
    id: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
    label: 'Llama 3.2 1B Instruct',
    params: '1B',
    quantization: 'q4f32_1',
    downloadMB: 790,
    vramMB: 1129,
    contextWindow: 4096,
    needsShaderF16: false,
    languages: LLAMA_LANGUAGES,
  },
  {
    id: 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
    label: 'Qwen2.5 1.5B Instruct',
    params: '1.5B',
    quantization: 'q4f16_1',
    downloadMB: 880,
    vramMB: 1630,
    contextWindow: 4096,
    needsShaderF16: true,
    f32VariantId: 'Qwen2.5-1.5B-Instruct-q4f32_1-MLC',
    languages: QWEN_LANGUAGES,
  },
  {
    id: 'Qwen2.5-1.5B-Instruct-q4f32_1-MLC',
    label: 'Qwen2.5 1.5B Instruct',
    params: '1.5B',
    quantization: 'q4f32_1',
    downloadMB: 970,
    vramMB: 1889,
    contextWindow: 4096,
    needsShaderF16: false,
    languages: QWEN_LANGUAGES,
  },
  {
    id: 'Phi-3.5-mini-instruct-q4f16_1-MLC-1k',
    label: 'Phi-3.5 mini Instruct (1k context)',
    params: '3.8B',
    quantization: 'q4f16_1',
    downloadMB: 2150,
    vramMB: 2520,
    contextWindow: 1024,
    needsShaderF16: true,
    f32VariantId: 'Phi-3.5-mini-instruct-q4f32_1-MLC-1k',
    languages: PHI_LANGUAGES,
  },
  {
    id: 'Phi-3.5-mini-instruct-q4f32_1-MLC-1k',
    label: 'Phi-3.5 mini Instruct (1k context)',
    params: '3.8B',
    quantization: 'q4f32_1',
    downloadMB: 2400,
    vramMB: 3179,
    contextWindow: 1024,
    needsShaderF16: false,
    languages: PHI_LANGUAGES,
  },
];

export function findChatModel(id: string): ChatModelInfo | undefined {
  return CHAT_MODELS.find((model) => model.id === id);
}

/** The host as an origin plus optional path prefix, without a trailing slash; throws on a non-http(s) URL. */
function normaliseModelHost(modelHost: string): string {
  let url: URL;
  try {
    url = new URL(modelHost.trim());
  } catch {
    throw new Error(`The model host must be an absolute http(s) URL, got "${modelHost}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`The model host must be an absolute http(s) URL, got "${modelHost}".`);
  }
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

/**
 * The weights URL of a prebuilt record moved to `modelHost`, keeping the path:
 * https://huggingface.co/mlc-ai/X with https://hf-mirror.com -> https://hf-mirror.com/mlc-ai/X;
 * with http://localhost:8080/models -> http://localhost:8080/models/mlc-ai/X.
 */
export function rewriteModelUrl(modelUrl: string, modelHost: string): string {
  const host = normaliseModelHost(modelHost);
  const original = new URL(modelUrl);
  if (host === original.origin) return modelUrl;
  return host + original.pathname + original.search;
}

/**
 * A WebLLM AppConfig holding only the records of `modelIds`, copied from `prebuilt` (pass the
 * library's prebuiltAppConfig), with the weights URL (`model`) moved to `modelHost`. `model_lib` (the
 * compiled WebGPU library, on raw.githubusercontent.com) is kept: HF mirrors do not carry it, and it
 * must match the library version. Pure: `prebuilt` is not modified. Throws on an unknown id or an
 * invalid host.
 */
export function buildAppConfig(modelIds: readonly string[], modelHost: string, prebuilt: AppConfig): AppConfig {
  const model_list = modelIds.map((id): ModelRecord => {
    const record = prebuilt.model_list.find((r) => r.model_id === id);
    if (!record) throw new Error(`"${id}" is not a prebuilt WebLLM model.`);
    const copy = structuredClone(record);
    copy.model = rewriteModelUrl(record.model, modelHost);
    return copy;
  });
  const config: AppConfig = { model_list };
  if (prebuilt.cacheBackend !== undefined) config.cacheBackend = prebuilt.cacheBackend;
  return config;
}
