// Turns whatever WebLLM throws into a GenerationError with a code the UI can explain.
//
// Through WebLLM's worker protocol errors arrive as STRINGS: the worker posts `err.toString()`
// (WebWorkerMLCEngineHandler.handleTask), i.e. "ShaderF16SupportError: This model requires ...",
// "TypeError: Failed to fetch", "Error: Unable to find a compatible GPU ...". So everything here
// matches on names and messages, never on classes (which web-llm does not export anyway).
// The strings below are the ones in @mlc-ai/web-llm 0.2.86's lib/index.js.
import { GenerationError, type GenerationErrorCode } from './generator';

const CODES: readonly GenerationErrorCode[] = [
  'no-webgpu',
  'no-adapter',
  'needs-shader-f16',
  'network',
  'device-lost',
  'out-of-memory',
  'not-found',
  'endpoint-unreachable',
  'endpoint-cors',
  'endpoint-http',
  'endpoint-dropped',
  'endpoint-bad-response',
  'unknown',
];

interface Described {
  name: string;
  message: string;
}

/** Name and message of an Error, a DOMException, an "Name: message" string or anything else. */
function describe(err: unknown): Described {
  if (typeof err === 'string') {
    const match = /^([A-Za-z_$][\w$]*(?:Error|Exception)|Error): ([\s\S]*)$/.exec(err);
    return match ? { name: match[1] ?? '', message: match[2] ?? '' } : { name: '', message: err };
  }
  if (err && typeof err === 'object') {
    const obj = err as { name?: unknown; message?: unknown; cause?: unknown };
    const name = typeof obj.name === 'string' ? obj.name : '';
    let message = typeof obj.message === 'string' ? obj.message : String(err);
    if (obj.cause !== undefined && obj.cause !== null) {
      const cause = describe(obj.cause);
      message += ` (cause: ${cause.name ? `${cause.name}: ` : ''}${cause.message})`;
    }
    return { name, message };
  }
  return { name: '', message: String(err) };
}

const NO_WEBGPU_NAMES = new Set(['WebGPUNotAvailableError', 'WebGPUNotFoundError']);
// WebGPUNotAvailableError / WebGPUNotFoundError messages.
const NO_WEBGPU = /WebGPU is not supported in your current environment|Cannot find WebGPU in the environment/i;
// tvmjs detectGPUDevice(): requestAdapter() returned null.
const NO_ADAPTER = /Unable to find a compatible GPU/i;
// ShaderF16SupportError ("requires WebGPU extension shader-f16"); also shader compile errors about
// the f16 extension, which is what q4f16 records without required_features run into.
const SHADER_F16 = /shader-f16|'f16' extension|extension 'f16'|f16 extension/i;
// DeviceLostError ("The WebGPU device was lost while loading the model ... (OOM) ...") and the
// engine's log line "Device was lost". Checked before out-of-memory: its message mentions OOM.
const DEVICE_LOST = /device (?:was |is |has been )?lost/i;
const OUT_OF_MEMORY = /out of memory|OutOfMemory|\bOOM\b|Array buffer allocation failed|could not allocate memory|Failed to allocate|allocation failed/i;
// Storage full while caching the download: not a network problem.
const QUOTA = /QuotaExceeded|quota/i;
// fetch() in Chromium / Firefox / Safari / Node, Cache.add() failures (network error or a bad
// status), WebLLM's own "Cannot fetch <url>", the IndexedDB and OPFS caches' status errors.
const NETWORK =
  /Failed to fetch|fetch failed|NetworkError|Network response was not ok|^Load failed$|Failed to execute 'add' on 'Cache'|Cache\.add|bad status|Cannot fetch |Unable to fetch |received status|net::ERR_/i;

function codeFor({ name, message }: Described): GenerationErrorCode {
  const text = `${name}: ${message}`;
  if (NO_WEBGPU_NAMES.has(name) || NO_WEBGPU.test(text)) return 'no-webgpu';
  if (NO_ADAPTER.test(text)) return 'no-adapter';
  if (name === 'ShaderF16SupportError' || SHADER_F16.test(text)) return 'needs-shader-f16';
  if (name === 'DeviceLostError' || DEVICE_LOST.test(text)) return 'device-lost';
  if (name === 'GPUOutOfMemoryError' || OUT_OF_MEMORY.test(text)) return 'out-of-memory';
  if (name === 'QuotaExceededError' || QUOTA.test(text)) return 'unknown';
  if (name === 'NetworkError' || NETWORK.test(message) || NETWORK.test(text)) return 'network';
  return 'unknown';
}

/** Classify any failure from loading or generating. A GenerationError passes through unchanged. */
export function classifyGenerationError(err: unknown): GenerationError {
  if (err instanceof GenerationError) return err;
  if (err && typeof err === 'object') {
    const { code, message } = err as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (CODES as readonly string[]).includes(code) && typeof message === 'string') {
      return new GenerationError(code as GenerationErrorCode, message);
    }
  }
  const described = describe(err);
  const code = codeFor(described);
  const generic = !described.name || described.name === 'Error';
  const message = code === 'unknown' && !generic ? `${described.name}: ${described.message}` : described.message;
  return new GenerationError(code, message || 'Unknown error');
}
