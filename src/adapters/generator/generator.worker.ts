// The WebLLM engine's home: WebLLM's own worker protocol, driven by WebWorkerMLCEngine in
// webllmGenerator.ts. The handler is installed synchronously at module top (web-llm has no top-level
// await), so no message from the main thread can arrive before it listens.
import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';

const handler = new WebWorkerMLCEngineHandler();
self.onmessage = (msg: MessageEvent) => {
  handler.onmessage(msg);
};
