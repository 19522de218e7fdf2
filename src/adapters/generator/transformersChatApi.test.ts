// The chat worker's API with a fake engine: results instead of thrown errors, and no answer reported
// complete before every delta has been delivered.
import { describe, expect, it } from 'vitest';
import { GenerationError, type GenerationStats } from './generator';
import { createChatWorkerApi } from './transformersChatApi';
import type { TransformersChatEngine } from './transformersChatEngine';

const stats: GenerationStats = { promptTokens: 5, completionTokens: 2, timeToFirstTokenS: 0.1, prefillTokensPerS: 50, decodeTokensPerS: 10 };

function fakeEngine(generate: TransformersChatEngine['generate']): TransformersChatEngine {
  return { generate, interrupt() {}, async dispose() {} } as unknown as TransformersChatEngine;
}

describe('createChatWorkerApi', () => {
  it('answers only after every delta has reached the other side', async () => {
    const api = createChatWorkerApi(
      fakeEngine(async (_m, _o, onDelta) => {
        onDelta('Lava');
        onDelta(' is');
        return stats;
      }),
    );
    const arrived: string[] = [];
    // A delta's delivery takes a while, as a message through another MessagePort would.
    const slowDelivery = (text: string) => new Promise<void>((resolve) => setTimeout(() => (arrived.push(text), resolve()), 20));
    const result = await api.generate([], {}, slowDelivery);
    expect(arrived).toEqual(['Lava', ' is']);
    expect(result).toEqual({ ok: true, value: stats });
  });

  it('returns failures as results with their code', async () => {
    const api = createChatWorkerApi(
      fakeEngine(async () => {
        throw new GenerationError('out-of-memory', 'Array buffer allocation failed');
      }),
    );
    expect(await api.generate([], {}, () => {})).toEqual({
      ok: false,
      error: { code: 'out-of-memory', message: 'Array buffer allocation failed' },
    });
  });
});
