// Generates a tiny, deterministic chat model that transformers.js' text-generation pipeline can load,
// so that tests and the end-to-end suite can stream a real answer without reaching a model hub.
//
//   npx tsx scripts/make-fixture-chat-model.ts [outDir]      (default: e2e/.generated/models)
//
// Run it after make-fixture-models.ts: it writes
//   <outDir>/openbook/tiny-chat/{config.json, generation_config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx}
// and adds the model under "chat" to <outDir>/models.json (keeping what else the manifest lists).
//
// The model is a bigram table: logits = table[input_ids], a [V, V] matrix in which every token has exactly
// one strong successor. Greedy decoding after the chat template's final "\n" therefore always writes
// FIXTURE_CHAT_ANSWER, one token per word, and then <|im_end|>. transformers.js feeds a model without a
// key/value cache only the newest token after the first step, which is all a bigram model needs.
//
// A bigram model is far faster than any real one, so fast that an answer would be complete before a
// person (or a test) could see it grow or press Stop. Each forward pass therefore also multiplies an
// integer [WORK_SIZE, WORK_SIZE] matrix WORK_STEPS times and adds the result times zero to the logits:
// real work that ONNX Runtime cannot fold away (it depends on the input), which leaves every logit
// exactly as the table says. The work is int64 on purpose: ONNX Runtime runs int64 MatMul on its CPU
// kernels under both devices, so it costs about the same on WASM and on WebGPU (measured in headless
// Chromium: some tens of ms per token either way; the same work in float32 took ten times longer per
// token on SwiftShader's WebGPU than on WASM).
//
// The tokenizer is a byte-level BPE: 256 byte tokens, one token per answer word (built by merges), and the
// ChatML special tokens; tokenizer_config.json carries a ChatML chat_template.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FLOAT, INT64, encodeModel, floatTensor, int64Tensor, json, valueInfo, type Onnx, castToFloat } from './onnx-graph.ts';

export const FIXTURE_CHAT_MODEL_ID = 'openbook/tiny-chat';

/** The answer, as the tokens the model writes (a leading space belongs to its word, as in GPT-2's BPE). */
const ANSWER_TOKENS = [
  'Lava',
  ' is',
  ' molten',
  ' rock',
  ' that',
  ' erupts',
  ' from',
  ' a',
  ' volcano.',
  ' Above',
  ' ground',
  ' it',
  ' glows',
  ' red',
  ' or',
  ' orange',
  ' at',
  ' more',
  ' than',
  ' 700',
  ' degrees',
  ' Celsius,',
  ' then',
  ' slowly',
  ' cools',
  ' and',
  ' hardens',
  ' into',
  ' new',
  ' stone',
  // A citation of the first retrieved chunk, so that tests can follow it to the chunk it names.
  ' [1].',
];

/** What greedy decoding writes for any chat, before <|im_end|>. */
export const FIXTURE_CHAT_ANSWER = ANSWER_TOKENS.join('');
/** Tokens in the answer, <|im_end|> not counted. */
export const FIXTURE_CHAT_ANSWER_TOKENS = ANSWER_TOKENS.length;

const SPECIAL_TOKENS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'] as const;
const CHAT_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
/** Long enough for a prompt of many retrieved chunks: the pipeline truncates longer prompts silently. */
const MODEL_MAX_LENGTH = 32768;
/**
 * The context window the app is told about (models.json): small, so that a test can make the context
 * budget drop chunks by asking for a long answer. The tokenizer's byte-level BPE makes about one token per
 * character of document text, so four 500-character chunks and the template need about 2,500 tokens.
 */
export const FIXTURE_CHAT_CONTEXT_WINDOW = 4096;
const WORK_SIZE = 256;
const WORK_STEPS = 2;
const STRONG = 20;

// ---------------------------------------------------------------------------------------------------
// Byte-level BPE vocabulary

/** GPT-2's byte-to-character table: printable bytes stand for themselves, the others move to U+0100 and up. */
function byteToChar(): string[] {
  const printable = [
    ...Array.from({ length: 94 }, (_, i) => i + 33),
    ...Array.from({ length: 12 }, (_, i) => i + 161),
    ...Array.from({ length: 82 }, (_, i) => i + 174),
  ];
  const table: string[] = [];
  let shifted = 0;
  for (let byte = 0; byte < 256; byte++) {
    table[byte] = String.fromCharCode(printable.includes(byte) ? byte : 256 + shifted++);
  }
  return table;
}

interface Vocabulary {
  /** Token strings (byte-level characters) by id, special tokens last. */
  tokens: string[];
  merges: [string, string][];
  idOf(token: string): number;
}

function buildVocabulary(): Vocabulary {
  const chars = byteToChar();
  const encoder = new TextEncoder();
  const toByteLevel = (text: string) => Array.from(encoder.encode(text), (b) => chars[b]!).join('');

  const tokens: string[] = [...chars];
  const ids = new Map(tokens.map((t, i) => [t, i]));
  const merges: [string, string][] = [];
  const seenMerges = new Set<string>();
  for (const word of ANSWER_TOKENS) {
    const pieces = [...toByteLevel(word)];
    let prefix = pieces[0]!;
    for (const piece of pieces.slice(1)) {
      const key = `${prefix} ${piece}`;
      if (!seenMerges.has(key)) {
        seenMerges.add(key);
        merges.push([prefix, piece]);
      }
      prefix += piece;
      if (!ids.has(prefix)) {
        ids.set(prefix, tokens.length);
        tokens.push(prefix);
      }
    }
  }
  for (const special of SPECIAL_TOKENS) {
    ids.set(special, tokens.length);
    tokens.push(special);
  }
  return {
    tokens,
    merges,
    idOf(token) {
      const id = ids.get(SPECIAL_TOKENS.includes(token as (typeof SPECIAL_TOKENS)[number]) ? token : toByteLevel(token));
      if (id === undefined) throw new Error(`"${token}" is not in the fixture vocabulary.`);
      return id;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// The bigram table and the graph

/** Row r holds the logits after token r: STRONG for its one successor, 0 elsewhere. */
function bigramTable(vocab: Vocabulary): Float32Array {
  const size = vocab.tokens.length;
  const answer = ANSWER_TOKENS.map((t) => vocab.idOf(t));
  const imEnd = vocab.idOf('<|im_end|>');
  const endOfText = vocab.idOf('<|endoftext|>');
  // Anything else (the "\n" that ends the chat template, above all) starts the answer.
  const next = new Array<number>(size).fill(answer[0]!);
  answer.forEach((id, i) => {
    const successor = answer[i + 1] ?? imEnd;
    if (next[id] !== answer[0] && next[id] !== successor) throw new Error(`Token ${vocab.tokens[id]} would need two successors.`);
    next[id] = successor;
  });
  next[imEnd] = endOfText;
  next[endOfText] = endOfText;

  const table = new Float32Array(size * size);
  next.forEach((successor, row) => (table[row * size + successor] = STRONG));
  return table;
}

/** A permutation matrix: its powers stay permutation matrices, so the work never overflows. */
function workMatrix(): bigint[] {
  const matrix = new Array<bigint>(WORK_SIZE * WORK_SIZE).fill(0n);
  for (let r = 0; r < WORK_SIZE; r++) matrix[r * WORK_SIZE + ((r * 7 + 3) % WORK_SIZE)] = 1n;
  return matrix;
}

function buildModel(vocab: Vocabulary): Uint8Array {
  const size = vocab.tokens.length;
  const dynamic = ['batch_size', 'sequence_length'];
  const work: Onnx.INodeProto[] = [];
  let product = 'work_start';
  for (let step = 1; step <= WORK_STEPS; step++) {
    const out = `work_${step}`;
    work.push({ opType: 'MatMul', input: [product, 'work_matrix'], output: [out], name: `work_matmul_${step}` });
    product = out;
  }

  const graph: Onnx.IGraphProto = {
    name: 'tiny_bigram_chat',
    initializer: [
      floatTensor('bigram', [size, size], bigramTable(vocab)),
      int64Tensor('work_matrix', [WORK_SIZE, WORK_SIZE], workMatrix()),
      int64Tensor('zero', [], [0n]),
    ],
    node: [
      { opType: 'Gather', input: ['bigram', 'input_ids'], output: ['bigram_logits'], name: 'bigram_lookup' },
      // The work depends on the input (times zero), so it runs on every call.
      { opType: 'ReduceSum', input: ['input_ids'], output: ['ids_sum'], name: 'sum_ids' },
      { opType: 'Mul', input: ['ids_sum', 'zero'], output: ['input_zero'], name: 'input_times_zero' },
      { opType: 'Add', input: ['work_matrix', 'input_zero'], output: ['work_start'], name: 'work_start' },
      ...work,
      { opType: 'ReduceSum', input: [product], output: ['work_sum'], name: 'work_sum' },
      { opType: 'Mul', input: ['work_sum', 'zero'], output: ['work_zero'], name: 'work_times_zero' },
      castToFloat('work_zero', 'work_zero_float', 'cast_work'),
      { opType: 'Add', input: ['bigram_logits', 'work_zero_float'], output: ['logits'], name: 'logits' },
    ],
    input: [valueInfo('input_ids', INT64, dynamic)],
    output: [valueInfo('logits', FLOAT, [...dynamic, size])],
  };
  return encodeModel(graph);
}

// ---------------------------------------------------------------------------------------------------
// Tokenizer and config files

function tokenizerJson(vocab: Vocabulary): unknown {
  const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
  const special = new Set<string>(SPECIAL_TOKENS);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: vocab.idOf(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: byteLevel,
    decoder: byteLevel,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab: Object.fromEntries(vocab.tokens.map((t, id) => [t, id] as const).filter(([t]) => !special.has(t))),
      merges: vocab.merges,
    },
  };
}

function tokenizerConfigJson(): unknown {
  return {
    tokenizer_class: 'Qwen2Tokenizer',
    model_max_length: MODEL_MAX_LENGTH,
    clean_up_tokenization_spaces: false,
    add_bos_token: false,
    add_eos_token: false,
    bos_token: null,
    eos_token: '<|im_end|>',
    pad_token: '<|endoftext|>',
    unk_token: null,
    additional_special_tokens: ['<|im_start|>', '<|im_end|>'],
    chat_template: CHAT_TEMPLATE,
  };
}

function configJson(vocab: Vocabulary): unknown {
  return {
    model_type: 'llama',
    architectures: ['LlamaForCausalLM'],
    vocab_size: vocab.tokens.length,
    hidden_size: 8,
    intermediate_size: 8,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    num_key_value_heads: 1,
    max_position_embeddings: MODEL_MAX_LENGTH,
    bos_token_id: null,
    eos_token_id: vocab.idOf('<|im_end|>'),
    pad_token_id: vocab.idOf('<|endoftext|>'),
    tie_word_embeddings: false,
    'transformers.js_config': { dtype: 'fp32' },
  };
}

function generationConfigJson(vocab: Vocabulary): unknown {
  return { eos_token_id: vocab.idOf('<|im_end|>'), pad_token_id: vocab.idOf('<|endoftext|>') };
}

/** The models.json entry of the fixture (a TransformersChatModelInfo, as the app reads it). */
export interface FixtureChatManifestEntry {
  id: string;
  label: string;
  params: string;
  downloadMB: number;
  contextWindow: number;
  languages: string[];
  selfHostedOnly: true;
}

/** Write the fixture chat model under outDir and list it under "chat" in outDir/models.json. Same bytes on every run. */
export async function makeFixtureChatModel(outDir: string): Promise<FixtureChatManifestEntry> {
  const vocab = buildVocabulary();
  const modelBytes = buildModel(vocab);
  const files: Record<string, string | Uint8Array> = {
    'config.json': json(configJson(vocab)),
    'generation_config.json': json(generationConfigJson(vocab)),
    'tokenizer.json': json(tokenizerJson(vocab)),
    'tokenizer_config.json': json(tokenizerConfigJson()),
    'onnx/model.onnx': modelBytes,
  };
  const modelDir = join(outDir, ...FIXTURE_CHAT_MODEL_ID.split('/'));
  await mkdir(join(modelDir, 'onnx'), { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(modelDir, name), content);

  const entry: FixtureChatManifestEntry = {
    id: FIXTURE_CHAT_MODEL_ID,
    label: 'Tiny test chat model (fixture)',
    params: 'bigram',
    downloadMB: Math.max(0.01, Math.round(modelBytes.byteLength / 1e4) / 100),
    contextWindow: FIXTURE_CHAT_CONTEXT_WINDOW,
    languages: ['en'],
    selfHostedOnly: true,
  };
  const manifestPath = join(outDir, 'models.json');
  let manifest: Record<string, unknown> = {};
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
  } catch {
    manifest = {};
  }
  manifest.chat = [entry];
  await writeFile(manifestPath, json(manifest));
  return entry;
}

// Run as a script (npx tsx scripts/make-fixture-chat-model.ts [outDir]), not when imported by a test.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outDir = resolve(process.argv[2] ?? 'e2e/.generated/models');
  makeFixtureChatModel(outDir).then(
    () => console.log(`Fixture chat model written to ${outDir}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
