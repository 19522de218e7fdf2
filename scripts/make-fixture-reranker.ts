// A tiny, deterministic cross-encoder that transformers.js loads as a BertForSequenceClassification, so
// that tests and the end-to-end suite can rerank without reaching a model hub. Written by
// make-fixture-models.ts (same vocabulary and WordPiece tokenizer as the tiny embedder).
//
// Output: <outDir>/openbook/tiny-reranker/{config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx}
//
// The model counts shared words. Input: [CLS] question [SEP] passage [SEP] with token_type_ids 0 for the
// question part and 1 for the passage part. Only content words count (the topic words of the fixture
// vocabulary; stop words, punctuation, special and unknown tokens do not):
//   shared = how many DIFFERENT content words of the question also occur in the passage
//   logit  = LOGIT_PER_SHARED_WORD * shared + LOGIT_BIAS            (output `logits`, [batch, 1])
// so the reranker's score, sigmoid(logit), is predictable: sigmoid(2k - 3) for k shared words
// (0.047, 0.269, 0.731, 0.953, 0.993, ...). In ONNX: a one-hot row per content word (Gather), summed
// over the positions of each segment (ReduceSum), clipped to 1 (Min), multiplied, summed.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RerankModelInfo } from '../src/adapters/reranker/reranker.ts';
import { FLOAT, INT64, castToFloat, encodeModel, floatTensor, int64Tensor, json, onnx, valueInfo, type Onnx } from './onnx-graph.ts';

export const FIXTURE_RERANKER_ID = 'openbook/tiny-reranker';
export const LOGIT_PER_SHARED_WORD = 2;
export const LOGIT_BIAS = -3;
const MAX_TOKENS = 512;

/** ReduceSum's keepdims attribute. */
const keepdims = (keep: boolean): Onnx.IAttributeProto => ({ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: keep ? 1 : 0 });

export interface FixtureRerankerInput {
  /** The vocabulary, by token id. */
  tokens: string[];
  /** Whether a token is a content word (counted when shared). */
  isContent: (token: string) => boolean;
  /** The tokenizer files of that vocabulary. */
  tokenizerJson: unknown;
  tokenizerConfigJson: unknown;
}

function buildModel(tokens: string[], isContent: (token: string) => boolean): Uint8Array {
  const content = tokens.map((t, id) => ({ t, id })).filter(({ t }) => isContent(t));
  const columns = content.length;
  // Row `id` of the table is the one-hot vector of content word `id` (all zeros for other tokens).
  const table = new Float32Array(tokens.length * columns);
  content.forEach(({ id }, column) => (table[id * columns + column] = 1));

  const dynamic = ['batch_size', 'sequence_length'];
  const graph: Onnx.IGraphProto = {
    name: 'tiny_shared_words_cross_encoder',
    initializer: [
      floatTensor('content_one_hot', [tokens.length, columns], table),
      int64Tensor('last_axis', [1], [-1n]),
      int64Tensor('sequence_axis', [1], [1n]),
      floatTensor('one', [], new Float32Array([1])),
      floatTensor('logit_per_shared_word', [], new Float32Array([LOGIT_PER_SHARED_WORD])),
      floatTensor('logit_bias', [], new Float32Array([LOGIT_BIAS])),
    ],
    node: [
      { opType: 'Gather', input: ['content_one_hot', 'input_ids'], output: ['words'], name: 'one_hot_words' },
      castToFloat('attention_mask', 'mask', 'cast_mask'),
      castToFloat('token_type_ids', 'segment', 'cast_segment'),
      // Passage positions: real tokens of segment 1; question positions: the other real tokens.
      { opType: 'Mul', input: ['mask', 'segment'], output: ['in_passage'], name: 'passage_positions' },
      { opType: 'Sub', input: ['mask', 'in_passage'], output: ['in_question'], name: 'question_positions' },
      { opType: 'Unsqueeze', input: ['in_question', 'last_axis'], output: ['in_question_3d'], name: 'unsqueeze_question' },
      { opType: 'Unsqueeze', input: ['in_passage', 'last_axis'], output: ['in_passage_3d'], name: 'unsqueeze_passage' },
      { opType: 'Mul', input: ['words', 'in_question_3d'], output: ['question_words'], name: 'question_words' },
      { opType: 'Mul', input: ['words', 'in_passage_3d'], output: ['passage_words'], name: 'passage_words' },
      {
        opType: 'ReduceSum',
        input: ['question_words', 'sequence_axis'],
        output: ['question_counts'],
        name: 'count_question_words',
        attribute: [keepdims(false)],
      },
      {
        opType: 'ReduceSum',
        input: ['passage_words', 'sequence_axis'],
        output: ['passage_counts'],
        name: 'count_passage_words',
        attribute: [keepdims(false)],
      },
      { opType: 'Min', input: ['question_counts', 'one'], output: ['question_has'], name: 'question_has_word' },
      { opType: 'Min', input: ['passage_counts', 'one'], output: ['passage_has'], name: 'passage_has_word' },
      { opType: 'Mul', input: ['question_has', 'passage_has'], output: ['both_have'], name: 'shared_words' },
      {
        opType: 'ReduceSum',
        input: ['both_have', 'last_axis'],
        output: ['shared'],
        name: 'count_shared_words',
        attribute: [keepdims(true)],
      },
      { opType: 'Mul', input: ['shared', 'logit_per_shared_word'], output: ['scaled'], name: 'scale' },
      { opType: 'Add', input: ['scaled', 'logit_bias'], output: ['logits'], name: 'bias' },
    ],
    input: [valueInfo('input_ids', INT64, dynamic), valueInfo('attention_mask', INT64, dynamic), valueInfo('token_type_ids', INT64, dynamic)],
    output: [valueInfo('logits', FLOAT, ['batch_size', 1])],
  };
  return encodeModel(graph);
}

function configJson(vocabSize: number): unknown {
  return {
    model_type: 'bert',
    architectures: ['BertForSequenceClassification'],
    hidden_size: 8,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: 8,
    hidden_act: 'relu',
    max_position_embeddings: MAX_TOKENS,
    type_vocab_size: 2,
    vocab_size: vocabSize,
    pad_token_id: 0,
    id2label: { '0': 'LABEL_0' },
    label2id: { LABEL_0: 0 },
    'transformers.js_config': { dtype: 'fp32' },
  };
}

/** Write the fixture cross-encoder's folder under outDir and return its models.json entry. */
export async function writeFixtureReranker(outDir: string, input: FixtureRerankerInput): Promise<RerankModelInfo> {
  const modelBytes = buildModel(input.tokens, input.isContent);
  const files: Record<string, string | Uint8Array> = {
    'config.json': json(configJson(input.tokens.length)),
    'tokenizer.json': json(input.tokenizerJson),
    'tokenizer_config.json': json(input.tokenizerConfigJson),
    'onnx/model.onnx': modelBytes,
  };
  const modelDir = join(outDir, ...FIXTURE_RERANKER_ID.split('/'));
  await mkdir(join(modelDir, 'onnx'), { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(modelDir, name), content);
  return {
    id: FIXTURE_RERANKER_ID,
    label: 'Tiny test reranker (fixture)',
    // Weights only, in decimal MB, at least 0.01.
    sizeMB: Math.max(0.01, Math.round(modelBytes.byteLength / 1e4) / 100),
    languages: ['en', 'zh'],
    maxTokens: MAX_TOKENS,
    selfHostedOnly: true,
  };
}
