// Turns whatever transformers.js or ONNX Runtime throws while loading or running a chat model into a
// GenerationError with a code the UI can explain. Runs where the engine runs (worker, or Node in tests).
import { FILE_NOT_FOUND, HTML_INSTEAD_OF_FILE, NETWORK_FAILURE, rawMessage } from '../transformers/loadErrorPatterns';
import { ModelLocationError } from '../transformers/modelLocation';
import { ModelLoadError } from '../transformers/loadFailure';
import { classifyGenerationError } from './classifyGenerationError';
import { GenerationError } from './generator';

export function classifyTransformersError(error: unknown): GenerationError {
  if (error instanceof GenerationError) return error;
  if (error instanceof ModelLocationError) {
    return new GenerationError(error.reason === 'not-found' ? 'not-found' : 'unknown', error.message);
  }
  // Described by the shared loader already (a device this browser lacks).
  if (error instanceof ModelLoadError) {
    const code = error.reason === 'webgpu' ? 'no-webgpu' : error.reason === 'not-found' || error.reason === 'network' ? error.reason : 'unknown';
    return new GenerationError(code, error.message);
  }
  const raw = rawMessage(error);
  const name = error instanceof Error ? error.name : '';
  if (NETWORK_FAILURE.test(raw)) return new GenerationError('network', raw);
  if (name === 'ModelFileNotFoundError' || FILE_NOT_FOUND.test(raw)) return new GenerationError('not-found', raw);
  // A server that answers a missing file with a web page.
  if (HTML_INSTEAD_OF_FILE.test(raw)) return new GenerationError('not-found', `A web page came back instead of a model file (${raw}).`);
  // transformers.js' own check for fp16 weights on WebGPU.
  if (/does not support fp16/i.test(raw)) return new GenerationError('needs-shader-f16', raw);
  return classifyGenerationError(error);
}
