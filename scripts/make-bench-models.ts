// Real-size benchmark models: the architecture, shapes, dtype and file layout of the models the app offers,
// with seeded random weights (compute does not depend on the values, so each costs what the real one costs).
// For benchmarks only: never offered in the app, never committed; generated on demand into a git-ignored
// cache and kept there (a stamp file says which generator version wrote each folder).
//
//   npx tsx scripts/make-bench-models.ts [--fp32] [--only=name,name] [outDir]      (default: .tmp/bench-models)
//
// Output (under outDir; ids are `openbook-bench/<name>`):
//   openbook-bench/multilingual-e5-small/   12-layer, 384-wide BERT (XLM-R vocabulary: 250,037 rows, Unigram tokenizer), q8
//   openbook-bench/all-MiniLM-L6-v2/        6-layer, 384-wide BERT (30,522 WordPiece tokens), q8
//   openbook-bench/ms-marco-MiniLM-L-6-v2/  the same encoder with a one-logit classifier (cross-encoder), q8
//   openbook-bench/SmolLM2-135M-Instruct/   30-layer, 576-wide Llama (9 heads, 3 key/value heads, 49,152 tokens), q4
//   openbook-bench/SmolLM2-135M-Instruct-q8/  the same model in q8 (int8 MatMulInteger, as model_quantized.onnx is
//                                           written), to compare: on WASM, ONNX Runtime has no 4-bit kernel and
//                                           dequantises every MatMulNBits weight to fp32 on every call
//   models.json                             the manifest a site serves (embedding, reranker, chat)
// Each folder: config.json, tokenizer.json, tokenizer_config.json, onnx/model_quantized.onnx (q8) or
// onnx/model_q4.onnx (q4), as transformers.js loads them on WASM; with --fp32 also onnx/model.onnx, which it
// loads on WebGPU, for the encoders (for `npm run bench:gpu`).
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { json } from './onnx-graph.ts';
import { buildEncoder, type EncoderShape } from './bench-models/encoder.ts';
import type { WeightDtype } from './bench-models/graph.ts';
import { buildLlama, type LlamaShape } from './bench-models/llama.ts';
import { BERT_VOCAB, byteBpeTokenizer, SMOLLM_VOCAB, unigramTokenizer, wordPieceTokenizer, XLMR_MODEL_VOCAB } from './bench-models/tokenizers.ts';

/** Bump when the generated files change, so that cached folders are written again. */
const GENERATOR_VERSION = 1;
export const BENCH_MODELS_DIR = '.tmp/bench-models';
export const BENCH_OWNER = 'openbook-bench';

interface Tokenizer {
  tokenizerJson: unknown;
  tokenizerConfigJson: unknown;
}

interface BenchModel {
  name: string;
  kind: 'embedding' | 'reranker' | 'chat';
  /** The dtype the app loads on WASM, and its file. */
  dtype: WeightDtype;
  config: Record<string, unknown>;
  tokenizer: () => Tokenizer;
  build: (dtype: WeightDtype) => Uint8Array;
  /** The models.json entry (id added). */
  manifest: Record<string, unknown>;
}

const MINILM: EncoderShape = { layers: 6, hidden: 384, heads: 12, intermediate: 1536, vocab: BERT_VOCAB, maxPositions: 512, typeVocab: 2 };
const E5_SMALL: EncoderShape = { layers: 12, hidden: 384, heads: 12, intermediate: 1536, vocab: XLMR_MODEL_VOCAB, maxPositions: 512, typeVocab: 2 };
const SMOLLM2_135M: LlamaShape = {
  layers: 30,
  hidden: 576,
  heads: 9,
  kvHeads: 3,
  headDim: 64,
  intermediate: 1536,
  vocab: SMOLLM_VOCAB,
  maxPositions: 8192,
  ropeTheta: 100000,
  rmsEps: 1e-5,
};

const smolLmConfig = {
  model_type: 'llama',
  architectures: ['LlamaForCausalLM'],
  hidden_size: SMOLLM2_135M.hidden,
  num_hidden_layers: SMOLLM2_135M.layers,
  num_attention_heads: SMOLLM2_135M.heads,
  num_key_value_heads: SMOLLM2_135M.kvHeads,
  head_dim: SMOLLM2_135M.headDim,
  intermediate_size: SMOLLM2_135M.intermediate,
  hidden_act: 'silu',
  max_position_embeddings: SMOLLM2_135M.maxPositions,
  rms_norm_eps: SMOLLM2_135M.rmsEps,
  rope_theta: SMOLLM2_135M.ropeTheta,
  tie_word_embeddings: true,
  vocab_size: SMOLLM2_135M.vocab,
  bos_token_id: 1,
  eos_token_id: 2,
  pad_token_id: 2,
  use_cache: true,
};

const bertConfig = (shape: EncoderShape, extra: Record<string, unknown>) => ({
  model_type: 'bert',
  hidden_size: shape.hidden,
  num_hidden_layers: shape.layers,
  num_attention_heads: shape.heads,
  intermediate_size: shape.intermediate,
  hidden_act: 'gelu',
  hidden_dropout_prob: 0.1,
  attention_probs_dropout_prob: 0.1,
  max_position_embeddings: shape.maxPositions,
  type_vocab_size: shape.typeVocab,
  vocab_size: shape.vocab,
  layer_norm_eps: 1e-12,
  position_embedding_type: 'absolute',
  ...extra,
});

export const BENCH_MODELS: BenchModel[] = [
  {
    name: 'multilingual-e5-small',
    kind: 'embedding',
    dtype: 'q8',
    config: bertConfig(E5_SMALL, { architectures: ['BertModel'], pad_token_id: 1, tokenizer_class: 'XLMRobertaTokenizer' }),
    tokenizer: unigramTokenizer,
    build: (dtype) => buildEncoder(E5_SMALL, dtype, 0xe5),
    manifest: {
      label: 'multilingual-e5-small shape (benchmark)',
      dimension: 384,
      languages: ['multilingual'],
      queryPrefix: 'query: ',
      passagePrefix: 'passage: ',
      maxTokens: 512,
      pooling: 'mean',
    },
  },
  {
    name: 'all-MiniLM-L6-v2',
    kind: 'embedding',
    dtype: 'q8',
    config: bertConfig(MINILM, { architectures: ['BertModel'], pad_token_id: 0 }),
    tokenizer: wordPieceTokenizer,
    build: (dtype) => buildEncoder(MINILM, dtype, 0x1116),
    manifest: {
      label: 'all-MiniLM-L6-v2 shape (benchmark)',
      dimension: 384,
      languages: ['en'],
      queryPrefix: '',
      passagePrefix: '',
      maxTokens: 256,
      pooling: 'mean',
    },
  },
  {
    name: 'ms-marco-MiniLM-L-6-v2',
    kind: 'reranker',
    dtype: 'q8',
    config: bertConfig(MINILM, { architectures: ['BertForSequenceClassification'], pad_token_id: 0, id2label: { 0: 'LABEL_0' }, label2id: { LABEL_0: 0 } }),
    tokenizer: wordPieceTokenizer,
    build: (dtype) => buildEncoder({ ...MINILM, labels: 1 }, dtype, 0x3a3c0),
    manifest: { label: 'ms-marco-MiniLM-L-6-v2 shape (benchmark)', languages: ['en'], maxTokens: 512 },
  },
  {
    name: 'SmolLM2-135M-Instruct',
    kind: 'chat',
    dtype: 'q4',
    config: smolLmConfig,
    tokenizer: byteBpeTokenizer,
    build: (dtype) => buildLlama(SMOLLM2_135M, dtype, 0x135),
    manifest: { label: 'SmolLM2-135M shape (benchmark)', params: '135M', dtype: 'q4', contextWindow: 8192, languages: ['en'] },
  },
  {
    name: 'SmolLM2-135M-Instruct-q8',
    kind: 'chat',
    dtype: 'q8',
    config: smolLmConfig,
    tokenizer: byteBpeTokenizer,
    build: (dtype) => buildLlama(SMOLLM2_135M, dtype, 0x135),
    manifest: { label: 'SmolLM2-135M shape, q8 (benchmark)', params: '135M', dtype: 'q8', contextWindow: 8192, languages: ['en'] },
  },
];

const FILE_OF: Record<WeightDtype, string> = { fp32: 'model.onnx', q8: 'model_quantized.onnx', q4: 'model_q4.onnx' };

/** Write one model's folder (unless the cache already holds this version with these dtypes); returns its weights' bytes. */
async function writeModel(outDir: string, model: BenchModel, dtypes: WeightDtype[]): Promise<number> {
  const dir = join(outDir, BENCH_OWNER, model.name);
  const stampPath = join(dir, '.generated.json');
  const stamp = existsSync(stampPath) ? (JSON.parse(await readFile(stampPath, 'utf8')) as { version: number; bytes: Record<string, number> }) : null;
  if (stamp?.version === GENERATOR_VERSION && dtypes.every((d) => stamp.bytes[d] !== undefined)) {
    console.log(`${model.name}: cached`);
    return stamp.bytes[model.dtype]!;
  }
  if (stamp?.version !== GENERATOR_VERSION) await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'onnx'), { recursive: true });
  const { tokenizerJson, tokenizerConfigJson } = model.tokenizer();
  await writeFile(join(dir, 'config.json'), json(model.config));
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson));
  await writeFile(join(dir, 'tokenizer_config.json'), json(tokenizerConfigJson));
  if (model.kind === 'chat') await writeFile(join(dir, 'generation_config.json'), json({ bos_token_id: 1, eos_token_id: 2, pad_token_id: 2 }));
  const bytes: Record<string, number> = { ...(stamp?.version === GENERATOR_VERSION ? stamp.bytes : {}) };
  for (const dtype of dtypes) {
    if (bytes[dtype] !== undefined) continue;
    const t0 = performance.now();
    const onnx = model.build(dtype);
    await writeFile(join(dir, 'onnx', FILE_OF[dtype]), onnx);
    bytes[dtype] = onnx.byteLength;
    console.log(`${model.name}: ${FILE_OF[dtype]} ${(onnx.byteLength / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  await writeFile(stampPath, json({ version: GENERATOR_VERSION, bytes }));
  return bytes[model.dtype]!;
}

/** Generate (or find in the cache) every benchmark model and write models.json; returns the manifest. */
export async function makeBenchModels(outDir = BENCH_MODELS_DIR, options: { fp32?: boolean; only?: string[] } = {}): Promise<Record<string, unknown[]>> {
  const manifest: Record<string, unknown[]> = { embedding: [], reranker: [], chat: [] };
  for (const model of BENCH_MODELS) {
    if (options.only && !options.only.includes(model.name)) continue;
    // fp32 (WebGPU's default) for the encoders; the chat model loads q4 on either device (the app's choice without shader-f16).
    const bytes = await writeModel(outDir, model, options.fp32 && model.kind !== 'chat' ? [model.dtype, 'fp32'] : [model.dtype]);
    const sizeMB = Math.round(bytes / 1e5) / 10;
    manifest[model.kind]!.push({
      id: `${BENCH_OWNER}/${model.name}`,
      ...model.manifest,
      ...(model.kind === 'chat' ? { downloadMB: sizeMB } : { sizeMB }),
      selfHostedOnly: true,
    });
  }
  await writeFile(join(outDir, 'models.json'), json(manifest));
  return manifest;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const outDir = resolve(args.find((a) => !a.startsWith('--')) ?? BENCH_MODELS_DIR);
  const only = args
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  makeBenchModels(outDir, { fp32: args.includes('--fp32'), ...(only ? { only } : {}) }).then(
    () => console.log(`Benchmark models in ${outDir}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
