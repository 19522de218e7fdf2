// The labs on the current question, with a fake generator that answers from what its prompt holds (as a
// real model would): the chunk at each position, and leave-one-out with the numbers kept.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, GenerationStats, GpuCapabilities } from '../../adapters/generator/generator';
import type { RetrievalRun } from '../retrieval/retrievalStore';
import type { ScoredChunk } from '@openbook/core/types';

const fake = vi.hoisted(() => ({
  caps: { webgpu: true, adapter: true, shaderF16: true, adapterName: 'test' } as GpuCapabilities,
  prompts: [] as string[],
}));

vi.mock('../../adapters/generator/gpuCapabilities', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../adapters/generator/gpuCapabilities')>()),
  detectGpuCapabilities: async () => fake.caps,
}));

const stats: GenerationStats = { promptTokens: 12, completionTokens: 3, timeToFirstTokenS: 0.5, prefillTokensPerS: 100, decodeTokensPerS: 20 };

vi.mock('../../adapters/generator/webllmGenerator', () => ({
  WebLLMGenerator: class {
    async load() {}
    /** Knows the answer only when the chunk about lava is in the prompt, and cites it by its number. */
    async generate(messages: ChatMessage[], _options: unknown, onDelta: (t: string) => void) {
      const prompt = messages.at(-1)!.content;
      fake.prompts.push(prompt);
      const label = /\[(\d+)\] \(d\)\nLava is 1200 degrees/.exec(prompt);
      onDelta(label ? `About 1200 degrees [${label[1]}].` : 'I don’t know.');
      return stats;
    }
    async interrupt() {}
    async unload() {}
  },
}));

const { useGenerationStore } = await import('../generation/generationStore');
const { useRetrievalStore } = await import('../retrieval/retrievalStore');
const { usePromptStore } = await import('../augment/promptStore');
const { useSamplingStore } = await import('../generation/samplingStore');
const { useLabStore } = await import('../labs/labStore');
const { runLeaveOneOut, runPositionsLab } = await import('./labs');
const { attribute } = await import('@openbook/core/labs/leaveOneOut');

const TEXTS = ['Tea grows on hills.', 'Lava is 1200 degrees hot.', 'Rivers run to the sea.'];
const result = (text: string, i: number): ScoredChunk => ({
  chunk: { id: `d#${i}`, docId: 'd', index: i, start: 0, end: text.length, text },
  score: 1 - i / 10,
  rank: i + 1,
});

beforeEach(async () => {
  await useGenerationStore.getState().unload();
  useGenerationStore.setState({ engine: 'webllm', engineChosen: true, phase: 'idle', failure: null, stopped: false });
  useSamplingStore.setState({ customSystem: '' });
  usePromptStore.setState({ custom: '{context}\nQ: {question}', orderBothEnds: false });
  useRetrievalStore.setState({ last: { question: 'How hot is lava?', results: TEXTS.map(result) } as unknown as RetrievalRun });
  useLabStore.setState({ target: 0, positions: null, leaveOneOut: null });
  fake.prompts = [];
  await useGenerationStore.getState().load();
});

describe('the lost-in-the-middle lab', () => {
  it('answers once per position with the chosen chunk first, in the middle and last', async () => {
    useLabStore.getState().setTarget(1); // the chunk about lava
    await runPositionsLab('en');
    const run = useLabStore.getState().positions!;
    expect(run.target).toBe(1);
    expect(run.answers.map((a) => [a.position, a.targetNumber, a.status])).toEqual([
      ['first', 1, 'done'],
      ['middle', 2, 'done'],
      ['last', 3, 'done'],
    ]);
    expect(fake.prompts[0]).toBe('[1] (d)\nLava is 1200 degrees hot.\n\n[2] (d)\nTea grows on hills.\n\n[3] (d)\nRivers run to the sea.\nQ: How hot is lava?');
    expect(fake.prompts[2]!.endsWith('[3] (d)\nLava is 1200 degrees hot.\nQ: How hot is lava?')).toBe(true);
    expect(run.answers.map((a) => a.answer)).toEqual(['About 1200 degrees [1].', 'About 1200 degrees [2].', 'About 1200 degrees [3].']);
    expect(run.answers.map((a) => a.prompt)).toEqual(fake.prompts);
    expect(useLabStore.getState().running).toBe(false);
  });

  it('keeps a chosen chunk within the chunks the prompt holds', async () => {
    useLabStore.getState().setTarget(7);
    await runPositionsLab('en');
    expect(useLabStore.getState().positions!.target).toBe(2);
  });
});

describe('leave-one-out attribution', () => {
  it('answers with every chunk, then without each, the others keeping their numbers; only the removal of the answer’s chunk changes it', async () => {
    await runLeaveOneOut('en');
    const run = useLabStore.getState().leaveOneOut!;
    expect(run.answers.map((a) => a.left)).toEqual([null, 0, 1, 2]);
    expect(run.answers.every((a) => a.status === 'done')).toBe(true);
    expect(fake.prompts[2]).toBe('[1] (d)\nTea grows on hills.\n\n[3] (d)\nRivers run to the sea.\nQ: How hot is lava?');
    const [full, ...without] = run.answers;
    expect(full!.answer).toBe('About 1200 degrees [2].');
    const rows = attribute(
      full!.answer,
      without.map((a) => a.answer),
      run.chunks.length,
    );
    expect(rows.map((r) => [r.chunkNumber, r.cited, r.changed])).toEqual([
      [1, false, false],
      [2, true, true],
      [3, false, false],
    ]);
  });

  it('follows the prompt’s order when the context is ordered best first and last', async () => {
    usePromptStore.getState().setOrderBothEnds(true);
    await runLeaveOneOut('en');
    const run = useLabStore.getState().leaveOneOut!;
    // Ranks 1, 2, 3 stand as 1, 3, 2: the lava chunk (rank 2) is [3].
    expect(run.chunks.map((c) => c.text)).toEqual([TEXTS[0], TEXTS[2], TEXTS[1]]);
    expect(run.answers[0]!.answer).toBe('About 1200 degrees [3].');
  });

  it('does nothing without a loaded model', async () => {
    await useGenerationStore.getState().unload();
    await runLeaveOneOut('en');
    expect(useLabStore.getState().leaveOneOut).toBeNull();
  });
});
