// The main-thread transformers.js Generator with the real engine in-process in place of its worker:
// progress summed over files, streaming, stop, errors with codes, cancelling a load.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIXTURE_CHAT_ANSWER, makeFixtureChatModel } from '../../../scripts/make-fixture-chat-model';
import type { Remote } from '../workerRpc';
import { GenerationError, type LoadProgress } from './generator';
import { createChatWorkerApi, type ChatWorkerApi } from './transformersChatApi';
import { TransformersChatEngine, type TransformersChatEngineOptions } from './transformersChatEngine';
import { parseChatManifest, type TransformersChatModelInfo } from './transformersChatModels';
import { TransformersGenerator, type ChatWorkerClient, type TransformersGeneratorOptions } from './transformersGenerator';

let dir: string;
let modelsDir: string;
let fixture: TransformersChatModelInfo;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openbook-chat-gen-'));
  modelsDir = join(dir, 'models');
  await makeFixtureChatModel(modelsDir);
  [fixture] = parseChatManifest(JSON.parse(await readFile(join(modelsDir, 'models.json'), 'utf8'))) as [TransformersChatModelInfo];
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A client whose "worker" is the engine itself, in this thread. */
function inProcess(engineOptions: TransformersChatEngineOptions = { localModelPath: `${modelsDir}/` }) {
  const terminate = vi.fn();
  const engine = new TransformersChatEngine(engineOptions);
  const client: ChatWorkerClient = { api: createChatWorkerApi(engine) as unknown as Remote<ChatWorkerApi>, terminate };
  return { client, terminate, engine };
}

function generator(client: ChatWorkerClient, options: Partial<TransformersGeneratorOptions> = {}) {
  return new TransformersGenerator({
    device: 'wasm',
    shaderF16: false,
    basePath: '/',
    findModel: (id) => (id === fixture.id ? fixture : undefined),
    startWorker: async () => client,
    ...options,
  });
}

describe('TransformersGenerator', () => {
  it('loads with progress summed over files, streams the answer, and reports usage', async () => {
    const { client } = inProcess();
    const gen = generator(client);
    const progress: LoadProgress[] = [];
    await gen.load(fixture.id, 'https://huggingface.co', (p) => progress.push(p));
    expect(gen.loaded).toBe(true);
    expect(gen.loadedInfo).toMatchObject({ modelId: fixture.id, device: 'wasm', from: 'site' });
    const last = progress.at(-1)!;
    expect(last.progress).toBe(1);
    expect(last.bytes!.loaded).toBe(last.bytes!.total);
    expect(last.bytes!.total).toBeGreaterThan(100_000);
    expect(progress.map((p) => p.text)).toContain('onnx/model.onnx');

    const deltas: string[] = [];
    const stats = await gen.generate([{ role: 'user', content: 'How hot is lava?' }], {}, (d) => deltas.push(d));
    expect(deltas.join('')).toBe(FIXTURE_CHAT_ANSWER);
    expect(deltas.length).toBeGreaterThan(20);
    expect(stats.completionTokens).toBe(deltas.length);
    await gen.unload();
  });

  it('interrupt() stops the answer mid-way', async () => {
    const { client } = inProcess();
    const gen = generator(client);
    await gen.load(fixture.id, 'https://huggingface.co', () => {});
    const deltas: string[] = [];
    const stats = await gen.generate([{ role: 'user', content: 'q' }], {}, (d) => {
      deltas.push(d);
      if (deltas.length === 3) void gen.interrupt();
    });
    expect(deltas.length).toBeLessThan(10);
    expect(FIXTURE_CHAT_ANSWER.startsWith(deltas.join(''))).toBe(true);
    expect(stats.completionTokens).toBe(deltas.length);
    await gen.unload();
  });

  it('turns a failure in the worker into a GenerationError with its code, and ends that worker', async () => {
    const { client, terminate } = inProcess({ fetch: async () => new Response('missing', { status: 404 }) });
    const gen = generator(client);
    const error = await gen.load(fixture.id, 'https://huggingface.co', () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenerationError);
    expect(error).toMatchObject({ code: 'not-found' });
    expect(terminate).toHaveBeenCalled();
    expect(gen.loaded).toBe(false);
  });

  it('rejects an unknown model id without starting a worker', async () => {
    const start = vi.fn();
    const gen = generator(inProcess().client, { startWorker: start });
    await expect(gen.load('someone/else', 'https://huggingface.co', () => {})).rejects.toMatchObject({ code: 'not-found' });
    expect(start).not.toHaveBeenCalled();
  });

  it('asks the engine for the f16 weights on WebGPU with shader-f16, and for the plain ones elsewhere', async () => {
    const model: TransformersChatModelInfo = { ...fixture, dtype: 'q4', f16Dtype: 'q4f16' };
    const seen: string[] = [];
    const fakeClient = (): ChatWorkerClient => ({
      api: {
        load: async (request: { dtype: string; device: string }) => {
          seen.push(`${request.device}:${request.dtype}`);
          return { ok: true, value: { modelId: model.id, device: request.device, dtype: request.dtype, from: 'remote' } };
        },
        dispose: async () => {},
      } as unknown as Remote<ChatWorkerApi>,
      terminate: () => {},
    });
    for (const [device, shaderF16] of [
      ['webgpu', true],
      ['webgpu', false],
      ['wasm', true],
    ] as const) {
      const gen = generator(fakeClient(), { device, shaderF16, findModel: () => model, startWorker: async () => fakeClient() });
      await gen.load(model.id, 'https://huggingface.co', () => {});
    }
    expect(seen).toEqual(['webgpu:q4f16', 'webgpu:q4', 'wasm:q4']);
  });

  it('unload() during a load cancels it and terminates the worker', async () => {
    const terminate = vi.fn();
    let release!: () => void;
    const client: ChatWorkerClient = {
      api: {
        load: () => new Promise((resolve) => (release = () => resolve({ ok: true, value: {} }))),
        dispose: async () => {},
      } as unknown as Remote<ChatWorkerApi>,
      terminate,
    };
    const gen = generator(client);
    const loading = gen.load(fixture.id, 'https://huggingface.co', () => {});
    await vi.waitFor(() => expect(release).toBeDefined());
    await gen.unload();
    await expect(loading).rejects.toBeInstanceOf(GenerationError);
    expect(terminate).toHaveBeenCalled();
    expect(gen.loaded).toBe(false);
    release();
  });

  it('unload() while the worker is still starting ends that worker once it has started', async () => {
    const terminate = vi.fn();
    let started!: (client: ChatWorkerClient) => void;
    const gen = generator(inProcess().client, { startWorker: () => new Promise((resolve) => (started = resolve)) });
    const loading = gen.load(fixture.id, 'https://huggingface.co', () => {});
    await vi.waitFor(() => expect(started).toBeDefined());
    await gen.unload();
    await expect(loading).rejects.toBeInstanceOf(GenerationError);
    started({ api: {} as Remote<ChatWorkerApi>, terminate });
    await vi.waitFor(() => expect(terminate).toHaveBeenCalled());
  });

  it('refuses to generate before a model is loaded; unload() twice is fine', async () => {
    const gen = generator(inProcess().client);
    await expect(gen.generate([], {}, () => {})).rejects.toBeInstanceOf(GenerationError);
    await gen.unload();
    await gen.unload();
  });

  it('keeps transformers.js out of the main thread (types only)', async () => {
    const { readFileSync } = await import('node:fs');
    for (const file of ['transformersGenerator.ts', 'transformersChatModels.ts', 'loadProgressTotals.ts', 'transformersChatApi.ts']) {
      const source = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
      expect(source.match(/^import (?!type )[^;]*from '@huggingface\/transformers';/gm) ?? [], file).toEqual([]);
      expect(source.match(/^import (?!type )[^;]*from '\.\/transformersChatEngine';/gm) ?? [], file).toEqual([]);
      expect(source.match(/^import (?!type )[^;]*from '\.\.\/transformers\/modelLocation';/gm) ?? [], file).toEqual([]);
    }
    // The store reaches both engines' adapters through dynamic imports only.
    const holder = readFileSync(new URL('../../state/generation/chatGenerator.ts', import.meta.url), 'utf8');
    expect(holder).toContain("await import('../../adapters/generator/transformersGenerator')");
    expect(holder).toContain("await import('../../adapters/generator/webllmGenerator')");
    for (const file of ['chatGenerator.ts', 'generationStore.ts', 'generationEngines.ts']) {
      const source = readFileSync(new URL(`../../state/generation/${file}`, import.meta.url), 'utf8');
      expect(source.match(/^import (?!type )[^;]*from '[^']*\/(transformersGenerator|webllmGenerator)';/gm) ?? [], file).toEqual([]);
    }
  });
});
