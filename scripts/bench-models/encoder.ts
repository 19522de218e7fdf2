// A BERT encoder (BertModel, as multilingual-e5-small and all-MiniLM-L6-v2 are exported; or
// BertForSequenceClassification, as ms-marco-MiniLM-L-6-v2 is), with the graph the hub's ONNX exports have:
// word + position + token-type embeddings and LayerNorm, then per layer multi-head self-attention with the
// padding mask, output projection, residual and LayerNorm, a GELU feed-forward, residual and LayerNorm.
// Inputs input_ids, attention_mask, token_type_ids (int64 [batch, sequence]); output last_hidden_state
// [batch, sequence, hidden], or logits [batch, labels] for the cross-encoder (pooler on [CLS], tanh, classifier).
import { FLOAT, Graph, INT64, valueInfo, Weights, type WeightDtype } from './graph.ts';

export interface EncoderShape {
  layers: number;
  hidden: number;
  heads: number;
  intermediate: number;
  vocab: number;
  maxPositions: number;
  typeVocab: number;
  /** Set for a cross-encoder: the classifier's outputs. */
  labels?: number;
}

export function buildEncoder(shape: EncoderShape, dtype: WeightDtype, seed: number): Uint8Array {
  const g = new Graph(new Weights(seed));
  const { hidden, heads } = shape;
  const headDim = hidden / heads;

  // Embeddings.
  const seqLen = g.one('Gather', [g.one('Shape', ['input_ids']), g.ints([1], true)], { axis: 0 });
  const positions = g.one('Unsqueeze', [g.one('Range', [g.ints([0], true), seqLen, g.ints([1], true)]), g.ints([0])]);
  const words = g.embedding('input_ids', shape.vocab, hidden, dtype);
  const pos = g.embedding(positions, shape.maxPositions, hidden, dtype);
  const types = g.embedding('token_type_ids', shape.typeVocab, hidden, dtype);
  let x = g.layerNorm(g.one('Add', [g.one('Add', [words, types]), pos]), hidden, 1e-12);

  // Padding mask, added to every head's scores: 0 where attended, the float minimum where padded.
  const mask = g.one('Unsqueeze', [g.one('Cast', ['attention_mask'], { to: FLOAT }), g.ints([1, 2])]);
  const additiveMask = g.one('Mul', [g.one('Sub', [g.scalar(1), mask]), g.scalar(-3.4028234663852886e38)]);
  const splitHeads = g.ints([0, 0, heads, headDim]);
  const mergeHeads = g.ints([0, 0, hidden]);

  for (let layer = 0; layer < shape.layers; layer++) {
    const q = g.one('Transpose', [g.one('Reshape', [g.linear(x, hidden, hidden, dtype, true), splitHeads])], { perm: [0, 2, 1, 3] });
    const k = g.one('Transpose', [g.one('Reshape', [g.linear(x, hidden, hidden, dtype, true), splitHeads])], { perm: [0, 2, 3, 1] });
    const v = g.one('Transpose', [g.one('Reshape', [g.linear(x, hidden, hidden, dtype, true), splitHeads])], { perm: [0, 2, 1, 3] });
    const scores = g.one('Add', [g.one('Div', [g.one('MatMul', [q, k]), g.scalar(Math.sqrt(headDim))]), additiveMask]);
    const context = g.one('MatMul', [g.one('Softmax', [scores], { axis: -1 }), v]);
    const merged = g.one('Reshape', [g.one('Transpose', [context], { perm: [0, 2, 1, 3] }), mergeHeads]);
    const attended = g.layerNorm(g.one('Add', [g.linear(merged, hidden, hidden, dtype, true), x]), hidden, 1e-12);
    const inner = g.gelu(g.linear(attended, hidden, shape.intermediate, dtype, true));
    x = g.layerNorm(g.one('Add', [g.linear(inner, shape.intermediate, hidden, dtype, true), attended]), hidden, 1e-12);
  }

  const inputs = ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => valueInfo(name, INT64, ['batch_size', 'sequence_length']));
  if (shape.labels === undefined) {
    return g.encode('bert_encoder', inputs, [{ info: valueInfo('last_hidden_state', FLOAT, ['batch_size', 'sequence_length', hidden]), from: x }]);
  }
  const cls = g.one('Gather', [x, g.ints([0], true)], { axis: 1 });
  const pooled = g.one('Tanh', [g.linear(cls, hidden, hidden, dtype, true)]);
  const logits = g.linear(pooled, hidden, shape.labels, dtype, true);
  return g.encode('bert_cross_encoder', inputs, [{ info: valueInfo('logits', FLOAT, ['batch_size', shape.labels]), from: logits }]);
}
