// The transformers.js chat engine, for real, in Node: the generated fixture chat model on disk,
// onnxruntime-node on 'cpu'.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CHAT_ANSWER, FIXTURE_CHAT_ANSWER_TOKENS, makeFixtureChatModel } from '../../../scripts/make-fixture-chat-model';
import type { DownloadProgress } from '../transformers/downloadProgress';
import type { ModelSource } from '../transformers/modelLocation';
import type { ChatMessage } from './generator';
import { TransformersChatEngine } from './transformersChatEngine';
import { CHAT_TRIAL_NEW_TOKENS, chatTrialMessages, chatTrialTokens } from '@openbook/core/deviceTrial';
import { parseChatManifest, type TransformersChatModelInfo } from './transformersChatModels';

const SOURCE: ModelSource = { remoteHost: 'https://huggingface.co', basePath: '/' };
const CHAT: ChatMessage[] = [{ role: 'user', content: 'How hot is lava?' }];

let dir: string;
let modelsDir: string;
let fixture: TransformersChatModelInfo;
let engine: TransformersChatEngine;
const progress: DownloadProgress[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openbook-chat-'));
  modelsDir = join(dir, 'models');
  await makeFixtureChatModel(modelsDir);
  [fixture] = parseChatManifest(JSON.parse(await readFile(join(modelsDir, 'models.json'), 'utf8'))) as [TransformersChatModelInfo];
  engine = new TransformersChatEngine({ localModelPath: `${modelsDir}/` });
  const result = await engine.load({ model: fixture, device: 'wasm', dtype: fixture.dtype, source: SOURCE }, (p) => progress.push(p));
  expect(result).toEqual({ modelId: 'openbook/tiny-chat', device: 'wasm', dtype: 'auto', from: 'site' });
});

afterAll(async () => {
  await engine.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function answer(messages: ChatMessage[], options = {}, onDelta: (delta: string, all: string[]) => void = () => {}) {
  const deltas: string[] = [];
  const stats = await engine.generate(messages, options, (delta) => {
    deltas.push(delta);
    onDelta(delta, deltas);
  });
  return { deltas, text: deltas.join(''), stats };
}

describe('TransformersChatEngine with the fixture chat model', () => {
  it('reports download progress per file, the weights included', () => {
    const done = progress.filter((p) => p.done).map((p) => p.file);
    expect(done).toEqual(expect.arrayContaining(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']));
    const weights = progress.filter((p) => p.file === 'onnx/model.onnx' && p.done)[0]!;
    expect(weights.totalBytes).toBeGreaterThan(100_000);
    expect(weights.loadedBytes).toBe(weights.totalBytes);
  });

  it('streams the fixed answer one token at a time, stops at <|im_end|>, and counts and times it', async () => {
    const { deltas, text, stats } = await answer(CHAT);
    expect(text).toBe(FIXTURE_CHAT_ANSWER);
    expect(deltas).toHaveLength(FIXTURE_CHAT_ANSWER_TOKENS);
    expect(deltas.slice(0, 3)).toEqual(['Lava', ' is', ' molten']);
    expect(stats.completionTokens).toBe(FIXTURE_CHAT_ANSWER_TOKENS);
    // The prompt as the chat template renders it.
    const tokenizer = await AutoTokenizer.from_pretrained('openbook/tiny-chat');
    const prompt = tokenizer.apply_chat_template(CHAT, { add_generation_prompt: true, tokenize: false }) as string;
    expect(prompt).toBe('<|im_start|>user\nHow hot is lava?<|im_end|>\n<|im_start|>assistant\n');
    expect(stats.promptTokens).toBe(tokenizer.encode(prompt, { add_special_tokens: false }).length);
    expect(stats.timeToFirstTokenS).toBeGreaterThan(0);
    expect(stats.decodeTokensPerS).toBeGreaterThan(0);
    expect(stats.prefillTokensPerS).toBeGreaterThan(0);
  });

  it("counts tokens with the model's own tokenizer, as the prompt is counted when answering", async () => {
    const tokenizer = await AutoTokenizer.from_pretrained('openbook/tiny-chat');
    const texts = ['How hot is lava?', '', 'Lava is molten rock.'];
    expect(engine.countTokens(texts)).toEqual(texts.map((t) => tokenizer.encode(t, { add_special_tokens: false }).length));
    expect(engine.countTokens(['How hot is lava?'])[0]).toBeGreaterThan(0);
  });

  it('honours maxTokens', async () => {
    const { text, stats } = await answer(CHAT, { maxTokens: 3 });
    expect(text).toBe('Lava is molten');
    expect(stats.completionTokens).toBe(3);
  });

  it('stops after interrupt(), keeps the partial answer, and answers normally the next time', async () => {
    const stopped = await answer(CHAT, {}, (_delta, all) => {
      if (all.length === 5) engine.interrupt();
    });
    expect(stopped.deltas).toHaveLength(5);
    expect(FIXTURE_CHAT_ANSWER.startsWith(stopped.text)).toBe(true);
    expect(stopped.stats.completionTokens).toBe(5);
    // The interruption is over: the next answer runs to its end (here, maxTokens).
    expect((await answer(CHAT, { maxTokens: 8 })).text).toBe('Lava is molten rock that erupts from a');
  });

  it('sees an interrupt() that arrives from another task while it generates', async () => {
    const { deltas } = await answer(CHAT, {}, (_delta, all) => {
      if (all.length === 1) setTimeout(() => engine.interrupt(), 0);
    });
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.length).toBeLessThan(FIXTURE_CHAT_ANSWER_TOKENS);
  });

  it('writes the same answer when sampling at a low temperature (the table leaves no doubt)', async () => {
    expect((await answer(CHAT, { temperature: 0.2, maxTokens: 6 })).text).toBe('Lava is molten rock that erupts');
  });

  it("times Automatic's trial answer: the trial prompt's tokens and those written, over the timed passes only", async () => {
    const { stats } = await answer(chatTrialMessages(), { temperature: 0, maxTokens: CHAT_TRIAL_NEW_TOKENS });
    const perPass = chatTrialTokens(stats.promptTokens, stats.completionTokens);
    expect(stats.promptTokens).toBeGreaterThan(100);
    expect(stats.completionTokens).toBe(Math.min(CHAT_TRIAL_NEW_TOKENS, FIXTURE_CHAT_ANSWER_TOKENS));
    const timing = await engine.trial(2);
    expect(timing.items).toBe(2 * perPass);
    expect(timing.ms).toBeGreaterThan(0);
  });
});

describe('TransformersChatEngine errors', () => {
  it('refuses to generate before a model is loaded', async () => {
    await expect(new TransformersChatEngine().generate(CHAT, {}, () => {})).rejects.toMatchObject({ name: 'GenerationError', code: 'unknown' });
  });

  it('refuses WebGPU where navigator.gpu is missing', async () => {
    const other = new TransformersChatEngine({ localModelPath: `${modelsDir}/` });
    await expect(other.load({ model: fixture, device: 'webgpu', dtype: 'auto', source: SOURCE }, () => {})).rejects.toMatchObject({
      code: 'no-webgpu',
    });
  });

  it('says so when the site does not serve a self-hosted-only model', async () => {
    const other = new TransformersChatEngine({ fetch: async () => new Response('missing', { status: 404 }) });
    const error = await other
      .load({ model: fixture, device: 'wasm', dtype: 'auto', source: { ...SOURCE, basePath: '/app/' } }, () => {})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'not-found',
      message:
        'The model "openbook/tiny-chat" is only available from the site that serves it, but /app/models/openbook/tiny-chat/config.json was not found there.',
    });
  });

  it('names missing weights as not found and keeps the loaded model', async () => {
    const error = await engine.load({ model: fixture, device: 'wasm', dtype: 'q4', source: SOURCE }, () => {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'GenerationError', code: 'not-found' });
    expect((await answer(CHAT, { maxTokens: 2 })).text).toBe('Lava is');
  });
});
