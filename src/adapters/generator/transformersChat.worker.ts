// The transformers.js chat engine's home: transformers.js and ONNX Runtime run here, off the main thread.
// Started by transformersGenerator.ts; talks Comlink through exposeWorker (see workerRpc.ts).
import '../transformers/ortWasmFromOwnOrigin';
import { exposeWorker } from '../workerRpc';
import { createChatWorkerApi } from './transformersChatApi';
import { TransformersChatEngine } from './transformersChatEngine';

exposeWorker(createChatWorkerApi(new TransformersChatEngine()));
