import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRANSFORMERS_CHAT_MODEL,
  TRANSFORMERS_CHAT_MODELS,
  checkChatManifestEntry,
  chooseWeights,
  parseChatManifest,
  withSiteChatModels,
  type TransformersChatModelInfo,
} from './transformersChatModels';

const valid = { id: 'openbook/tiny-chat', label: 'Tiny', params: 'bigram', downloadMB: 0.83, contextWindow: 32768, languages: ['en'], selfHostedOnly: true };

describe('built-in transformers.js chat models', () => {
  it('are valid manifest entries with unique ids, the default among them', () => {
    for (const model of TRANSFORMERS_CHAT_MODELS) expect(checkChatManifestEntry(model)).toEqual({ ok: true, model });
    expect(new Set(TRANSFORMERS_CHAT_MODELS.map((m) => m.id)).size).toBe(TRANSFORMERS_CHAT_MODELS.length);
    expect(TRANSFORMERS_CHAT_MODELS.map((m) => m.id)).toContain(DEFAULT_TRANSFORMERS_CHAT_MODEL);
  });

  it('load q4 weights, or q4f16 ones (smaller) where WebGPU has shader-f16', () => {
    for (const model of TRANSFORMERS_CHAT_MODELS) {
      expect(model.dtype).toBe('q4');
      expect(model.f16Dtype).toBe('q4f16');
      expect(model.f16DownloadMB!).toBeLessThan(model.downloadMB);
      expect(model.downloadMB).toBeGreaterThan(0);
    }
    expect(TRANSFORMERS_CHAT_MODELS.find((m) => m.id === DEFAULT_TRANSFORMERS_CHAT_MODEL)!.languages).toEqual(expect.arrayContaining(['en', 'zh']));
  });
});

describe('chooseWeights', () => {
  const model = TRANSFORMERS_CHAT_MODELS[0]!;
  it('takes the f16 build only on WebGPU with shader-f16', () => {
    expect(chooseWeights(model, 'webgpu', true)).toEqual({ dtype: 'q4f16', downloadMB: model.f16DownloadMB });
    expect(chooseWeights(model, 'webgpu', false)).toEqual({ dtype: 'q4', downloadMB: model.downloadMB });
    expect(chooseWeights(model, 'wasm', true)).toEqual({ dtype: 'q4', downloadMB: model.downloadMB });
  });
  it('keeps a model without an f16 build on its dtype', () => {
    const plain: TransformersChatModelInfo = { ...valid, dtype: 'auto' };
    expect(chooseWeights(plain, 'webgpu', true)).toEqual({ dtype: 'auto', downloadMB: 0.83 });
  });
});

describe('parseChatManifest', () => {
  it('reads the "chat" list, filling in defaults', () => {
    expect(parseChatManifest({ embedding: [], chat: [valid, { id: 'me/model', languages: ['de'] }] })).toEqual([
      { ...valid, dtype: 'auto' },
      { id: 'me/model', label: 'me/model', params: '', dtype: 'auto', downloadMB: 0, contextWindow: 2048, languages: ['de'] },
    ]);
  });

  it('has no chat models without a "chat" list', () => {
    expect(parseChatManifest({ embedding: [] })).toEqual([]);
    expect(parseChatManifest(null)).toEqual([]);
  });

  it('leaves out bad entries and says why', () => {
    const reasons: string[] = [];
    const models = parseChatManifest(
      {
        chat: [
          valid,
          'x',
          { ...valid, id: '../etc' },
          { ...valid, id: 'a/b', dtype: 'q3' },
          { ...valid, id: 'a/c', languages: [] },
          { ...valid, id: 'a/d', contextWindow: 0 },
          { ...valid, id: 'a/e', downloadMB: -1 },
          { ...valid, label: 'again' },
        ],
      },
      (r) => reasons.push(r),
    );
    expect(models.map((m) => m.id)).toEqual(['openbook/tiny-chat']);
    expect(reasons).toEqual([
      'models.json, chat[1]: the entry is not an object.',
      'models.json, chat[2]: "../etc": "id" must look like "owner/name" (letters, digits, "_", "-", ".").',
      'models.json, chat[3]: "a/b": "dtype" must be one of auto, fp32, fp16, q8, q4, q4f16.',
      'models.json, chat[4]: "a/c": "languages" must be a non-empty list of language codes.',
      'models.json, chat[5]: "a/d": "contextWindow" must be a positive integer.',
      'models.json, chat[6]: "a/e": "downloadMB" must be a number of megabytes, 0 or more.',
      'models.json, chat[7]: "openbook/tiny-chat" is listed twice; the first one is kept.',
    ]);
    expect(parseChatManifest({ chat: {} }, (r) => reasons.push(r))).toEqual([]);
    expect(reasons.at(-1)).toBe('"chat" in models.json must be a list.');
  });

  it('adds site models after the built-in ones, never replacing one', () => {
    const site = parseChatManifest({ chat: [valid, { ...valid, id: DEFAULT_TRANSFORMERS_CHAT_MODEL, label: 'Impostor' }] });
    const all = withSiteChatModels(site);
    expect(all.map((m) => m.id)).toEqual([...TRANSFORMERS_CHAT_MODELS.map((m) => m.id), 'openbook/tiny-chat']);
    expect(all.find((m) => m.id === DEFAULT_TRANSFORMERS_CHAT_MODEL)!.label).not.toBe('Impostor');
  });
});
