// A Llama decoder (LlamaForCausalLM, as SmolLM2 is exported for transformers.js) with a key/value cache:
// token embedding (fp32 in q4, as MatMul4BitsQuantizer leaves the Gather alone; 8-bit in q8, as dynamic
// quantisation also quantises Gather; q8 weights are int8, as transformers.js's quantize.py picks QInt8 for a
// graph without Conv), per layer RMSNorm, grouped-query attention with rotary
// position embeddings (keys and values of `kvHeads` heads, each shared by heads / kvHeads query heads), the
// causal and padding mask, output projection and residual, RMSNorm, a SiLU-gated feed-forward and residual;
// a final RMSNorm and the language-model head. Inputs input_ids, attention_mask, position_ids and
// past_key_values.{i}.key/value; outputs logits and present.{i}.key/value, as transformers.js expects.
import { FLOAT, Graph, INT64, valueInfo, Weights, type WeightDtype } from './graph.ts';

export interface LlamaShape {
  layers: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  intermediate: number;
  vocab: number;
  maxPositions: number;
  ropeTheta: number;
  rmsEps: number;
}

function rmsNorm(g: Graph, x: string, width: number, eps: number): string {
  const meanSquare = g.one('ReduceMean', [g.one('Mul', [x, x])], { axes: [-1], keepdims: 1 });
  const inverse = g.one('Reciprocal', [g.one('Sqrt', [g.one('Add', [meanSquare, g.scalar(eps)])])]);
  return g.one('Mul', [g.one('Mul', [x, inverse]), g.floatInit('rms_weight', [width], new Float32Array(width).fill(1))]);
}

/** x * cos + rotate_half(x) * sin on the last axis (x is [batch, sequence, heads, headDim]). */
function rotary(g: Graph, x: string, cos: string, sin: string, headDim: number): string {
  const [first, second] = g.op('Split', [x, g.ints([headDim / 2, headDim / 2])], { axis: -1 }, 2) as [string, string];
  const rotated = g.one('Concat', [g.one('Neg', [second]), first], { axis: -1 });
  return g.one('Add', [g.one('Mul', [x, cos]), g.one('Mul', [rotated, sin])]);
}

export function buildLlama(shape: LlamaShape, dtype: WeightDtype, seed: number): Uint8Array {
  const g = new Graph(new Weights(seed), { q8Weights: 'int8' });
  const { hidden, heads, kvHeads, headDim, layers } = shape;
  const groups = heads / kvHeads;

  // Rotary tables, [maxPositions, headDim], gathered by position_ids and broadcast over heads.
  const cosTable = new Float32Array(shape.maxPositions * headDim);
  const sinTable = new Float32Array(shape.maxPositions * headDim);
  for (let p = 0; p < shape.maxPositions; p++) {
    for (let i = 0; i < headDim / 2; i++) {
      const angle = p / shape.ropeTheta ** ((2 * i) / headDim);
      for (const j of [i, i + headDim / 2]) {
        cosTable[p * headDim + j] = Math.cos(angle);
        sinTable[p * headDim + j] = Math.sin(angle);
      }
    }
  }
  const perPosition = (table: Float32Array, hint: string) =>
    g.one('Unsqueeze', [g.one('Gather', [g.floatInit(hint, [shape.maxPositions, headDim], table), 'position_ids']), g.ints([2])]);
  const cos = perPosition(cosTable, 'rope_cos');
  const sin = perPosition(sinTable, 'rope_sin');

  // Mask [batch, 1, 1, sequence, total]: a query at absolute position past + i sees keys 0..past + i that are not padding.
  const total = g.one('Gather', [g.one('Shape', ['attention_mask']), g.ints([1], true)], { axis: 0 });
  const sequence = g.one('Gather', [g.one('Shape', ['input_ids']), g.ints([1], true)], { axis: 0 });
  const queryPositions = g.one('Unsqueeze', [g.one('Range', [g.one('Sub', [total, sequence]), total, g.ints([1], true)]), g.ints([1])]);
  const keyPositions = g.one('Unsqueeze', [g.one('Range', [g.ints([0], true), total, g.ints([1], true)]), g.ints([0])]);
  const causal = g.one('LessOrEqual', [keyPositions, queryPositions]);
  const notPadding = g.one('Unsqueeze', [g.one('Cast', ['attention_mask'], { to: 9 }), g.ints([1, 2, 3])]);
  const allowed = g.one('And', [causal, notPadding]);
  const mask = g.one('Where', [allowed, g.scalar(0), g.scalar(-3.4028234663852886e38)]);

  let x = g.embedding('input_ids', shape.vocab, hidden, dtype === 'q8' ? 'q8' : 'fp32');
  const pastInputs = [];
  const presentOutputs = [];
  for (let layer = 0; layer < layers; layer++) {
    const h = rmsNorm(g, x, hidden, shape.rmsEps);
    const q = rotary(g, g.one('Reshape', [g.linear(h, hidden, heads * headDim, dtype, false), g.ints([0, 0, heads, headDim])]), cos, sin, headDim);
    const k = rotary(g, g.one('Reshape', [g.linear(h, hidden, kvHeads * headDim, dtype, false), g.ints([0, 0, kvHeads, headDim])]), cos, sin, headDim);
    const v = g.one('Reshape', [g.linear(h, hidden, kvHeads * headDim, dtype, false), g.ints([0, 0, kvHeads, headDim])]);
    const pastKey = `past_key_values.${layer}.key`;
    const pastValue = `past_key_values.${layer}.value`;
    pastInputs.push(pastKey, pastValue);
    const keys = g.one('Concat', [pastKey, g.one('Transpose', [k], { perm: [0, 2, 1, 3] })], { axis: 2 });
    const values = g.one('Concat', [pastValue, g.one('Transpose', [v], { perm: [0, 2, 1, 3] })], { axis: 2 });
    presentOutputs.push({ name: `present.${layer}.key`, from: keys }, { name: `present.${layer}.value`, from: values });
    // Grouped queries [batch, kvHeads, groups, sequence, headDim] against keys [batch, kvHeads, 1, headDim, total].
    const groupedQ = g.one('Transpose', [g.one('Reshape', [q, g.ints([0, 0, kvHeads, groups, headDim])])], { perm: [0, 2, 3, 1, 4] });
    const keysT = g.one('Transpose', [g.one('Unsqueeze', [keys, g.ints([2])])], { perm: [0, 1, 2, 4, 3] });
    const scores = g.one('Add', [g.one('Div', [g.one('MatMul', [groupedQ, keysT]), g.scalar(Math.sqrt(headDim))]), mask]);
    const context = g.one('MatMul', [g.one('Softmax', [scores], { axis: -1 }), g.one('Unsqueeze', [values, g.ints([2])])]);
    const merged = g.one('Reshape', [g.one('Transpose', [context], { perm: [0, 3, 1, 2, 4] }), g.ints([0, 0, hidden])]);
    const attended = g.one('Add', [x, g.linear(merged, heads * headDim, hidden, dtype, false)]);
    const h2 = rmsNorm(g, attended, hidden, shape.rmsEps);
    const gate = g.linear(h2, hidden, shape.intermediate, dtype, false);
    const up = g.linear(h2, hidden, shape.intermediate, dtype, false);
    const activated = g.one('Mul', [g.one('Mul', [gate, g.one('Sigmoid', [gate])]), up]);
    x = g.one('Add', [attended, g.linear(activated, shape.intermediate, hidden, dtype, false)]);
  }
  const logits = g.linear(rmsNorm(g, x, hidden, shape.rmsEps), hidden, shape.vocab, dtype, false);

  const tokens = ['batch_size', 'sequence_length'];
  const cacheDims = ['batch_size', kvHeads, 'past_sequence_length', headDim];
  const presentDims = ['batch_size', kvHeads, 'total_sequence_length', headDim];
  return g.encode(
    'llama_decoder',
    [
      valueInfo('input_ids', INT64, tokens),
      valueInfo('attention_mask', INT64, ['batch_size', 'total_sequence_length']),
      valueInfo('position_ids', INT64, tokens),
      ...pastInputs.map((name) => valueInfo(name, FLOAT, cacheDims)),
    ],
    [
      { info: valueInfo('logits', FLOAT, [...tokens, shape.vocab]), from: logits },
      ...presentOutputs.map(({ name, from }) => ({ info: valueInfo(name, FLOAT, presentDims), from })),
    ],
  );
}
