// Several answers in turn for the labs, with a fake generator in place of WebLLM: each prompt answered at
// temperature 0 with the other settings in force, Stop skips the rest, a failure keeps the model usable.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, GenerateOptions, GenerationStats, GpuCapabilities } from '../../adapters/generator/generator';
import { GenerationError } from '../../adapters/generator/generator';

const fake = vi.hoisted(() => ({
  caps: { webgpu: true, adapter: true, shaderF16: true, adapterName: 'test' } as GpuCapabilities,
  generateImpl: null as null | ((messages: ChatMessage[], onDelta: (t: string) => void, options: GenerateOptions) => Promise<GenerationStats>),
  interrupts: 0,
}));

vi.mock('../../adapters/generator/gpuCapabilities', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../adapters/generator/gpuCapabilities')>()),
  detectGpuCapabilities: async () => fake.caps,
}));

vi.mock('../../adapters/generator/webllmGenerator', () => ({
  WebLLMGenerator: class {
    async load() {}
    async generate(messages: ChatMessage[], options: GenerateOptions, onDelta: (t: string) => void) {
      return fake.generateImpl!(messages, onDelta, options);
    }
    async interrupt() {
      fake.interrupts++;
    }
    async unload() {}
  },
}));

const { useGenerationStore } = await import('./generationStore');
const { useSamplingStore } = await import('./samplingStore');
const { answerSeries, canAnswerSeries, startSeries } = await import('./answerSeries');
type SeriesAnswer = ReturnType<typeof startSeries>[number];

const stats: GenerationStats = { promptTokens: 12, completionTokens: 3, timeToFirstTokenS: 0.5, prefillTokensPerS: 100, decodeTokensPerS: 20 };

/** Run a series, keeping its answers as the labs' store would. */
function track(prompts: string[]) {
  const answers: SeriesAnswer[] = startSeries(prompts);
  const update = (i: number, change: (a: SeriesAnswer) => SeriesAnswer) => {
    answers[i] = change(answers[i]!);
  };
  return { answers, run: (system = 'sys') => answerSeries(prompts, system, update) };
}

beforeEach(async () => {
  await useGenerationStore.getState().unload();
  useGenerationStore.setState({ engine: 'webllm', engineChosen: true, phase: 'idle', failure: null, stopped: false });
  useSamplingStore.setState({ temperature: 0.7, topP: 0.9, maxTokens: 64 });
  fake.generateImpl = null;
  fake.interrupts = 0;
});

async function loadModel() {
  await useGenerationStore.getState().load();
  expect(useGenerationStore.getState().phase).toBe('ready');
}

describe('answerSeries', () => {
  it('does nothing without a loaded model', async () => {
    expect(canAnswerSeries()).toBe(false);
    const { answers, run } = track(['a']);
    expect(await run()).toBe(false);
    expect(answers[0]!.status).toBe('waiting');
  });

  it('answers each prompt in turn at temperature 0, with the system prompt and the other settings in force', async () => {
    await loadModel();
    const seen: { messages: ChatMessage[]; options: GenerateOptions }[] = [];
    fake.generateImpl = async (messages, onDelta, options) => {
      seen.push({ messages, options });
      const prompt = messages.at(-1)!.content;
      onDelta('Answer to ');
      onDelta(prompt);
      return stats;
    };
    const { answers, run } = track(['first prompt', 'second prompt']);
    expect(await run('be careful')).toBe(true);
    expect(seen.map((s) => s.messages)).toEqual([
      [
        { role: 'system', content: 'be careful' },
        { role: 'user', content: 'first prompt' },
      ],
      [
        { role: 'system', content: 'be careful' },
        { role: 'user', content: 'second prompt' },
      ],
    ]);
    expect(seen.every((s) => s.options.temperature === 0 && s.options.topP === 0.9 && s.options.maxTokens === 64)).toBe(true);
    expect(answers).toEqual([
      { prompt: 'first prompt', answer: 'Answer to first prompt', stats, status: 'done' },
      { prompt: 'second prompt', answer: 'Answer to second prompt', stats, status: 'done' },
    ]);
    expect(useGenerationStore.getState().phase).toBe('ready');
  });

  it('holds the generation store busy while it runs; Stop ends the answer in progress and skips the rest', async () => {
    await loadModel();
    let finish!: () => void;
    let calls = 0;
    fake.generateImpl = (_m, onDelta) =>
      new Promise((resolve) => {
        calls++;
        onDelta('Part');
        finish = () => resolve(stats);
      });
    const { answers, run } = track(['a', 'b', 'c']);
    const running = run();
    expect(useGenerationStore.getState().phase).toBe('generating');
    expect(canAnswerSeries()).toBe(false);
    await useGenerationStore.getState().stop();
    expect(fake.interrupts).toBe(1);
    finish();
    await running;
    expect(calls).toBe(1);
    expect(answers.map((a) => [a.answer, a.status])).toEqual([
      ['Part', 'stopped'],
      ['', 'skipped'],
      ['', 'skipped'],
    ]);
    // The single answer's own "stopped" is as it was before the series.
    expect(useGenerationStore.getState()).toMatchObject({ phase: 'ready', stopped: false });
  });

  it('a failed answer skips the rest, reports the failure and keeps the model usable', async () => {
    await loadModel();
    let calls = 0;
    fake.generateImpl = async () => {
      if (calls++ === 1) throw new GenerationError('unknown', 'boom');
      return stats;
    };
    const { answers, run } = track(['a', 'b', 'c']);
    await run();
    expect(answers.map((a) => a.status)).toEqual(['done', 'failed', 'skipped']);
    expect(useGenerationStore.getState()).toMatchObject({ phase: 'ready', failure: { code: 'unknown', stage: 'generate' } });
    expect(canAnswerSeries()).toBe(true);
  });
});
