// What the transformers.js chat worker offers the main thread. Failures come back as results with a code,
// not as thrown errors: across Comlink a thrown error keeps only its name and message.
import type { TrialTiming } from '@openbook/core/deviceTrial';
import type { DownloadProgress } from '../transformers/downloadProgress';
import { classifyGenerationError } from './classifyGenerationError';
import type { ChatMessage, GenerateOptions, GenerationErrorCode, GenerationStats } from './generator';
import type { ChatLoadRequest, ChatLoadResult, TransformersChatEngine } from './transformersChatEngine';

export type ChatResult<T> = { ok: true; value: T } | { ok: false; error: { code: GenerationErrorCode; message: string } };

async function settle<T>(work: () => Promise<T>): Promise<ChatResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    const { code, message } = classifyGenerationError(err);
    return { ok: false, error: { code, message } };
  }
}

/**
 * Answer with the usage figures only once every delta has reached the main thread. Comlink sends a
 * callback's calls through its own MessagePort, and messages on different ports may arrive in any order:
 * without this, the last words of an answer could arrive after the answer was reported complete.
 */
async function generateDelivered(
  engine: TransformersChatEngine,
  messages: ChatMessage[],
  options: GenerateOptions,
  onDelta: (text: string) => unknown,
): Promise<GenerationStats> {
  const delivered: Promise<unknown>[] = [];
  try {
    return await engine.generate(messages, options, (text) => {
      delivered.push(Promise.resolve(onDelta(text)).catch(() => undefined));
    });
  } finally {
    await Promise.all(delivered);
  }
}

export function createChatWorkerApi(engine: TransformersChatEngine) {
  return {
    load: (request: ChatLoadRequest, onDownload: (progress: DownloadProgress) => void): Promise<ChatResult<ChatLoadResult>> =>
      settle(() => engine.load(request, onDownload)),
    generate: (messages: ChatMessage[], options: GenerateOptions, onDelta: (text: string) => void): Promise<ChatResult<GenerationStats>> =>
      settle(() => generateDelivered(engine, messages, options, onDelta)),
    /** "Automatic", measured: the trial answer, once untimed then `passes` times timed (see TransformersChatEngine.trial). */
    trial: (passes: number): Promise<ChatResult<TrialTiming>> => settle(() => engine.trial(passes)),
    countTokens: (texts: string[]): Promise<ChatResult<number[]>> => settle(async () => engine.countTokens(texts)),
    interrupt: (): void => engine.interrupt(),
    holdNextAnswer: (): void => engine.holdNextAnswer(),
    releaseHold: (): void => engine.releaseHold(),
    dispose: (): Promise<void> => engine.dispose(),
  };
}

/** The chat worker's API, as the main thread sees it through Comlink (all methods async). */
export type ChatWorkerApi = ReturnType<typeof createChatWorkerApi>;
