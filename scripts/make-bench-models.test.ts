// The real-size benchmark models: the shapes and files of the real ones, loadable by transformers.js (in
// Node, on onnxruntime-node's CPU), cached by version. The two small ones are generated here (about 23 MB
// each); the e5 and SmolLM2 shapes only have their vocabularies checked (generating them takes seconds).
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoModelForSequenceClassification, AutoTokenizer, env, pipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_MODELS, makeBenchModels } from './make-bench-models';
import { BERT_VOCAB, SMOLLM_VOCAB, XLMR_TOKENIZER_VOCAB, byteBpeTokenizer, unigramTokenizer, wordPieceTokenizer } from './bench-models/tokenizers';

let dir: string;
const SMALL = ['all-MiniLM-L6-v2', 'ms-marco-MiniLM-L-6-v2'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openbook-bench-models-'));
  await makeBenchModels(dir, { only: SMALL });
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dir}/`;
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('makeBenchModels', () => {
  it('writes the files transformers.js loads on WASM, q8 at the real size, and a manifest of benchmark-only models', async () => {
    const folder = join(dir, 'openbook-bench/all-MiniLM-L6-v2');
    expect((await readdir(folder)).sort()).toEqual(['.generated.json', 'config.json', 'onnx', 'tokenizer.json', 'tokenizer_config.json']);
    // The hub's Xenova/all-MiniLM-L6-v2 onnx/model_quantized.onnx is 22.9 MB.
    const bytes = (await stat(join(folder, 'onnx/model_quantized.onnx'))).size;
    expect(bytes / 1e6).toBeGreaterThan(21);
    expect(bytes / 1e6).toBeLessThan(25);
    const manifest = JSON.parse(await readFile(join(dir, 'models.json'), 'utf8'));
    expect(manifest.embedding.map((m: { id: string }) => m.id)).toEqual(['openbook-bench/all-MiniLM-L6-v2']);
    expect(manifest.reranker[0]).toMatchObject({ id: 'openbook-bench/ms-marco-MiniLM-L-6-v2', selfHostedOnly: true });
  });

  it('embeds with the 384-wide encoder: one unit vector per text, whatever its length', async () => {
    const extractor = await pipeline('feature-extraction', 'openbook-bench/all-MiniLM-L6-v2', { dtype: 'q8', device: 'cpu' });
    const out = await extractor(['Each colony has one queen, the only female that lays eggs.', 'Tea'], { pooling: 'mean', normalize: true });
    expect(out.dims).toEqual([2, 384]);
    const first = Array.from(out.data as Float32Array).slice(0, 384);
    expect(Math.hypot(...first)).toBeCloseTo(1, 4);
    await extractor.dispose();
  });

  it('scores question-passage pairs with the cross-encoder: one logit per pair', async () => {
    const id = 'openbook-bench/ms-marco-MiniLM-L-6-v2';
    const tokenizer = await AutoTokenizer.from_pretrained(id);
    const model = await AutoModelForSequenceClassification.from_pretrained(id, { dtype: 'q8', device: 'cpu' });
    const inputs = tokenizer(['How hot is lava?', 'How hot is lava?'], { text_pair: ['Lava is molten rock.', 'Tea is a drink.'], padding: true });
    const { logits } = await model(inputs);
    expect(logits.dims).toEqual([2, 1]);
    expect(Number.isFinite(logits.data[0])).toBe(true);
    await model.dispose();
  });

  it('a second run finds the cached folders and writes nothing', async () => {
    const path = join(dir, 'openbook-bench/all-MiniLM-L6-v2/onnx/model_quantized.onnx');
    const before = (await stat(path)).mtimeMs;
    await makeBenchModels(dir, { only: SMALL });
    expect((await stat(path)).mtimeMs).toBe(before);
  });
});

describe('the generated tokenizers', () => {
  const vocabSize = (t: { tokenizerJson: unknown }) => {
    const model = (t.tokenizerJson as { model: { vocab: unknown } }).model;
    return Array.isArray(model.vocab) ? model.vocab.length : Object.keys(model.vocab as object).length;
  };
  it('have the real vocabulary sizes, with no token twice', () => {
    expect(vocabSize(wordPieceTokenizer())).toBe(BERT_VOCAB);
    const unigram = unigramTokenizer();
    expect(vocabSize(unigram)).toBe(XLMR_TOKENIZER_VOCAB);
    const pieces = (unigram.tokenizerJson as { model: { vocab: [string, number][] } }).model.vocab.map(([p]) => p);
    expect(new Set(pieces).size).toBe(pieces.length);
    expect(vocabSize(byteBpeTokenizer())).toBe(SMOLLM_VOCAB);
  });

  it('are the same on every run', () => {
    expect(JSON.stringify(unigramTokenizer())).toBe(JSON.stringify(unigramTokenizer()));
  });

  it('cover the four models the app offers in their real shapes and dtypes', () => {
    expect(BENCH_MODELS.map((m) => [m.name, m.dtype])).toEqual([
      ['multilingual-e5-small', 'q8'],
      ['all-MiniLM-L6-v2', 'q8'],
      ['ms-marco-MiniLM-L-6-v2', 'q8'],
      ['SmolLM2-135M-Instruct', 'q4'],
    ]);
    expect(BENCH_MODELS[0]!.config).toMatchObject({ num_hidden_layers: 12, hidden_size: 384, vocab_size: 250037 });
    expect(BENCH_MODELS[3]!.config).toMatchObject({ num_hidden_layers: 30, hidden_size: 576, num_key_value_heads: 3, vocab_size: 49152 });
  });
});
