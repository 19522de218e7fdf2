// The transformers.js reranker, for real, in Node: the generated fixture cross-encoder on disk,
// onnxruntime-node. The fixture's score is predictable: sigmoid(2k - 3) for k content words of the
// question that also occur in the passage (see scripts/make-fixture-reranker.ts).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureModels } from '../../../scripts/make-fixture-models';
import { LOGIT_BIAS, LOGIT_PER_SHARED_WORD } from '../../../scripts/make-fixture-reranker';
import { sigmoid } from '@openbook/core/rerank';
import { RerankCancelledError, type DownloadProgress, type ModelSource, type RerankModelInfo } from './reranker';
import { parseRerankManifest } from './rerankModels';
import { RerankerLoadError, TransformersReranker, describeRerankLoadError } from './transformersReranker';

const SOURCE: ModelSource = { remoteHost: 'https://huggingface.co', basePath: '/' };
/** The fixture's score for k shared content words. */
const expected = (k: number) => sigmoid(LOGIT_PER_SHARED_WORD * k + LOGIT_BIAS);

let dir: string;
let modelsDir: string;
let fixture: RerankModelInfo;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openbook-reranker-'));
  modelsDir = join(dir, 'models');
  await makeFixtureModels(modelsDir);
  const manifest = parseRerankManifest(JSON.parse(await readFile(join(modelsDir, 'models.json'), 'utf8')));
  expect(manifest).toEqual([
    {
      id: 'openbook/tiny-reranker',
      label: 'Tiny test reranker (fixture)',
      sizeMB: expect.any(Number) as number,
      languages: ['en', 'zh'],
      maxTokens: 512,
      selfHostedOnly: true,
    },
  ]);
  fixture = manifest[0]!;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the fixture cross-encoder', () => {
  it('is a BERT sequence classifier with one label, sharing the tiny embedder’s tokenizer', async () => {
    const config = JSON.parse(await readFile(join(modelsDir, 'openbook/tiny-reranker/config.json'), 'utf8'));
    expect(config).toMatchObject({
      model_type: 'bert',
      architectures: ['BertForSequenceClassification'],
      id2label: { '0': 'LABEL_0' },
      'transformers.js_config': { dtype: 'fp32' },
    });
    const [a, b] = await Promise.all(['tiny-reranker', 'tiny-embedder'].map((name) => readFile(join(modelsDir, 'openbook', name, 'tokenizer.json'))));
    expect(a!.equals(b!)).toBe(true);
    const onnxBytes = (await readFile(join(modelsDir, 'openbook/tiny-reranker/onnx/model.onnx'))).byteLength;
    expect(fixture.sizeMB).toBeCloseTo(onnxBytes / 1e6, 2);
  });
});

describe('TransformersReranker with the fixture model', () => {
  let reranker: TransformersReranker;
  const progress: DownloadProgress[] = [];

  beforeAll(async () => {
    reranker = new TransformersReranker({ localModelPath: `${modelsDir}/`, batchSize: 2 });
    const result = await reranker.load(fixture, 'wasm', SOURCE, (p) => progress.push(p));
    expect(result).toEqual({ modelId: 'openbook/tiny-reranker', device: 'wasm', from: 'site' });
  });

  afterAll(async () => {
    await reranker.dispose();
  });

  it('gets question and passage as one pair, told apart by token_type_ids', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained('openbook/tiny-reranker'); // env as load() left it: this folder
    const { input_ids, token_type_ids } = tokenizer('hot lava', { text_pair: 'lava' });
    expect(Array.from(token_type_ids!.data as BigInt64Array, Number)).toEqual([0, 0, 0, 0, 1, 1]); // [CLS] hot lava [SEP] lava [SEP]
    expect(input_ids.dims).toEqual([1, 6]);
  });

  it('reports download progress per file, in bytes, the weights included', () => {
    const done = progress.filter((p) => p.done);
    expect(done.map((p) => p.file)).toEqual(expect.arrayContaining(['config.json', 'tokenizer.json', 'onnx/model.onnx']));
    const weights = done.find((p) => p.file === 'onnx/model.onnx')!;
    expect(weights.totalBytes).toBeGreaterThan(10_000);
    expect(weights.loadedBytes).toBe(weights.totalBytes);
  });

  it('scores each passage by the distinct content words it shares with the question, batch by batch', async () => {
    const batches: [number, number][] = [];
    const scores = await reranker.score(
      'How hot is lava when a volcano erupts?',
      [
        'Volcano volcano volcano: volcanic mountains and craters.', // volcano
        'Lava is hot.', // lava, hot
        'A volcano erupts and hot lava flows down.', // volcano, erupts, hot, lava
        'Green tea is brewed with water.', // nothing
        '火山喷发时熔岩很热', // nothing: other words
      ],
      (done, total) => batches.push([done, total]),
    );
    expect(batches).toEqual([
      [2, 5],
      [4, 5],
      [5, 5],
    ]);
    const want = [1, 2, 4, 0, 0].map(expected);
    scores.forEach((s, i) => expect(s).toBeCloseTo(want[i]!, 5));
  });

  it('counts Chinese characters as words, and stop words not at all', async () => {
    const [zh, stop] = await reranker.score('火山的熔岩', ['熔岩从火山喷出', 'the of and is 的 了']);
    expect(zh).toBeCloseTo(expected(4), 5); // 火 山 熔 岩
    expect(stop).toBeCloseTo(expected(0), 5);
  });

  it('scores a long passage that is cut at the model’s maximum length', async () => {
    const long = `${'tea '.repeat(2000)}lava`;
    const [score] = await reranker.score('lava', [long]);
    expect(score).toBeCloseTo(expected(0), 5); // "lava" at the end is beyond 512 tokens
  });

  it('returns no scores for no passages', async () => {
    expect(await reranker.score('lava', [])).toEqual([]);
  });

  it('stops with RerankCancelledError after cancel(), and works again afterwards', async () => {
    const passages = Array.from({ length: 10 }, (_, i) => `lava number ${i}`);
    const seen: number[] = [];
    await expect(
      reranker.score('lava', passages, (done) => {
        seen.push(done);
        reranker.cancel();
      }),
    ).rejects.toBeInstanceOf(RerankCancelledError);
    expect(seen).toEqual([2]);
    expect(await reranker.score('lava', passages.slice(0, 3))).toHaveLength(3);
  });

  it('runs calls one after another, and cancel() stops the waiting ones too', async () => {
    const passages = Array.from({ length: 40 }, (_, i) => `volcano lava ${i}`);
    const first = reranker.score('lava', passages);
    const second = reranker.score('lava', passages);
    reranker.cancel();
    await expect(first).rejects.toThrow(RerankCancelledError);
    await expect(second).rejects.toThrow(RerankCancelledError);
    const [a, b] = await Promise.all([reranker.score('lava', ['lava']), reranker.score('tea', ['lava'])]);
    expect([a![0], b![0]]).toEqual([expect.closeTo(expected(1), 5), expect.closeTo(expected(0), 5)]);
  });
});

describe('TransformersReranker errors', () => {
  it('refuses to score before a model is loaded', async () => {
    await expect(new TransformersReranker().score('x', ['y'])).rejects.toThrow(/No reranker is loaded/);
  });

  it('refuses WebGPU where navigator.gpu is missing, with a clear message', async () => {
    const error = await new TransformersReranker({ localModelPath: `${modelsDir}/` }).load(fixture, 'webgpu', SOURCE, () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RerankerLoadError);
    expect((error as RerankerLoadError).reason).toBe('webgpu');
    expect((error as Error).message).toMatch(/WebGPU is not available.*navigator\.gpu/);
  });

  it('refuses a model that is not a cross-encoder (the embedder), and keeps the one loaded before', async () => {
    const reranker = new TransformersReranker({ localModelPath: `${modelsDir}/` });
    await reranker.load(fixture, 'wasm', SOURCE, () => {});
    const error = await reranker.load({ ...fixture, id: 'openbook/tiny-embedder' }, 'wasm', SOURCE, () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RerankerLoadError);
    expect((error as RerankerLoadError).reason).toBe('invalid-model');
    expect((error as Error).message).toMatch(/^"openbook\/tiny-embedder" (is not a reranker|cannot be loaded as a cross-encoder)/);
    const [score] = await reranker.score('lava', ['lava']);
    expect(score).toBeCloseTo(expected(1), 5);
    await reranker.dispose();
  });

  it('says so when a self-hosted-only model is not served by the site', async () => {
    const reranker = new TransformersReranker({ fetch: async () => new Response('<!doctype html>', { status: 404 }) });
    const error = await reranker.load(fixture, 'wasm', { ...SOURCE, basePath: '/openbook/' }, () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RerankerLoadError);
    expect((error as RerankerLoadError).reason).toBe('not-found');
    expect((error as Error).message).toBe(
      'The model "openbook/tiny-reranker" is only available from the site that serves it, but /openbook/models/openbook/tiny-reranker/config.json was not found there.',
    );
  });

  it('describes network failures, missing files, web pages instead of files, unknown model types and WebGPU failures', () => {
    const model = { id: 'Xenova/ms-marco-MiniLM-L-6-v2' } as RerankModelInfo;
    const remote = { from: 'remote', remoteHost: 'https://huggingface.co/' } as const;
    const site = { from: 'site', localModelPath: '/models/' } as const;
    expect(describeRerankLoadError(new TypeError('Failed to fetch'), model, remote, 'wasm').message).toBe(
      'Could not download the reranker "Xenova/ms-marco-MiniLM-L-6-v2" from https://huggingface.co: the network request failed (Failed to fetch). Check the connection and the model host in the settings.',
    );
    const missing = Object.assign(new Error('Could not locate file: "x/onnx/model_quantized.onnx".'), { name: 'ModelFileNotFoundError' });
    expect(describeRerankLoadError(missing, model, remote, 'wasm').reason).toBe('not-found');
    expect(describeRerankLoadError(missing, model, site, 'wasm').message).toMatch(
      /^This site serves models\/Xenova\/ms-marco-MiniLM-L-6-v2\/config\.json, but another file/,
    );
    expect(describeRerankLoadError(new SyntaxError(`Unexpected token '<', "<!doctype "... is not valid JSON`), model, site, 'wasm').reason).toBe(
      'invalid-model',
    );
    expect(describeRerankLoadError(new Error('Unsupported model type: new'), model, remote, 'wasm').message).toBe(
      '"Xenova/ms-marco-MiniLM-L-6-v2" cannot be loaded as a cross-encoder (a sequence classification model) by transformers.js (Unsupported model type: new).',
    );
    expect(describeRerankLoadError(new Error('no available backend found. ERR: [webgpu] x'), model, remote, 'webgpu').reason).toBe('webgpu');
    expect(describeRerankLoadError(new Error('boom'), model, remote, 'wasm').message).toBe(
      'Could not load the reranker "Xenova/ms-marco-MiniLM-L-6-v2" from https://huggingface.co (boom).',
    );
  });
});
