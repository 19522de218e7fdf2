import { prebuiltAppConfig, type ModelRecord } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { buildAppConfig, CHAT_MODELS, DEFAULT_MODEL_HOST, findChatModel, rewriteModelUrl } from './chatModels';

function record(id: string): ModelRecord {
  const found = prebuiltAppConfig.model_list.find((r) => r.model_id === id);
  if (!found) throw new Error(`${id} is not in prebuiltAppConfig`);
  return found;
}

describe('CHAT_MODELS', () => {
  it('has unique ids, all in web-llm prebuiltAppConfig', () => {
    const ids = CHAT_MODELS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(() => record(id)).not.toThrow();
  });

  it('copies vram and context window from the library records', () => {
    for (const model of CHAT_MODELS) {
      const r = record(model.id);
      expect(model.vramMB, model.id).toBe(Math.round(r.vram_required_MB ?? NaN));
      expect(model.contextWindow, model.id).toBe(r.overrides?.context_window_size ?? 4096);
    }
  });

  it('states the quantization that the id names, and needs shader-f16 exactly for f16 builds', () => {
    for (const model of CHAT_MODELS) {
      expect(model.id, model.id).toContain(`-${model.quantization}-MLC`);
      const required = record(model.id).required_features?.includes('shader-f16') ?? false;
      // The library's required_features is a subset: every f16 build needs the feature.
      if (required) expect(model.needsShaderF16, model.id).toBe(true);
      expect(model.needsShaderF16, model.id).toBe(/f16/.test(model.quantization));
    }
  });

  it('links each f16 model to its f32 variant, which the picker also lists', () => {
    for (const model of CHAT_MODELS.filter((m) => m.needsShaderF16)) {
      const expectedF32 = model.id.replace('q4f16_1', 'q4f32_1');
      const inLibrary = prebuiltAppConfig.model_list.some((r) => r.model_id === expectedF32);
      if (!inLibrary) {
        expect(model.f32VariantId, model.id).toBeUndefined();
        continue;
      }
      expect(model.f32VariantId, model.id).toBe(expectedF32);
      const variant = findChatModel(expectedF32);
      expect(variant, expectedF32).toBeDefined();
      expect(variant?.needsShaderF16).toBe(false);
      expect(variant?.params).toBe(model.params);
      expect(variant?.contextWindow).toBe(model.contextWindow);
    }
    for (const model of CHAT_MODELS.filter((m) => !m.needsShaderF16)) expect(model.f32VariantId).toBeUndefined();
  });

  it('includes the models the brief asks for', () => {
    for (const id of [
      'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
      'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
      'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
      'Qwen2.5-1.5B-Instruct-q4f32_1-MLC',
      'Llama-3.2-1B-Instruct-q4f16_1-MLC',
      'Llama-3.2-1B-Instruct-q4f32_1-MLC',
      'SmolLM2-360M-Instruct-q4f16_1-MLC',
      'SmolLM2-360M-Instruct-q4f32_1-MLC',
      'gemma3-1b-it-q4f16_1-MLC',
      'Phi-3.5-mini-instruct-q4f16_1-MLC-1k',
    ]) {
      expect(findChatModel(id), id).toBeDefined();
    }
    expect(findChatModel('Qwen2.5-0.5B-Instruct-q4f16_1-MLC')?.languages).toEqual(expect.arrayContaining(['en', 'zh']));
  });

  it('gives positive approximate download sizes, f32 builds not smaller than f16 ones', () => {
    for (const model of CHAT_MODELS) {
      expect(model.downloadMB).toBeGreaterThan(0);
      const variant = model.f32VariantId ? findChatModel(model.f32VariantId) : undefined;
      if (variant) expect(variant.downloadMB).toBeGreaterThanOrEqual(model.downloadMB);
    }
  });
});

describe('rewriteModelUrl', () => {
  const url = 'https://huggingface.co/mlc-ai/Qwen2.5-0.5B-Instruct-q4f16_1-MLC';

  it('keeps the URL for the default host, with or without a trailing slash', () => {
    expect(rewriteModelUrl(url, DEFAULT_MODEL_HOST)).toBe(url);
    expect(rewriteModelUrl(url, 'https://huggingface.co/')).toBe(url);
  });

  it('moves the URL to a mirror, keeping the path', () => {
    expect(rewriteModelUrl(url, 'https://hf-mirror.com')).toBe('https://hf-mirror.com/mlc-ai/Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
  });

  it('puts a self-hosted path prefix in front of the path', () => {
    expect(rewriteModelUrl(url, 'http://localhost:8080/models/')).toBe('http://localhost:8080/models/mlc-ai/Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
  });

  it('rejects a host that is not an absolute http(s) URL', () => {
    expect(() => rewriteModelUrl(url, 'models/')).toThrow(/absolute http/);
    expect(() => rewriteModelUrl(url, 'ftp://example.com')).toThrow(/absolute http/);
  });
});

describe('buildAppConfig', () => {
  const id = 'SmolLM2-360M-Instruct-q4f16_1-MLC';

  it('holds only the chosen records, unchanged for the default host', () => {
    const config = buildAppConfig([id], DEFAULT_MODEL_HOST, prebuiltAppConfig);
    expect(config.model_list).toHaveLength(1);
    expect(config.model_list[0]).toEqual(record(id));
    expect(config.cacheBackend).toBe(prebuiltAppConfig.cacheBackend);
  });

  it('rewrites the weights host and keeps model_lib and everything else', () => {
    const config = buildAppConfig([id, 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC'], 'https://hf-mirror.com', prebuiltAppConfig);
    expect(config.model_list.map((r) => r.model)).toEqual([
      'https://hf-mirror.com/mlc-ai/SmolLM2-360M-Instruct-q4f16_1-MLC',
      'https://hf-mirror.com/mlc-ai/Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
    ]);
    const [smol] = config.model_list;
    const original = record(id);
    expect(smol?.model_lib).toBe(original.model_lib);
    expect({ ...smol, model: original.model }).toEqual(original);
  });

  it('does not modify the prebuilt config', () => {
    const before = JSON.stringify(prebuiltAppConfig);
    const config = buildAppConfig([id], 'http://127.0.0.1:9', prebuiltAppConfig);
    config.model_list[0]!.overrides!.context_window_size = 1;
    expect(JSON.stringify(prebuiltAppConfig)).toBe(before);
  });

  it('throws on an id the library does not have', () => {
    expect(() => buildAppConfig(['No-Such-Model-MLC'], DEFAULT_MODEL_HOST, prebuiltAppConfig)).toThrow(/not a prebuilt/);
  });
});
