// A small builder for the benchmark models' ONNX graphs (onnx-proto, IR 8, opset 17, plus Microsoft's
// contrib domain for MatMulNBits): named nodes and initialisers, and the weight layouts of the real
// transformers.js exports: q8 as ONNX Runtime's dynamic quantisation writes it (DynamicQuantizeLinear +
// MatMulInteger for every MatMul with a constant weight, uint8 weights; a Gather of uint8 embeddings then
// DequantizeLinear), q4 as its MatMulNBits quantiser writes it (4-bit blocks of 32 with a float scale each),
// and fp32. Every weight comes from a seeded generator: compute does not depend on the values.
import { FLOAT, INT64, onnx, valueInfo, type Onnx } from '../onnx-graph.ts';
import { mulberry32 } from '@openbook/core/testing/seededRandom';

export type WeightDtype = 'fp32' | 'q8' | 'q4';

const UINT8 = onnx.TensorProto.DataType.UINT8;
const INT8 = onnx.TensorProto.DataType.INT8;
const INT = onnx.AttributeProto.AttributeType.INT;
const FLOAT_ATTR = onnx.AttributeProto.AttributeType.FLOAT;
const INTS = onnx.AttributeProto.AttributeType.INTS;

export type Attr = number | number[] | { float: number };

export interface GraphOptions {
  /**
   * q8 weights: 'uint8' (zero point 128), as the encoders' hub files are quantised, or 'int8' (symmetric, zero point
   * 0), as transformers.js's quantize.py writes a model with no Conv (QuantType.QInt8), e.g. a decoder's
   * model_quantized.onnx.
   */
  q8Weights?: 'uint8' | 'int8';
}

/** Seeded random bytes and floats, fast enough for a few hundred million weights. */
export class Weights {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Uniform in [-scale, scale). */
  floats(n: number, scale: number): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = (this.next() * 2 - 1) * scale;
    return out;
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    // Four bytes per draw: mulberry32 returns 32 random bits as a fraction.
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const x = (this.next() * 2 ** 32) >>> 0;
      out[i] = x & 255;
      out[i + 1] = (x >>> 8) & 255;
      out[i + 2] = (x >>> 16) & 255;
      out[i + 3] = x >>> 24;
    }
    for (; i < n; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }
}

const raw = (values: Float32Array | BigInt64Array | Uint8Array) => new Uint8Array(values.buffer, values.byteOffset, values.byteLength);

export class Graph {
  readonly nodes: Onnx.INodeProto[] = [];
  readonly initializers: Onnx.ITensorProto[] = [];
  private count = 0;
  private readonly constants = new Map<string, string>();
  usesContribOps = false;

  private readonly q8Signed: boolean;

  constructor(
    readonly weights: Weights,
    options: GraphOptions = {},
  ) {
    this.q8Signed = options.q8Weights === 'int8';
  }

  /** A fresh value name. */
  name(hint: string): string {
    return `${hint}_${this.count++}`;
  }

  /** Add a node; returns its first output (or its outputs when `outputs` > 1). */
  op(opType: string, inputs: string[], attrs: Record<string, Attr> = {}, outputs = 1, domain = ''): string[] {
    const out = Array.from({ length: outputs }, () => this.name(opType.toLowerCase()));
    const attribute: Onnx.IAttributeProto[] = Object.entries(attrs).map(([name, value]) =>
      Array.isArray(value)
        ? { name, type: INTS, ints: value }
        : typeof value === 'number'
          ? { name, type: INT, i: value }
          : { name, type: FLOAT_ATTR, f: value.float },
    );
    if (domain) this.usesContribOps = true;
    this.nodes.push({ opType, input: inputs, output: out, name: this.name(`n_${opType}`), attribute, ...(domain ? { domain } : {}) });
    return out;
  }
  one(opType: string, inputs: string[], attrs: Record<string, Attr> = {}, domain = ''): string {
    return this.op(opType, inputs, attrs, 1, domain)[0]!;
  }

  floatInit(hint: string, dims: number[], values: Float32Array): string {
    const name = this.name(hint);
    this.initializers.push({ name, dims, dataType: FLOAT, rawData: raw(values) });
    return name;
  }
  uint8Init(hint: string, dims: number[], values: Uint8Array): string {
    const name = this.name(hint);
    this.initializers.push({ name, dims, dataType: UINT8, rawData: values });
    return name;
  }
  /** A shared int64 constant (scalars have dims []). */
  ints(values: number[], scalar = false): string {
    const key = `i${scalar ? 's' : ''}:${values.join(',')}`;
    let name = this.constants.get(key);
    if (!name) {
      name = this.name('const_i64');
      this.initializers.push({ name, dims: scalar ? [] : [values.length], dataType: INT64, rawData: raw(BigInt64Array.from(values.map(BigInt))) });
      this.constants.set(key, name);
    }
    return name;
  }
  /** A shared float scalar constant. */
  scalar(value: number): string {
    const key = `f:${value}`;
    let name = this.constants.get(key);
    if (!name) {
      name = this.name('const_f32');
      this.initializers.push({ name, dims: [], dataType: FLOAT, rawData: raw(Float32Array.of(value)) });
      this.constants.set(key, name);
    }
    return name;
  }
  private uint8Scalar(value: number): string {
    const key = `u8:${value}`;
    let name = this.constants.get(key);
    if (!name) {
      name = this.name('const_u8');
      this.initializers.push({ name, dims: [], dataType: UINT8, rawData: Uint8Array.of(value) });
      this.constants.set(key, name);
    }
    return name;
  }
  private int8Zero(): string {
    let name = this.constants.get('i8:0');
    if (!name) {
      name = this.name('const_i8');
      this.initializers.push({ name, dims: [], dataType: INT8, rawData: Uint8Array.of(0) });
      this.constants.set('i8:0', name);
    }
    return name;
  }
  /** A q8 weight: random bytes, read as uint8 or int8 (see GraphOptions). */
  private q8Weight(hint: string, dims: number[]): string {
    const bytes = this.weights.bytes(dims.reduce((a, b) => a * b, 1));
    if (!this.q8Signed) return this.uint8Init(hint, dims, bytes);
    const name = this.name(hint);
    this.initializers.push({ name, dims, dataType: INT8, rawData: bytes });
    return name;
  }
  /** The q8 weights' zero point (named after the scale, as before int8 weights existed: the files stay the same). */
  private q8Zero(): string {
    return this.q8Signed ? this.int8Zero() : this.uint8Scalar(128);
  }

  /** x @ W (+ b) for a constant [inDim, outDim] weight, laid out as the real export of that dtype does. */
  linear(x: string, inDim: number, outDim: number, dtype: WeightDtype, bias: boolean): string {
    const scale = 1 / Math.sqrt(inDim);
    let y: string;
    if (dtype === 'fp32') {
      y = this.one('MatMul', [x, this.floatInit('weight', [inDim, outDim], this.weights.floats(inDim * outDim, scale))]);
    } else if (dtype === 'q8') {
      // onnxruntime.quantization's dynamic quantisation (IntegerOps), as in the hub's model_quantized.onnx:
      // weight_type QUInt8 or QInt8 (see GraphOptions).
      const [xq, xScale, xZero] = this.op('DynamicQuantizeLinear', [x], {}, 3) as [string, string, string];
      const w = this.q8Weight('weight_quantized', [inDim, outDim]);
      const wScale = this.floatInit('weight_scale', [], Float32Array.of((scale * 2) / 255));
      const integer = this.one('MatMulInteger', [xq, w, xZero, this.q8Zero()]);
      const asFloat = this.one('Cast', [integer], { to: FLOAT });
      y = this.one('Mul', [asFloat, this.one('Mul', [xScale, wScale])]);
    } else {
      // onnxruntime's MatMul4BitsQuantizer (block size 32, symmetric): MatMulNBits over packed 4-bit blocks.
      const block = 32;
      const blocks = Math.ceil(inDim / block);
      const w = this.uint8Init('weight_q4', [outDim, blocks, block / 2], this.weights.bytes(outDim * blocks * (block / 2)));
      const scales = this.floatInit('weight_scales', [outDim * blocks], new Float32Array(outDim * blocks).fill(scale / 8));
      y = this.one('MatMulNBits', [x, w, scales], { K: inDim, N: outDim, bits: 4, block_size: block }, 'com.microsoft');
    }
    return bias ? this.one('Add', [y, this.floatInit('bias', [outDim], this.weights.floats(outDim, 0.02))]) : y;
  }

  /** Rows of a [rows, width] embedding table for int64 `ids`: 8-bit + DequantizeLinear in q8 (as the real files), else fp32. */
  embedding(ids: string, rows: number, width: number, dtype: WeightDtype): string {
    if (dtype === 'q8') {
      const table = this.q8Weight('embedding_quantized', [rows, width]);
      const gathered = this.one('Gather', [table, ids]);
      return this.one('DequantizeLinear', [gathered, this.floatInit('embedding_scale', [], Float32Array.of(0.1 / 255)), this.q8Zero()]);
    }
    return this.one('Gather', [this.floatInit('embedding', [rows, width], this.weights.floats(rows * width, 0.05)), ids]);
  }

  layerNorm(x: string, width: number, epsilon: number): string {
    const gamma = this.floatInit('ln_weight', [width], new Float32Array(width).fill(1));
    const beta = this.floatInit('ln_bias', [width], new Float32Array(width));
    return this.one('LayerNormalization', [x, gamma, beta], { axis: -1, epsilon: { float: epsilon } });
  }

  /** GELU as the exported BERT graphs write it: x * 0.5 * (1 + erf(x / sqrt 2)). */
  gelu(x: string): string {
    const erf = this.one('Erf', [this.one('Div', [x, this.scalar(Math.SQRT2)])]);
    return this.one('Mul', [this.one('Mul', [x, this.one('Add', [erf, this.scalar(1)])]), this.scalar(0.5)]);
  }

  /** Serialise, with `inputs` and `outputs` as [name, elemType, dims] (an output's value is renamed from `from`). */
  encode(graphName: string, inputs: Onnx.IValueInfoProto[], outputs: Array<{ info: Onnx.IValueInfoProto; from: string }>): Uint8Array {
    for (const { info, from } of outputs) this.nodes.push({ opType: 'Identity', input: [from], output: [info.name!], name: this.name('n_output') });
    const model = onnx.ModelProto.create({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }, ...(this.usesContribOps ? [{ domain: 'com.microsoft', version: 1 }] : [])],
      producerName: 'openbook-bench-models',
      producerVersion: '1',
      graph: { name: graphName, node: this.nodes, initializer: this.initializers, input: inputs, output: outputs.map((o) => o.info) },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

export { FLOAT, INT64, valueInfo };
