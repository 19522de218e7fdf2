// Counting the prompt's parts with the loaded model's tokenizer: once per text, the estimate kept on failure.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({ calls: [] as string[][], fail: false, generator: null as null | { countTokens?: (t: string[]) => Promise<number[]> } }));
vi.mock('../generation/chatGenerator', () => ({ currentGenerator: () => fake.generator }));

const { ensureTokenCounts, useTokenCountStore, countsKey } = await import('./tokenCountStore');

beforeEach(() => {
  fake.calls = [];
  fake.fail = false;
  fake.generator = {
    countTokens: async (texts) => {
      fake.calls.push(texts);
      if (fake.fail) throw new Error('gone');
      return texts.map((t) => t.length);
    },
  };
  useTokenCountStore.setState({ key: null, counts: null });
});

describe('ensureTokenCounts', () => {
  it('counts each text once per model, and only what it has not counted before', async () => {
    const parts = { system: 'sys', base: 'base?', chunks: ['aaaa', 'bb'] };
    await Promise.all([ensureTokenCounts('m', parts), ensureTokenCounts('m', parts)]);
    expect(fake.calls).toEqual([['sys', 'base?', 'aaaa', 'bb']]);
    expect(useTokenCountStore.getState()).toEqual({ key: countsKey('m', parts), counts: { system: 3, base: 5, chunks: [4, 2] } });
    await ensureTokenCounts('m', { ...parts, base: 'other question', chunks: ['bb', 'ccc'] });
    expect(fake.calls[1]).toEqual(['other question', 'ccc']);
    expect(useTokenCountStore.getState().counts).toEqual({ system: 3, base: 14, chunks: [2, 3] });
  });

  it('keeps the estimate when the engine has no tokenizer or counting fails', async () => {
    fake.generator = {};
    await ensureTokenCounts('x', { system: '', base: 'b', chunks: [] });
    expect(useTokenCountStore.getState().counts).toBeNull();
    fake.generator = { countTokens: async () => Promise.reject(new Error('unloaded')) };
    await ensureTokenCounts('y', { system: '', base: 'b', chunks: [] });
    expect(useTokenCountStore.getState().counts).toBeNull();
  });
});
