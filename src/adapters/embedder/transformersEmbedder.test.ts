// The transformers.js embedder, for real, in Node: the generated fixture model on disk, onnxruntime-node.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { AutoTokenizer } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureModels } from '../../../scripts/make-fixture-models';
import { EmbeddingCancelledError, type DownloadProgress, type EmbeddingModelInfo, type ModelSource } from './embedder';
import { parseModelManifest } from './embeddingModels';
import { EmbedderLoadError, TransformersEmbedder, describeLoadError, locateModel, normaliseBasePath, normaliseRemoteHost } from './transformersEmbedder';

const SOURCE: ModelSource = { remoteHost: 'https://huggingface.co', basePath: '/' };
const PASSAGES = ['Lava from a volcano eruption is extremely hot', 'Green tea leaves are brewed in hot water', '火山喷发时熔岩很热', '绿茶的茶叶用热水泡'];
const VOLCANO = [0, 2];
const TEA = [1, 3];

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const norm = (a: Float32Array) => Math.sqrt(dot(a, a));

let dir: string;
let modelsDir: string;
let fixture: EmbeddingModelInfo;

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openbook-embedder-'));
  modelsDir = join(dir, 'models');
  await makeFixtureModels(modelsDir);
  const manifest = parseModelManifest(JSON.parse(await readFile(join(modelsDir, 'models.json'), 'utf8')));
  // The everyday fixture, and a 1024-dimensional one for the e2e test of Voy's 768-dimension limit.
  expect(manifest.map((m) => [m.id, m.dimension])).toEqual([
    ['openbook/tiny-embedder', 64],
    ['openbook/tiny-embedder-1024', 1024],
  ]);
  fixture = manifest[0]!;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fixture model generator', () => {
  it('writes the model folder and a manifest describing it', async () => {
    expect(await listFiles(modelsDir)).toEqual([
      'models.json',
      'openbook/tiny-embedder-1024/config.json',
      'openbook/tiny-embedder-1024/onnx/model.onnx',
      'openbook/tiny-embedder-1024/tokenizer.json',
      'openbook/tiny-embedder-1024/tokenizer_config.json',
      'openbook/tiny-embedder/config.json',
      'openbook/tiny-embedder/onnx/model.onnx',
      'openbook/tiny-embedder/tokenizer.json',
      'openbook/tiny-embedder/tokenizer_config.json',
      'openbook/tiny-reranker/config.json',
      'openbook/tiny-reranker/onnx/model.onnx',
      'openbook/tiny-reranker/tokenizer.json',
      'openbook/tiny-reranker/tokenizer_config.json',
    ]);
    expect(fixture).toMatchObject({
      id: 'openbook/tiny-embedder',
      label: 'Tiny test embedder (fixture)',
      dimension: 64,
      languages: ['en', 'zh'],
      queryPrefix: '',
      passagePrefix: '',
      maxTokens: 512,
      selfHostedOnly: true,
    });
    const onnxBytes = (await readFile(join(modelsDir, 'openbook/tiny-embedder/onnx/model.onnx'))).byteLength;
    expect(fixture.sizeMB).toBeCloseTo(onnxBytes / 1e6, 2);
    const config = JSON.parse(await readFile(join(modelsDir, 'openbook/tiny-embedder/config.json'), 'utf8'));
    expect(config).toMatchObject({ model_type: 'bert', 'transformers.js_config': { dtype: 'fp32' } });
  });

  it('is deterministic: a second run writes the same bytes', async () => {
    const again = join(dir, 'again');
    await makeFixtureModels(again);
    const files = await listFiles(modelsDir);
    expect(await listFiles(again)).toEqual(files);
    for (const file of files) {
      const [a, b] = await Promise.all([readFile(join(modelsDir, file)), readFile(join(again, file))]);
      expect(b.equals(a), file).toBe(true);
    }
  });
});

describe('TransformersEmbedder with the fixture model', () => {
  let embedder: TransformersEmbedder;
  const progress: DownloadProgress[] = [];

  beforeAll(async () => {
    embedder = new TransformersEmbedder({ localModelPath: `${modelsDir}/`, batchSize: 2 });
    const result = await embedder.load(fixture, 'wasm', SOURCE, (p) => progress.push(p));
    expect(result).toEqual({ modelId: 'openbook/tiny-embedder', device: 'wasm', from: 'site', dimension: 64 });
  });

  afterAll(async () => {
    await embedder.dispose();
  });

  it('reports download progress per file, in bytes', () => {
    const done = progress.filter((p) => p.done);
    expect(done.map((p) => p.file)).toEqual(expect.arrayContaining(['config.json', 'tokenizer.json']));
    const tokenizer = done.find((p) => p.file === 'tokenizer.json')!;
    expect(tokenizer.totalBytes).toBeGreaterThan(1000);
    expect(tokenizer.loadedBytes).toBe(tokenizer.totalBytes);
  });

  it('tokenises each Chinese character on its own and lowercases English', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained('openbook/tiny-embedder');
    expect(tokenizer.tokenize('Lava 火山, TEA!')).toEqual(['lava', '火', '山', ',', 'tea', '!']);
    expect(tokenizer.tokenize('xylophone')).toEqual(['[UNK]']);
    const { input_ids } = tokenizer('泡茶');
    expect(Array.from(input_ids.data as BigInt64Array, Number)).toHaveLength(4); // [CLS] 泡 茶 [SEP]
  });

  it('embeds texts into 64-dimensional unit vectors, batch by batch', async () => {
    const batches: [number, number][] = [];
    const vectors = await embedder.embed([...PASSAGES, 'How hot is lava?'], 'passage', (done, total) => batches.push([done, total]));
    expect(vectors).toHaveLength(5);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(64);
      expect(norm(v)).toBeCloseTo(1, 4);
    }
    expect(batches).toEqual([
      [2, 5],
      [4, 5],
      [5, 5],
    ]);
    // The same text gives the same vector, whatever batch it is in.
    const [alone] = await embedder.embed([PASSAGES[2]!], 'passage');
    expect(dot(alone!, vectors[2]!)).toBeCloseTo(1, 5);
  });

  it('returns no vectors for no texts', async () => {
    expect(await embedder.embed([], 'passage')).toEqual([]);
  });

  it('retrieves the right topic in English and in Chinese', async () => {
    const passages = await embedder.embed(PASSAGES, 'passage');
    const rank = async (query: string) => {
      const [q] = await embedder.embed([query], 'query');
      return passages.map((p, i) => ({ i, score: dot(q!, p) })).sort((a, b) => b.score - a.score);
    };

    const lava = await rank('How hot is lava?');
    expect(lava[0]!.i).toBe(0);
    expect(
      lava
        .slice(0, 2)
        .map((r) => r.i)
        .sort(),
    ).toEqual(VOLCANO);

    const tea = await rank('泡茶');
    expect(TEA).toContain(tea[0]!.i);
    expect(
      tea
        .slice(0, 2)
        .map((r) => r.i)
        .sort(),
    ).toEqual(TEA);

    const brew = await rank('How do I brew green tea?');
    expect(
      brew
        .slice(0, 2)
        .map((r) => r.i)
        .sort(),
    ).toEqual(TEA);
  });

  it('stops with EmbeddingCancelledError after cancel(), and works again afterwards', async () => {
    const texts = Array.from({ length: 10 }, (_, i) => `tea number ${i}`);
    const seen: number[] = [];
    await expect(
      embedder.embed(texts, 'passage', (done) => {
        seen.push(done);
        embedder.cancel();
      }),
    ).rejects.toBeInstanceOf(EmbeddingCancelledError);
    expect(seen).toEqual([2]);
    expect(await embedder.embed(texts.slice(0, 3), 'passage')).toHaveLength(3);
  });

  it('sees a cancel() that arrives from another task while embedding', async () => {
    const texts = Array.from({ length: 400 }, (_, i) => `volcano lava ${i}`);
    const running = embedder.embed(texts, 'passage');
    setTimeout(() => embedder.cancel(), 0);
    await expect(running).rejects.toThrow(EmbeddingCancelledError);
  });

  it('keeps the loaded model when loading another one fails', async () => {
    await expect(embedder.load({ ...fixture, dimension: 384 }, 'wasm', SOURCE, () => {})).rejects.toThrow(EmbedderLoadError);
    const [v] = await embedder.embed(['lava'], 'query');
    expect(v!.length).toBe(64);
  });

  it('applies the query and passage prefixes of the model', async () => {
    const prefixed = new TransformersEmbedder({ localModelPath: `${modelsDir}/` });
    await prefixed.load({ ...fixture, queryPrefix: 'tea tea tea tea tea: ' }, 'wasm', SOURCE, () => {});
    const [volcanoPassage] = await prefixed.embed([PASSAGES[0]!], 'passage');
    const [query] = await prefixed.embed(['lava'], 'query');
    const [plain] = await embedder.embed(['lava'], 'query');
    expect(dot(plain!, volcanoPassage!)).toBeGreaterThan(0.9);
    expect(dot(query!, volcanoPassage!)).toBeLessThan(0.6);
    await prefixed.dispose();
  });
});

describe('TransformersEmbedder errors', () => {
  it('refuses to embed before a model is loaded', async () => {
    await expect(new TransformersEmbedder().embed(['x'], 'query')).rejects.toThrow(/No embedding model is loaded/);
  });

  it('refuses WebGPU where navigator.gpu is missing, with a clear message', async () => {
    const embedder = new TransformersEmbedder({ localModelPath: `${modelsDir}/` });
    const error = await embedder.load(fixture, 'webgpu', SOURCE, () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbedderLoadError);
    expect((error as EmbedderLoadError).reason).toBe('webgpu');
    expect((error as Error).message).toMatch(/WebGPU is not available.*navigator\.gpu/);
  });

  it('rejects a model whose vectors do not have the described dimension', async () => {
    const embedder = new TransformersEmbedder({ localModelPath: `${modelsDir}/` });
    await expect(embedder.load({ ...fixture, dimension: 384 }, 'wasm', SOURCE, () => {})).rejects.toThrow(
      /produces 64-dimensional vectors, but its description says 384/,
    );
  });

  it('says so when a self-hosted-only model is not served by the site', async () => {
    const embedder = new TransformersEmbedder({
      fetch: async () => new Response('<!doctype html><title>Not found</title>', { status: 404 }),
    });
    const error = await embedder.load(fixture, 'wasm', { ...SOURCE, basePath: '/openbook/' }, () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbedderLoadError);
    expect((error as Error).message).toBe(
      'The model "openbook/tiny-embedder" is only available from the site that serves it, but /openbook/models/openbook/tiny-embedder/config.json was not found there.',
    );
  });

  describe('against a model host', () => {
    let server: Server;
    let host: string;
    const hubModel: EmbeddingModelInfo = { ...fixture, id: 'someone/missing-model', selfHostedOnly: false };
    const notOnSite = async () => new Response('missing', { status: 404 });

    beforeAll(async () => {
      server = createServer((_req, res) => {
        res.statusCode = 404;
        res.end('Entry not found');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('reports a model the hub does not have', async () => {
      const embedder = new TransformersEmbedder({ fetch: notOnSite });
      const error = await embedder.load(hubModel, 'wasm', { remoteHost: host, basePath: '/' }, () => {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmbedderLoadError);
      expect((error as EmbedderLoadError).reason).toBe('not-found');
      expect((error as Error).message).toMatch(new RegExp(`^The model "someone/missing-model" was not found on ${host.replace(/\./g, '\\.')} \\(`));
    });

    it('reports a host that cannot be reached', async () => {
      // A port that was just free: connection refused.
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));

      const embedder = new TransformersEmbedder({ fetch: notOnSite });
      const error = await embedder.load(hubModel, 'wasm', { remoteHost: `http://127.0.0.1:${port}`, basePath: '/' }, () => {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmbedderLoadError);
      expect((error as EmbedderLoadError).reason).toBe('network');
      expect((error as Error).message).toMatch(
        /^Could not download the model "someone\/missing-model" from http:\/\/127\.0\.0\.1:\d+: the network request failed/,
      );
    });
  });
});

describe('locating a model', () => {
  const hubModel: EmbeddingModelInfo = { ...({} as EmbeddingModelInfo), id: 'Xenova/all-MiniLM-L6-v2', dimension: 384 };
  const source: ModelSource = { remoteHost: 'https://hf-mirror.example/', basePath: '/openbook/' };

  it('takes the model from the site when the site serves its config.json', async () => {
    const asked: string[] = [];
    const fetchFn = (async (url: string) => {
      asked.push(url);
      return new Response('{"model_type":"bert"}', { status: 200 });
    }) as typeof fetch;
    expect(await locateModel(hubModel, source, fetchFn)).toEqual({ from: 'site', localModelPath: '/openbook/models/' });
    expect(asked).toEqual(['/openbook/models/Xenova/all-MiniLM-L6-v2/config.json']);
  });

  it('falls back to the hub on a 404, an HTML page, or a failed request', async () => {
    const answers: (() => Promise<Response>)[] = [
      async () => new Response('nope', { status: 404 }),
      async () => new Response('<!doctype html><html></html>', { status: 200 }),
      async () => {
        throw new TypeError('Failed to fetch');
      },
    ];
    for (const answer of answers) {
      expect(await locateModel(hubModel, { ...source, remoteHost: 'https://hf-mirror.example' }, answer as typeof fetch)).toEqual({
        from: 'remote',
        remoteHost: 'https://hf-mirror.example/',
      });
    }
  });

  it('normalises paths and hosts', () => {
    expect(normaliseBasePath('/')).toBe('/');
    expect(normaliseBasePath('/openbook')).toBe('/openbook/');
    expect(normaliseBasePath('./')).toBe('/');
    expect(normaliseBasePath('https://example.org/app/')).toBe('/app/');
    expect(normaliseRemoteHost('https://huggingface.co')).toBe('https://huggingface.co/');
    expect(normaliseRemoteHost('https://hf-mirror.com//')).toBe('https://hf-mirror.com/');
    expect(() => normaliseRemoteHost('not a url')).toThrow(/not a valid URL/);
  });
});

describe('describeLoadError', () => {
  const model = { id: 'Xenova/bge-small-en-v1.5' } as EmbeddingModelInfo;
  const remote = { from: 'remote', remoteHost: 'https://huggingface.co/' } as const;
  const site = { from: 'site', localModelPath: '/models/' } as const;

  it('names network failures, missing files, HTML answers and WebGPU failures', () => {
    expect(describeLoadError(new TypeError('Failed to fetch'), model, remote, 'wasm').message).toBe(
      'Could not download the model "Xenova/bge-small-en-v1.5" from https://huggingface.co: the network request failed (Failed to fetch). Check the connection and the model host in the settings.',
    );
    const missing = Object.assign(new Error('Could not locate file: "https://huggingface.co/x/onnx/model.onnx".'), {
      name: 'ModelFileNotFoundError',
    });
    expect(describeLoadError(missing, model, remote, 'wasm')).toMatchObject({ reason: 'not-found' });
    expect(describeLoadError(missing, model, site, 'wasm').message).toMatch(
      /^This site serves models\/Xenova\/bge-small-en-v1\.5\/config\.json, but another file of the model is missing/,
    );
    expect(describeLoadError(new SyntaxError(`Unexpected token '<', "<!doctype "... is not valid JSON`), model, site, 'wasm').reason).toBe('invalid-model');
    expect(describeLoadError(new Error('Error: no available backend found. ERR: [webgpu] x'), model, remote, 'webgpu').message).toBe(
      'WebGPU could not run the model "Xenova/bge-small-en-v1.5" (no available backend found. ERR: [webgpu] x). Choose the WASM device instead.',
    );
  });
});
