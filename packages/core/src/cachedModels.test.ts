import { describe, expect, it } from 'vitest';
import { findModelFolders, groupByModel, modelOfCacheUrl } from './cachedModels';

describe('modelOfCacheUrl', () => {
  it('finds the model of a site file, a hub file, a mirror file and a WebLLM library', () => {
    expect(modelOfCacheUrl('http://localhost:4173/openbook/models/openbook/tiny-embedder/onnx/model.onnx', '/openbook/models/')).toBe('openbook/tiny-embedder');
    expect(modelOfCacheUrl('https://huggingface.co/Xenova/all-MiniLM-L6-v2/resolve/main/tokenizer.json', '/models/')).toBe('Xenova/all-MiniLM-L6-v2');
    expect(modelOfCacheUrl('https://hf-mirror.com/mlc-ai/Qwen2.5-0.5B-Instruct-q4f16_1-MLC/resolve/main/params_shard_3.bin', '/models/')).toBe(
      'mlc-ai/Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
    );
    expect(
      modelOfCacheUrl(
        'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_48/Qwen2.5-0.5B-Instruct-q4f16_1-ctx4k_cs1k-webgpu.wasm',
        '/models/',
      ),
    ).toBe('webllm-lib:Qwen2.5-0.5B-Instruct-q4f16_1');
  });

  it('is null for what is not a model file', () => {
    expect(modelOfCacheUrl('http://localhost/models/models.json', '/models/')).toBeNull();
    expect(modelOfCacheUrl('http://localhost/assets/index.js', '/models/')).toBeNull();
  });
});

describe('groupByModel', () => {
  it('sums each model’s files, joins a WebLLM library to its weights, and leaves out other files', () => {
    const groups = groupByModel(
      [
        { cache: 'transformers-cache', url: 'http://localhost/models/openbook/tiny-embedder/config.json', bytes: 100 },
        { cache: 'transformers-cache', url: 'http://localhost/models/openbook/tiny-embedder/onnx/model.onnx', bytes: 9_000 },
        { cache: 'webllm/model', url: 'https://huggingface.co/mlc-ai/SmolLM2-360M-Instruct-q4f16_1-MLC/resolve/main/params_shard_0.bin', bytes: 50_000 },
        { cache: 'webllm/config', url: 'https://huggingface.co/mlc-ai/SmolLM2-360M-Instruct-q4f16_1-MLC/resolve/main/mlc-chat-config.json', bytes: 1_000 },
        { cache: 'webllm/wasm', url: 'https://example.org/libs/SmolLM2-360M-Instruct-q4f16_1-ctx4k_cs1k-webgpu.wasm', bytes: 4_000 },
        { cache: 'openbook-site-models', url: 'http://localhost/models/models.json', bytes: 10 },
      ],
      '/models/',
    );
    expect(groups.map((g) => [g.id, g.engine, g.bytes, g.entries.length])).toEqual([
      ['mlc-ai/SmolLM2-360M-Instruct-q4f16_1-MLC', 'WebLLM', 55_000, 3],
      ['openbook/tiny-embedder', 'transformers.js', 9_100, 2],
    ]);
  });
});

describe('findModelFolders', () => {
  const ids = ['openbook/tiny-embedder', 'Xenova/all-MiniLM-L6-v2'];

  it('finds a model folder chosen by itself, by its name', () => {
    const paths = ['tiny-embedder/config.json', 'tiny-embedder/onnx/model.onnx', 'tiny-embedder/.DS_Store', 'tiny-embedder/tokenizer.json'];
    expect(findModelFolders(paths, ids)).toEqual([
      {
        id: 'openbook/tiny-embedder',
        files: [
          { path: 'config.json', index: 0 },
          { path: 'onnx/model.onnx', index: 1 },
          { path: 'tokenizer.json', index: 3 },
        ],
      },
    ]);
  });

  it('finds every model in a models/ folder laid out as <org>/<name>/', () => {
    const paths = [
      'models/models.json',
      'models/openbook/tiny-embedder/config.json',
      'models/Xenova/all-MiniLM-L6-v2/config.json',
      'models/Xenova/all-MiniLM-L6-v2/onnx/model_quantized.onnx',
    ];
    const found = findModelFolders(paths, ids);
    expect(found.map((f) => [f.id, f.files.map((x) => x.path)])).toEqual([
      ['openbook/tiny-embedder', ['config.json']],
      ['Xenova/all-MiniLM-L6-v2', ['config.json', 'onnx/model_quantized.onnx']],
    ]);
  });

  it('finds nothing in a folder without a known model’s config.json', () => {
    expect(findModelFolders(['photos/a.jpg', 'other-model/config.json'], ids)).toEqual([]);
  });
});
