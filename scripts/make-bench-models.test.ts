// The real-size benchmark models: the shapes and files of the real ones, loadable by transformers.js (in
// Node, on onnxruntime-node's CPU), cached by version. The two small ones are generated here (about 23 MB
// each); the e5 and SmolLM2 shapes only have their vocabularies checked (generating them takes seconds), and the
// chat model's q4 and q8 layouts and its key/value cache are checked on a small Llama.
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoModelForSequenceClassification, AutoTokenizer, env, pipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_MODELS, makeBenchModels } from './make-bench-models';
import { buildLlama, type LlamaShape } from './bench-models/llama';
import { onnx } from './onnx-graph';
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
      ['SmolLM2-135M-Instruct-q8', 'q8'],
    ]);
    expect(BENCH_MODELS[0]!.config).toMatchObject({ num_hidden_layers: 12, hidden_size: 384, vocab_size: 250037 });
    expect(BENCH_MODELS[3]!.config).toMatchObject({ num_hidden_layers: 30, hidden_size: 576, num_key_value_heads: 3, vocab_size: 49152 });
  });
});

// The chat model's layouts, on a small Llama with SmolLM2's vocabulary (the full one takes seconds to write).
const SMALL_LLAMA: LlamaShape = {
  layers: 2,
  hidden: 64,
  heads: 4,
  kvHeads: 2,
  headDim: 16,
  intermediate: 128,
  vocab: SMOLLM_VOCAB,
  maxPositions: 256,
  ropeTheta: 100000,
  rmsEps: 1e-5,
};

describe('the chat model (Llama) in q4 and q8', () => {
  const nodes = (bytes: Uint8Array) => onnx.ModelProto.decode(bytes).graph!;
  const initializer = (graph: ReturnType<typeof nodes>, name: string) => graph.initializer!.find((t) => t.name === name)!;

  it('q4: every MatMul is MatMulNBits (4 bits, blocks of 32, accuracy_level unset, as quantize.py writes it), the embedding stays fp32', () => {
    const graph = nodes(buildLlama(SMALL_LLAMA, 'q4', 1));
    const matmuls = graph.node!.filter((n) => n.opType === 'MatMulNBits');
    // q, k, v, o, gate, up, down per layer, and the head.
    expect(matmuls).toHaveLength(SMALL_LLAMA.layers * 7 + 1);
    for (const node of matmuls) {
      const attrs = Object.fromEntries(node.attribute!.map((a) => [a.name, Number(a.i)]));
      expect(attrs).toMatchObject({ bits: 4, block_size: 32 });
      expect(attrs.accuracy_level).toBeUndefined();
    }
    expect(graph.node!.some((n) => n.opType === 'MatMulInteger')).toBe(false);
    const embedding = graph.node!.find((n) => n.opType === 'Gather' && n.input![1] === 'input_ids')!;
    expect(initializer(graph, embedding.input![0]!).dataType).toBe(onnx.TensorProto.DataType.FLOAT);
  });

  it('q8: MatMulInteger over int8 weights and an int8 embedding with DequantizeLinear (dynamic quantisation, QInt8), no MatMulNBits', () => {
    const graph = nodes(buildLlama(SMALL_LLAMA, 'q8', 1));
    const matmuls = graph.node!.filter((n) => n.opType === 'MatMulInteger');
    expect(matmuls).toHaveLength(SMALL_LLAMA.layers * 7 + 1);
    for (const node of matmuls) expect(initializer(graph, node.input![1]!).dataType).toBe(onnx.TensorProto.DataType.INT8);
    expect(graph.node!.some((n) => n.opType === 'MatMulNBits')).toBe(false);
    const embedding = graph.node!.find((n) => n.opType === 'Gather' && n.input![1] === 'input_ids')!;
    expect(initializer(graph, embedding.input![0]!).dataType).toBe(onnx.TensorProto.DataType.INT8);
  });

  it('transformers.js generates with the key/value cache in both: the prompt once, then one new token per step', async () => {
    const folder = join(dir, 'openbook-bench/small-llama');
    await mkdir(join(folder, 'onnx'), { recursive: true });
    const smol = BENCH_MODELS.find((m) => m.name === 'SmolLM2-135M-Instruct')!;
    const config = {
      ...smol.config,
      hidden_size: SMALL_LLAMA.hidden,
      num_hidden_layers: SMALL_LLAMA.layers,
      num_attention_heads: SMALL_LLAMA.heads,
      num_key_value_heads: SMALL_LLAMA.kvHeads,
      head_dim: SMALL_LLAMA.headDim,
      intermediate_size: SMALL_LLAMA.intermediate,
      max_position_embeddings: SMALL_LLAMA.maxPositions,
    };
    const { tokenizerJson, tokenizerConfigJson } = byteBpeTokenizer();
    await writeFile(join(folder, 'config.json'), JSON.stringify(config));
    await writeFile(join(folder, 'tokenizer.json'), JSON.stringify(tokenizerJson));
    await writeFile(join(folder, 'tokenizer_config.json'), JSON.stringify(tokenizerConfigJson));
    await writeFile(join(folder, 'onnx/model_q4.onnx'), buildLlama(SMALL_LLAMA, 'q4', 2));
    await writeFile(join(folder, 'onnx/model_quantized.onnx'), buildLlama(SMALL_LLAMA, 'q8', 2));
    for (const dtype of ['q4', 'q8'] as const) {
      const generator = await pipeline('text-generation', 'openbook-bench/small-llama', { dtype, device: 'cpu' });
      const session = (generator.model as unknown as { sessions: { model: { run(feeds: Record<string, { dims: number[] }>): Promise<unknown> } } }).sessions
        .model;
      const run = session.run.bind(session);
      const calls: Array<[number, number]> = [];
      session.run = (feeds) => {
        calls.push([feeds.input_ids!.dims[1]!, feeds['past_key_values.0.key']!.dims[2]!]);
        return run(feeds);
      };
      await generator('What is a chunk?', { max_new_tokens: 3, min_new_tokens: 3, do_sample: false });
      const prompt = calls[0]![0];
      expect(calls).toEqual([
        [prompt, 0],
        [1, prompt],
        [1, prompt + 1],
      ]);
      await generator.dispose();
    }
  }, 60_000);
});
