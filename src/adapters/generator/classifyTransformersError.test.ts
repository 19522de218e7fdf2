import { describe, expect, it } from 'vitest';
import { ModelLocationError } from '../transformers/modelLocation';
import { classifyTransformersError } from './classifyTransformersError';
import { GenerationError } from './generator';

describe('classifyTransformersError', () => {
  it('gives each kind of load failure its code', () => {
    const code = (error: unknown) => classifyTransformersError(error).code;
    expect(code(new ModelLocationError('not-found', 'only on the site'))).toBe('not-found');
    expect(code(new ModelLocationError('bad-host', 'bad host'))).toBe('unknown');
    expect(code(new TypeError('Failed to fetch'))).toBe('network');
    expect(code(Object.assign(new Error('Could not locate file: "x/onnx/model_q4.onnx".'), { name: 'ModelFileNotFoundError' }))).toBe('not-found');
    expect(code(new SyntaxError(`Unexpected token '<', "<!doctype "... is not valid JSON`))).toBe('not-found');
    expect(code(new Error('The device (webgpu) does not support fp16.'))).toBe('needs-shader-f16');
    expect(code(new Error('Device was lost'))).toBe('device-lost');
    expect(code(new RangeError('Array buffer allocation failed'))).toBe('out-of-memory');
    expect(code(new Error('something else'))).toBe('unknown');
  });

  it('passes a GenerationError through', () => {
    const error = new GenerationError('no-webgpu', 'none');
    expect(classifyTransformersError(error)).toBe(error);
  });
});
