// The WebLLM engine's home, and the only place '@mlc-ai/web-llm' (one 6.8 MB file) is imported, so the
// build bundles it once, into this worker, and never on the main thread. webllmGenerator.ts drives it
// through Comlink (workerRpc.ts): load with progress, a streamed answer chunk by chunk, interrupt, unload.
import { CreateMLCEngine, prebuiltAppConfig, type InitProgressReport, type MLCEngine } from '@mlc-ai/web-llm';
import { exposeWorker } from '../workerRpc';
import { buildAppConfig } from './chatModels';
import type { ChatChunkLike, ChatStreamRequest } from './webllmGenerator';

let engine: MLCEngine | null = null;

const api = {
  async load(modelId: string, modelHost: string, onProgress: (report: InitProgressReport) => void): Promise<void> {
    await engine?.unload();
    engine = null;
    const appConfig = buildAppConfig([modelId], modelHost, prebuiltAppConfig);
    engine = await CreateMLCEngine(modelId, {
      appConfig,
      initProgressCallback: (report) => void onProgress({ progress: report.progress, timeElapsed: report.timeElapsed, text: report.text }),
    });
  },
  /** Streams the answer to onChunk (plain objects: what the main thread reads of each chunk); resolves at its end. */
  async generate(request: ChatStreamRequest, onChunk: (chunk: ChatChunkLike) => void): Promise<void> {
    if (!engine) throw new Error('No chat model is loaded.');
    const stream = await engine.chat.completions.create(request);
    for await (const chunk of stream) {
      onChunk({ choices: chunk.choices.map((c) => ({ delta: { content: c.delta?.content ?? null } })), usage: chunk.usage ?? null });
    }
  },
  interrupt(): void {
    engine?.interruptGenerate();
  },
  async unload(): Promise<void> {
    await engine?.unload();
    engine = null;
  },
};

export type WebLLMWorkerApi = typeof api;

exposeWorker(api);
