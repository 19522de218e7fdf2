// Generates a tiny, deterministic embedding model that transformers.js can load, so that tests and the
// end-to-end suite can run the real embedding pipeline without reaching a model hub.
//
//   npx tsx scripts/make-fixture-models.ts [outDir]      (default: e2e/.generated/models)
//
// Output:
//   <outDir>/openbook/tiny-embedder/{config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx}
//   <outDir>/openbook/tiny-reranker/...   (a cross-encoder over the same vocabulary: make-fixture-reranker.ts)
//   <outDir>/models.json   ({ "embedding": [EmbeddingModelInfo], "reranker": [RerankModelInfo] }: the manifest of models a site serves)
//
// The model is a bag of words: last_hidden_state = tanh((word_emb[ids] + type_emb[type_ids]) @ W) * mask.
// Words are grouped into topic clusters; each cluster has a random unit "topic direction" and each of its
// words sits near it, while stop words, punctuation, special and unknown tokens get tiny vectors. After
// mean pooling and normalisation a text points towards the topic its content words share, so retrieval
// ranks the right topic first. Every byte comes from a seeded PRNG: the same files on every run.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EmbeddingModelInfo } from '../src/adapters/embedder/embedder.ts';
import { mulberry32 } from '@openbook/core/testing/seededRandom';
import { FLOAT, INT64, encodeModel, floatTensor, int64Bytes, json, valueInfo, type Onnx, castToFloat } from './onnx-graph.ts';
import { writeFixtureReranker } from './make-fixture-reranker.ts';

export const FIXTURE_EMBEDDER_ID = 'openbook/tiny-embedder';
export const FIXTURE_EMBEDDER_DIMENSION = 64;
export const WIDE_FIXTURE_EMBEDDER_ID = 'openbook/tiny-embedder-1024';
const MAX_TOKENS = 512;
const SEED = 0x0b00c;

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/** Words per topic. A word may appear in only one list (the generator checks). */
const TOPICS: Record<string, string[]> = {
  volcano: [
    ...'volcano volcanoes volcanic lava magma eruption eruptions erupt erupts erupted erupting crater ash hot heat temperature temperatures degrees celsius molten rock rocks mountain mountains'.split(
      ' ',
    ),
    ...'火山熔岩喷发热温'.split(''),
  ],
  tea: [
    ...'tea teas leaf leaves brew brews brewed brewing steep steeped steeping green oolong black cup cups water kettle flavor flavour pot teapot'.split(' '),
    ...'茶叶泡绿乌龙水杯'.split(''),
  ],
  rag: [
    ...'retrieval retrieve retrieves retrieved augmented generation generate generated rag chunk chunks chunking embedding embeddings embed vector vectors index indexing search similarity cosine prompt prompts context question questions answer answers model models llm document documents'.split(
      ' ',
    ),
    ...'检索增强生成向量嵌入分块文档模型问题答案相似度'.split(''),
  ],
  space: [...'planet planets star stars orbit orbits moon moons sun telescope telescopes galaxy galaxies astronomy'.split(' '), ...'星月太阳'.split('')],
  cooking: [...'bread breads flour oven bake baked baking dough yeast recipe recipes'.split(' '), ...'面包烤'.split('')],
};

/** Function words and punctuation: tiny vectors, so they barely move a mean-pooled embedding. */
const NEUTRAL: string[] = [
  ...(
    'the a an is are was were be been being am of in on at to from by with without for about into onto over under ' +
    "and or but not no nor so if then than that this these those there here it its it's they them their he she him her " +
    'his we us our you your i me my mine what which who whom whose when where why how does do did done doing has have had ' +
    'having can could will would shall should may might must very really quite extremely more most less least much many ' +
    'some any all each every few other another such same own just only also too again still even ever never always often ' +
    'sometimes up down out off as because while until before after during between through per via new old good bad big ' +
    'small one two three first last next use used using make makes made get gets got give gives take takes tell tells ' +
    'explain explains describe show shows work works like around well'
  )
    .split(/\s+/)
    .filter((w) => w.length > 0),
  ...'.,?!;:\'"()[]-/'.split(''),
  ...'的是在了和什么如何为我你他她它们这那个有中用吗呢吧也都很就与及或时会能要对从到把被让给上下里多少高大小长短不一没还过得着地可以所因但而并其之后前些最更非常'.split(
    '',
  ),
  ...'。，？！；：、“”（）《》'.split(''),
];

// ---------------------------------------------------------------------------------------------------
// Deterministic random numbers

function gaussianSource(seed: number): () => number {
  const uniform = mulberry32(seed);
  return () => {
    const u = Math.max(uniform(), 1e-12);
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

function randomVector(gauss: () => number, dim: number, norm: number): number[] {
  const v = Array.from({ length: dim }, () => gauss());
  const length = Math.hypot(...v) || 1;
  return v.map((x) => (x / length) * norm);
}

// ---------------------------------------------------------------------------------------------------
// Vocabulary and weights

interface Vocabulary {
  tokens: string[];
  /** Row-major [tokens.length, hidden] word embeddings. */
  wordEmbeddings: Float32Array;
}

function buildVocabulary(hidden: number): Vocabulary {
  const gauss = gaussianSource(SEED);
  const tokens: string[] = [];
  const rows: number[][] = [];
  const seen = new Set<string>();
  const add = (token: string, row: number[]) => {
    if (seen.has(token)) throw new Error(`Fixture vocabulary lists "${token}" twice.`);
    seen.add(token);
    tokens.push(token);
    rows.push(row);
  };

  for (const token of SPECIAL_TOKENS) add(token, randomVector(gauss, hidden, 0.02));
  for (const [, words] of Object.entries(TOPICS)) {
    const direction = randomVector(gauss, hidden, 1);
    for (const word of words) {
      const noise = randomVector(gauss, hidden, 0.35);
      add(
        word,
        direction.map((x, i) => x + noise[i]!),
      );
    }
  }
  for (const word of NEUTRAL) add(word, randomVector(gauss, hidden, 0.05));

  const wordEmbeddings = new Float32Array(tokens.length * hidden);
  rows.forEach((row, r) => wordEmbeddings.set(row, r * hidden));
  return { tokens, wordEmbeddings };
}

// ---------------------------------------------------------------------------------------------------
// ONNX graph

function buildModel(vocab: Vocabulary, hidden: number): Uint8Array {
  const gauss = gaussianSource(SEED + 1);
  const vocabSize = vocab.tokens.length;

  // Token-type embeddings: tiny, so segment ids barely matter (all single-segment inputs here).
  const typeEmbeddings = new Float32Array(2 * hidden).map(() => gauss() * 0.001);
  // Dense layer: identity plus a little noise; tanh of the small per-component values stays near-linear.
  const dense = new Float32Array(hidden * hidden);
  for (let r = 0; r < hidden; r++) {
    for (let c = 0; c < hidden; c++) dense[r * hidden + c] = (r === c ? 1 : 0) + gauss() * 0.02;
  }

  const dynamic = ['batch_size', 'sequence_length'];

  const graph: Onnx.IGraphProto = {
    name: 'tiny_bag_of_words_bert',
    initializer: [
      floatTensor('word_embeddings', [vocabSize, hidden], vocab.wordEmbeddings),
      floatTensor('token_type_embeddings', [2, hidden], typeEmbeddings),
      floatTensor('dense_weight', [hidden, hidden], dense),
      { name: 'unsqueeze_axes', dims: [1], dataType: INT64, rawData: int64Bytes([-1n]) },
    ],
    node: [
      { opType: 'Gather', input: ['word_embeddings', 'input_ids'], output: ['word_emb'], name: 'gather_words' },
      {
        opType: 'Gather',
        input: ['token_type_embeddings', 'token_type_ids'],
        output: ['type_emb'],
        name: 'gather_types',
      },
      { opType: 'Add', input: ['word_emb', 'type_emb'], output: ['embeddings'], name: 'add_embeddings' },
      { opType: 'MatMul', input: ['embeddings', 'dense_weight'], output: ['dense_out'], name: 'dense' },
      { opType: 'Tanh', input: ['dense_out'], output: ['activated'], name: 'tanh' },
      castToFloat('attention_mask', 'mask_float', 'cast_mask'),
      { opType: 'Unsqueeze', input: ['mask_float', 'unsqueeze_axes'], output: ['mask_3d'], name: 'unsqueeze_mask' },
      { opType: 'Mul', input: ['activated', 'mask_3d'], output: ['last_hidden_state'], name: 'apply_mask' },
    ],
    input: [valueInfo('input_ids', INT64, dynamic), valueInfo('attention_mask', INT64, dynamic), valueInfo('token_type_ids', INT64, dynamic)],
    output: [valueInfo('last_hidden_state', FLOAT, [...dynamic, hidden])],
  };

  return encodeModel(graph);
}

// ---------------------------------------------------------------------------------------------------
// Tokenizer and config files

function tokenizerJson(tokens: string[]): unknown {
  const vocab: Record<string, number> = {};
  tokens.forEach((token, id) => (vocab[token] = id));
  const idOf = (token: string) => vocab[token]!;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: idOf(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [idOf('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [idOf('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab,
    },
  };
}

function tokenizerConfigJson(): unknown {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    tokenize_chinese_chars: true,
    strip_accents: null,
    model_max_length: MAX_TOKENS,
    clean_up_tokenization_spaces: true,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  };
}

function configJson(vocabSize: number, hidden: number): unknown {
  return {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: hidden,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: hidden,
    hidden_act: 'tanh',
    max_position_embeddings: MAX_TOKENS,
    type_vocab_size: 2,
    vocab_size: vocabSize,
    pad_token_id: 0,
    'transformers.js_config': { dtype: 'fp32' },
  };
}

/** The generated embedding models: the everyday one, and a wide one whose vectors Voy cannot hold (> 768). */
const FIXTURES = [
  { id: FIXTURE_EMBEDDER_ID, label: 'Tiny test embedder (fixture)', hidden: FIXTURE_EMBEDDER_DIMENSION },
  { id: WIDE_FIXTURE_EMBEDDER_ID, label: 'Tiny wide test embedder, 1024 dimensions (fixture)', hidden: 1024 },
];

/** Write one fixture model's folder under outDir and return its registry entry. */
async function writeFixture(outDir: string, fixture: (typeof FIXTURES)[number]): Promise<EmbeddingModelInfo> {
  const { hidden } = fixture;
  const vocab = buildVocabulary(hidden);
  const modelBytes = buildModel(vocab, hidden);

  const files: Record<string, string | Uint8Array> = {
    'config.json': json(configJson(vocab.tokens.length, hidden)),
    'tokenizer.json': json(tokenizerJson(vocab.tokens)),
    'tokenizer_config.json': json(tokenizerConfigJson()),
    'onnx/model.onnx': modelBytes,
  };

  const modelDir = join(outDir, ...fixture.id.split('/'));
  await mkdir(join(modelDir, 'onnx'), { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(modelDir, name), content);

  return {
    id: fixture.id,
    label: fixture.label,
    dimension: hidden,
    // Weights only (what EmbeddingModelInfo.sizeMB counts), in decimal MB, at least 0.01.
    sizeMB: Math.max(0.01, Math.round(modelBytes.byteLength / 1e4) / 100),
    languages: ['en', 'zh'],
    queryPrefix: '',
    passagePrefix: '',
    maxTokens: MAX_TOKENS,
    selfHostedOnly: true,
  };
}

/** Write the fixture model folders (embedders and reranker) and the models.json manifest under outDir. Same bytes on every run. */
export async function makeFixtureModels(outDir: string): Promise<void> {
  const entries: EmbeddingModelInfo[] = [];
  for (const fixture of FIXTURES) entries.push(await writeFixture(outDir, fixture));
  // The reranker reads the same words with the same tokenizer; topic words count, the others do not.
  const { tokens } = buildVocabulary(FIXTURE_EMBEDDER_DIMENSION);
  const contentWords = new Set(Object.values(TOPICS).flat());
  const reranker = await writeFixtureReranker(outDir, {
    tokens,
    isContent: (token) => contentWords.has(token),
    tokenizerJson: tokenizerJson(tokens),
    tokenizerConfigJson: tokenizerConfigJson(),
  });
  await writeFile(join(outDir, 'models.json'), json({ embedding: entries, reranker: [reranker] }));
}

// Run as a script (npx tsx scripts/make-fixture-models.ts [outDir]), not when imported by a test.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outDir = resolve(process.argv[2] ?? 'e2e/.generated/models');
  makeFixtureModels(outDir).then(
    () => console.log(`Fixture models written to ${outDir}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
