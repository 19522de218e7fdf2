// ONNX Runtime's wasm comes from our own origin, never from its default CDN. Import this in every worker
// that runs transformers.js, before the first pipeline. transformers.js 4.x uses the asyncify build for
// both the wasm and the webgpu device.
import { env } from '@huggingface/transformers';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';

// Mutate env.backends.onnx.wasm: replacing the object itself has no effect.
const ortWasm = env.backends.onnx.wasm;
if (ortWasm) ortWasm.wasmPaths = { wasm: ortWasmUrl, mjs: ortMjsUrl };
