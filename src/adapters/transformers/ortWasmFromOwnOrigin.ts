// ONNX Runtime's wasm comes from our own origin, never from its default CDN. Import this in every worker
// that runs transformers.js, before the first pipeline. transformers.js 4.x uses the asyncify build for
// both the wasm and the webgpu device.
import { env } from '@huggingface/transformers';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';

// Mutate env.backends.onnx.wasm: replacing the object itself has no effect.
const ortWasm = env.backends.onnx.wasm;
if (ortWasm) ortWasm.wasmPaths = { wasm: ortWasmUrl, mjs: ortMjsUrl };

// Threads: where the page is cross-origin isolated (COOP/COEP, see README), SharedArrayBuffer exists and ONNX
// Runtime's WASM can use several threads. Its own default is half the cores (at most 4), which on a 2-core
// machine is one: use every core, at most 4 (each model's worker has its own pool).
if (ortWasm && (self as { crossOriginIsolated?: boolean }).crossOriginIsolated && typeof SharedArrayBuffer !== 'undefined') {
  ortWasm.numThreads = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));
}

/** The number of threads ONNX Runtime's WASM uses in this worker (1 without cross-origin isolation). */
export function ortThreads(): number {
  const n = ortWasm?.numThreads;
  return typeof n === 'number' && n > 0 ? n : 1;
}
