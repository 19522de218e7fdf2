// Small helpers for writing ONNX graphs with onnx-proto (onnx 1.10 schema; the fixtures write IR 8,
// opset 17). Shared by the fixture model generators.
import onnxProto from 'onnx-proto';
import type { onnx as Onnx } from 'onnx-proto';

export const { onnx } = onnxProto;
export type { Onnx };

export const FLOAT = onnx.TensorProto.DataType.FLOAT;
export const INT64 = onnx.TensorProto.DataType.INT64;

export function floatBytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((x, i) => view.setFloat32(i * 4, x, true));
  return bytes;
}

export function int64Bytes(values: bigint[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((x, i) => view.setBigInt64(i * 8, x, true));
  return bytes;
}

export function floatTensor(name: string, dims: number[], values: Float32Array): Onnx.ITensorProto {
  return { name, dims, dataType: FLOAT, rawData: floatBytes(values) };
}

export function int64Tensor(name: string, dims: number[], values: bigint[]): Onnx.ITensorProto {
  return { name, dims, dataType: INT64, rawData: int64Bytes(values) };
}

/** A node casting `input` to float32. */
export function castToFloat(input: string, output: string, name: string): Onnx.INodeProto {
  return { opType: 'Cast', input: [input], output: [output], name, attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }] };
}

export function valueInfo(name: string, elemType: number, dims: (number | string)[]): Onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

/** Serialise a graph as an IR 8, opset 17 model. */
export function encodeModel(graph: Onnx.IGraphProto): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'openbook-fixture',
    producerVersion: '1',
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
