import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildAppConfig } from './chatModels';
import { classifyGenerationError } from './classifyGenerationError';
import { GenerationError, type GenerationErrorCode } from './generator';

// Messages exactly as @mlc-ai/web-llm 0.2.86 writes them (lib/index.js). The library does not export
// its error classes, so "instances" below are look-alikes with the same name and message, and the
// last describe block checks that these strings are still in the library.
const WEBGPU_NOT_AVAILABLE =
  'WebGPU is not supported in your current environment, but it is necessary to run the WebLLM engine. ' +
  'Please make sure that your browser supports WebGPU and that it is enabled in your browser settings. ' +
  "You can also consult your browser's compatibility chart to see if it supports WebGPU. " +
  'For more information about WebGPU support in your browser, visit https://webgpureport.org/';
const NO_ADAPTER =
  "Unable to find a compatible GPU. This issue might be because your computer doesn't have a GPU, or your system settings are not configured properly. " +
  'Please check if your device has a GPU properly set up and if your your browser supports WebGPU. ';
const SHADER_F16 =
  'This model requires WebGPU extension shader-f16, which is not enabled in this browser. ' +
  'You can try to launch Chrome Canary in command line with flag "--enable-dawn-features=allow_unsafe_apis".';
const DEVICE_LOST =
  'The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM). ' +
  'To resolve this, try reloading with a model that has fewer parameters or uses a smaller context length.';

function libraryError(name: string, message: string): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}

const cases: Array<[label: string, name: string, message: string, code: GenerationErrorCode]> = [
  ['WebGPUNotAvailableError', 'WebGPUNotAvailableError', WEBGPU_NOT_AVAILABLE, 'no-webgpu'],
  ['WebGPUNotFoundError', 'WebGPUNotFoundError', 'Cannot find WebGPU in the environment', 'no-webgpu'],
  ['detectGPUDevice without adapter', 'Error', NO_ADAPTER, 'no-adapter'],
  ['ShaderF16SupportError', 'ShaderF16SupportError', SHADER_F16, 'needs-shader-f16'],
  ['DeviceLostError (mentions OOM)', 'DeviceLostError', DEVICE_LOST, 'device-lost'],
  ['Chromium fetch', 'TypeError', 'Failed to fetch', 'network'],
  ['Firefox fetch', 'TypeError', 'NetworkError when attempting to fetch resource.', 'network'],
  ['Safari fetch', 'TypeError', 'Load failed', 'network'],
  ['Node fetch', 'TypeError', 'fetch failed', 'network'],
  ['Chromium Cache.add bad status', 'TypeError', "Failed to execute 'add' on 'Cache': Request failed", 'network'],
  ['Firefox Cache.add bad status', 'TypeError', 'Cache got basic response with bad status 404 while trying to add request https://hf-mirror.com/x', 'network'],
  ['ArtifactCache.fetchWithCache', 'Error', 'Cannot fetch https://huggingface.co/mlc-ai/x/resolve/main/mlc-chat-config.json', 'network'],
  ['ArtifactIndexedDBCache', 'Error', 'Failed to store https://huggingface.co/x with error: Error: Network response was not ok', 'network'],
  ['ArtifactOPFSCache', 'Error', 'ArtifactOPFSCache: Unable to fetch https://x/y, received status 404', 'network'],
  ['GPU out of memory', 'GPUOutOfMemoryError', 'Out of memory', 'out-of-memory'],
  ['JS out of memory', 'RangeError', 'Array buffer allocation failed', 'out-of-memory'],
  ['wasm out of memory', 'RangeError', 'WebAssembly.Memory(): could not allocate memory', 'out-of-memory'],
  ['storage quota', 'QuotaExceededError', 'The quota has been exceeded.', 'unknown'],
  [
    'ModelNotFoundError',
    'ModelNotFoundError',
    'Cannot find model record in appConfig for X. Please check if the model ID is correct and included in the model_list configuration.',
    'unknown',
  ],
  ['JSON from an SPA fallback', 'SyntaxError', 'Unexpected token \'<\', "<!doctype "... is not valid JSON', 'unknown'],
];

describe('classifyGenerationError', () => {
  it.each(cases)('%s: an Error instance', (_label, name, message, code) => {
    const result = classifyGenerationError(libraryError(name, message));
    expect(result).toBeInstanceOf(GenerationError);
    expect(result.code).toBe(code);
    expect(result.message).toContain(message);
  });

  it.each(cases)('%s: the string a worker posts (err.toString())', (_label, name, message, code) => {
    const posted = String(libraryError(name, message));
    expect(posted).toBe(`${name}: ${message}`);
    expect(classifyGenerationError(posted).code).toBe(code);
  });

  it('keeps the message without the name for known codes, and the name for unknown ones', () => {
    expect(classifyGenerationError(`ShaderF16SupportError: ${SHADER_F16}`).message).toBe(SHADER_F16);
    expect(classifyGenerationError('SyntaxError: bad').message).toBe('SyntaxError: bad');
    expect(classifyGenerationError('Error: plain').message).toBe('plain');
  });

  it('passes a GenerationError through and rebuilds one that crossed a worker as { code, message }', () => {
    const original = new GenerationError('network', 'offline');
    expect(classifyGenerationError(original)).toBe(original);
    const rebuilt = classifyGenerationError({ code: 'device-lost', message: 'gone' });
    expect(rebuilt).toBeInstanceOf(GenerationError);
    expect(rebuilt.code).toBe('device-lost');
    expect(rebuilt.message).toBe('gone');
  });

  it('looks at the cause and copes with odd values', () => {
    const wrapped = new Error('load failed badly', { cause: new TypeError('Failed to fetch') });
    expect(classifyGenerationError(wrapped).code).toBe('network');
    expect(classifyGenerationError(undefined).code).toBe('unknown');
    expect(classifyGenerationError(42).message).toBe('42');
    expect(classifyGenerationError({ code: 'ECONNREFUSED', message: 'refused' }).code).toBe('unknown');
  });

  it('classifies a DOMException by its name', () => {
    expect(classifyGenerationError(new DOMException('offline', 'NetworkError')).code).toBe('network');
    expect(classifyGenerationError(new DOMException('full', 'QuotaExceededError')).code).toBe('unknown');
  });
});

describe('the strings above are the library\u2019s', () => {
  const source = readFileSync(createRequire(import.meta.url).resolve('@mlc-ai/web-llm'), 'utf8');

  it('has the error names and messages matched on', () => {
    for (const fragment of [
      'this.name = "WebGPUNotAvailableError"',
      'this.name = "WebGPUNotFoundError"',
      'this.name = "ShaderF16SupportError"',
      'this.name = "DeviceLostError"',
      'WebGPU is not supported in your current environment, but it is necessary to run the WebLLM engine. ',
      'Cannot find WebGPU in the environment',
      'Unable to find a compatible GPU. ',
      'This model requires WebGPU extension shader-f16, which is not enabled in this browser. ',
      'The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM). ',
      'Device was lost. ',
      'throw Error("Cannot fetch " + url);',
      "throw new Error('Network response was not ok');",
      'Unable to fetch ${url}, received status ${response.status}',
    ]) {
      expect(source, fragment).toContain(fragment);
    }
  });

  it('posts errors from its worker as err.toString()', () => {
    expect(source).toMatch(/const errStr = err\.toString\(\);\s+const msg = \{\s+kind: "throw",/);
  });
});

describe('the real MLCEngine.reload against an unreachable model host', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('fails on its first request, which goes to the model host, and classifies as network', async () => {
    const { MLCEngine, prebuiltAppConfig } = await import('@mlc-ai/web-llm');
    const requested: string[] = [];
    const realFetch = globalThis.fetch;
    const recordingFetch = (input: RequestInfo | URL, init?: RequestInit) => {
      requested.push(input instanceof Request ? input.url : String(input));
      return realFetch(input, init);
    };
    // Node has no Cache API: a minimal one that behaves like the browser's (add = fetch + store).
    const cacheStorage = {
      open: async () => ({
        match: async () => undefined,
        keys: async () => [],
        delete: async () => false,
        add: async (request: Request) => {
          const response = await recordingFetch(request);
          if (!response.ok) throw new TypeError("Failed to execute 'add' on 'Cache': Request failed");
        },
      }),
    };
    vi.stubGlobal('fetch', recordingFetch);
    vi.stubGlobal('caches', cacheStorage);
    vi.stubGlobal('location', { origin: 'http://localhost:5173', href: 'http://localhost:5173/' });

    const modelId = 'SmolLM2-360M-Instruct-q4f16_1-MLC';
    const appConfig = buildAppConfig([modelId], 'http://127.0.0.1:9', prebuiltAppConfig);
    const engine = new MLCEngine({ appConfig });
    const error = await engine.reload(modelId).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).not.toBeNull();
    expect(classifyGenerationError(error).code).toBe('network');
    // Only one request was made, to the model host: the model library (on GitHub) was never asked for.
    expect(requested).toEqual(['http://127.0.0.1:9/mlc-ai/SmolLM2-360M-Instruct-q4f16_1-MLC/resolve/main/mlc-chat-config.json']);
  });
});
