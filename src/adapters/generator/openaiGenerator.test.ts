// The OpenAI-compatible engine against a real local server speaking the streaming protocol (Node's fetch).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAIGenerator, errorMessageOf, modelIdsOf, normaliseBaseUrl } from './openaiGenerator';
import { GenerationError } from './generator';
import { TEST_SERVER_ANSWER, TEST_SERVER_FAIL_MESSAGE, TEST_SERVER_MODELS, startOpenAITestServer, type TestServer } from '../../../scripts/openaiTestServer';

let server: TestServer;
beforeAll(async () => {
  server = await startOpenAITestServer();
});
afterAll(() => server.close());

const noProgress = () => {};

async function connected(model: string, apiKey?: string) {
  const gen = new OpenAIGenerator({ baseUrl: server.baseUrl, ...(apiKey ? { apiKey } : {}) });
  await gen.load(model, '', noProgress);
  return gen;
}

async function failure(promise: Promise<unknown>): Promise<GenerationError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(GenerationError);
    return err as GenerationError;
  }
  throw new Error('expected a failure');
}

describe('OpenAIGenerator', () => {
  it('lists the server models', async () => {
    expect(await new OpenAIGenerator({ baseUrl: server.baseUrl + '/' }).listModels()).toEqual(TEST_SERVER_MODELS);
  });

  it('streams an answer delta by delta, sends the settings, and reads the usage figures', async () => {
    const gen = await connected('echo', 'sk-test');
    const deltas: string[] = [];
    const stats = await gen.generate([{ role: 'user', content: 'How hot is lava?' }], { temperature: 0.3, topP: 0.9, maxTokens: 64 }, (d) => deltas.push(d));
    expect(deltas.join('')).toBe(TEST_SERVER_ANSWER);
    expect(deltas.length).toBeGreaterThan(3);
    expect(stats.promptTokens).toBe(42);
    expect(stats.completionTokens).toBe(deltas.length);
    expect(stats.timeToFirstTokenS).toBeGreaterThan(0);
    expect(stats.decodeTokensPerS).toBeGreaterThan(0);
    expect(server.requests.at(-1)).toMatchObject({
      model: 'echo',
      messages: [{ role: 'user', content: 'How hot is lava?' }],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 64,
    });
  });

  it('stops on interrupt(), keeping what came', async () => {
    const gen = await connected('slow');
    const deltas: string[] = [];
    const answering = gen.generate([{ role: 'user', content: 'q' }], {}, (d) => {
      deltas.push(d);
      if (deltas.length === 2) void gen.interrupt();
    });
    const stats = await answering;
    expect(deltas).toHaveLength(2);
    expect(stats.completionTokens).toBeNull();
  });

  it("reports an HTTP error with the server's own message", async () => {
    const gen = await connected('fail');
    const err = await failure(gen.generate([{ role: 'user', content: 'q' }], {}, () => {}));
    expect(err.code).toBe('endpoint-http');
    expect(err.message).toBe(`HTTP 404: ${TEST_SERVER_FAIL_MESSAGE}`);
  });

  it('reports a connection dropped mid-answer, after the first words arrived', async () => {
    const gen = await connected('drop');
    const deltas: string[] = [];
    const err = await failure(gen.generate([{ role: 'user', content: 'q' }], {}, (d) => deltas.push(d)));
    expect(err.code).toBe('endpoint-dropped');
    expect(deltas.length).toBe(3);
  });

  it('reports a refused connection', async () => {
    const gen = new OpenAIGenerator({ baseUrl: 'http://127.0.0.1:9/v1' });
    const err = await failure(gen.load('echo', '', noProgress));
    expect(err.code).toBe('endpoint-unreachable');
    expect(err.message).toContain('http://127.0.0.1:9/v1/models');
  });

  it('refuses to answer before a model is connected, and rejects a bad address', async () => {
    await expect(new OpenAIGenerator({ baseUrl: server.baseUrl }).generate([], {}, () => {})).rejects.toThrow(/No endpoint/);
    expect(() => new OpenAIGenerator({ baseUrl: 'localhost:11434' })).toThrow(GenerationError);
  });
});

describe('endpoint helpers', () => {
  it('normalises base URLs', () => {
    expect(normaliseBaseUrl(' http://localhost:11434/v1/ ')).toBe('http://localhost:11434/v1');
    expect(normaliseBaseUrl('ftp://x')).toBeNull();
    expect(normaliseBaseUrl('nope')).toBeNull();
    expect(normaliseBaseUrl('http://x/v1?a=1')).toBeNull();
  });
  it('reads error bodies in the shapes servers use', () => {
    expect(errorMessageOf('{"error":{"message":"bad"}}')).toBe('bad');
    expect(errorMessageOf('{"error":"model not found"}')).toBe('model not found');
    expect(errorMessageOf('{"detail":"nope"}')).toBe('nope');
    expect(errorMessageOf('<html>')).toBeNull();
  });
  it('reads model lists', () => {
    expect(modelIdsOf({ data: [{ id: 'a' }, { id: 3 }, {}, { id: 'b' }] })).toEqual(['a', 'b']);
    expect(modelIdsOf({ models: [] })).toEqual([]);
  });
});
