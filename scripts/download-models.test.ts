// The model pack downloader against a local HTTP server that serves the test fixture models in the hub's
// URL layout (/<id>/resolve/<revision>/<file>), as huggingface.co or a mirror would.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, existsSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureModels, FIXTURE_EMBEDDER_ID } from './make-fixture-models';
import { makeFixtureChatModel, FIXTURE_CHAT_MODEL_ID } from './make-fixture-chat-model';
import { downloadModels, parseArgs, packFiles, type PackModel } from './download-models';

let server: Server;
let host: string;
let fixtures: string;
let fixtureModels: PackModel[];
const requested: string[] = [];

beforeAll(async () => {
  fixtures = mkdtempSync(join(tmpdir(), 'openbook-hub-'));
  await makeFixtureModels(fixtures);
  const chat = await makeFixtureChatModel(fixtures);
  const manifest = JSON.parse(readFileSync(join(fixtures, 'models.json'), 'utf8')) as { embedding: PackModel['info'][] };
  fixtureModels = [
    { kind: 'embedding', info: manifest.embedding.find((m) => m.id === FIXTURE_EMBEDDER_ID)! as Extract<PackModel, { kind: 'embedding' }>['info'] },
    { kind: 'chat', info: { ...chat, dtype: 'fp32' } as Extract<PackModel, { kind: 'chat' }>['info'] },
  ];
  server = createServer((req, res) => {
    const url = decodeURIComponent(req.url ?? '');
    requested.push(url);
    if (url.includes('gated-org/')) return void res.writeHead(403).end();
    // /mirror/<org>/<name>/resolve/main/<file>
    const match = /^\/mirror\/([^/]+\/[^/]+)\/resolve\/main\/(.+)$/.exec(url);
    // The fixture has fp32 weights only (onnx/model.onnx); the hub would also have the q8 file.
    const file = match ? join(fixtures, match[1]!, match[2]!.replace('model_quantized.onnx', 'model.onnx')) : '';
    if (!match || !existsSync(file)) return void res.writeHead(404).end('Entry not found');
    const body = readFileSync(file);
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  host = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/mirror`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('downloadModels', () => {
  it('writes an embedding model’s files (WASM and WebGPU weights) byte for byte, with progress, and lists it in models.json', async () => {
    const out = mkdtempSync(join(tmpdir(), 'openbook-pack-'));
    writeFileSync(join(out, 'models.json'), JSON.stringify({ embedding: [{ id: FIXTURE_EMBEDDER_ID, label: 'old entry' }], note: 'kept' }));
    const progress: string[] = [];
    const [result] = await downloadModels({
      ids: [FIXTURE_EMBEDDER_ID],
      host: `${host}/`,
      out,
      webgpu: true,
      extraModels: fixtureModels,
      onProgress: (file, loaded, total) => progress.push(`${file} ${loaded}/${total}`),
    });
    expect(result!.files.map((f) => f.path)).toEqual([
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/model_quantized.onnx',
      'onnx/model.onnx',
    ]);
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) {
      expect(readFileSync(join(out, FIXTURE_EMBEDDER_ID, f)).equals(readFileSync(join(fixtures, FIXTURE_EMBEDDER_ID, f)))).toBe(true);
    }
    expect(readdirSync(join(out, FIXTURE_EMBEDDER_ID, 'onnx')).filter((f) => f.endsWith('.part'))).toEqual([]);
    const size = readFileSync(join(out, FIXTURE_EMBEDDER_ID, 'onnx/model.onnx')).length;
    expect(progress).toContain(`onnx/model.onnx ${size}/${size}`);
    const manifest = JSON.parse(readFileSync(join(out, 'models.json'), 'utf8')) as { embedding: { id: string; label: string }[]; note: string };
    expect(manifest.note).toBe('kept');
    expect(manifest.embedding).toHaveLength(1);
    expect(manifest.embedding[0]!.label).toBe('Tiny test embedder (fixture)');
  });

  it('fetches a chat model’s weights for its dtype and its generation config', async () => {
    const out = mkdtempSync(join(tmpdir(), 'openbook-pack-'));
    const [result] = await downloadModels({ ids: [FIXTURE_CHAT_MODEL_ID], host, out, webgpu: false, extraModels: fixtureModels });
    expect(result!.files.map((f) => f.path)).toEqual(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'generation_config.json', 'onnx/model.onnx']);
    expect(existsSync(join(out, FIXTURE_CHAT_MODEL_ID, 'tokenizer.json'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'models.json'), 'utf8')) as { chat: { id: string }[] };
    expect(manifest.chat.map((m) => m.id)).toEqual([FIXTURE_CHAT_MODEL_ID]);
  });

  it('explains an unknown id, a missing file, a gated model and an unreachable host', async () => {
    const out = mkdtempSync(join(tmpdir(), 'openbook-pack-'));
    await expect(downloadModels({ ids: ['nobody/nothing'], host, out, webgpu: false })).rejects.toThrow(
      /Unknown model id: nobody\/nothing\. Known: .*Xenova\/all-MiniLM-L6-v2/,
    );
    // The built-in id is known, but this host does not have it.
    await expect(downloadModels({ ids: ['Xenova/all-MiniLM-L6-v2'], host, out, webgpu: false })).rejects.toThrow(
      /\/mirror\/Xenova\/all-MiniLM-L6-v2\/resolve\/main\/config\.json was not found \(404\)/,
    );
    const gated: PackModel = { ...fixtureModels[0]!, info: { ...fixtureModels[0]!.info, id: 'gated-org/model' } } as PackModel;
    await expect(downloadModels({ ids: ['gated-org/model'], host, out, webgpu: false, extraModels: [gated] })).rejects.toThrow(/gated or private/);
    await expect(downloadModels({ ids: [FIXTURE_EMBEDDER_ID], host: 'http://127.0.0.1:9', out, webgpu: false, extraModels: fixtureModels })).rejects.toThrow(
      /Could not reach http:\/\/127\.0\.0\.1:9/,
    );
    expect(existsSync(join(out, 'models.json'))).toBe(false);
  });
});

describe('the command line and the file list', () => {
  it('takes ids and options, with HF_ENDPOINT as the default host', () => {
    expect(parseArgs(['a/b', '--out', 'site/models', '--no-webgpu', 'c/d'], { HF_ENDPOINT: 'https://hf-mirror.com' })).toMatchObject({
      ids: ['a/b', 'c/d'],
      host: 'https://hf-mirror.com',
      out: 'site/models',
      webgpu: false,
    });
    expect(parseArgs(['--host', 'http://mirror.local'], {}).host).toBe('http://mirror.local');
    expect(() => parseArgs(['--frobnicate'], {})).toThrow('Unknown option --frobnicate.');
  });

  it('lists q4 weights for WASM and q4f16 for WebGPU for the built-in chat models', () => {
    const qwen: PackModel = {
      kind: 'chat',
      info: {
        id: 'onnx-community/Qwen2.5-0.5B-Instruct',
        label: 'Qwen',
        params: '0.5B',
        dtype: 'q4',
        downloadMB: 1,
        f16Dtype: 'q4f16',
        contextWindow: 1,
        languages: ['en'],
      },
    };
    expect(packFiles(qwen, true).map((f) => f.path)).toEqual([
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'generation_config.json',
      'onnx/model_q4.onnx',
      'onnx/model_q4f16.onnx',
    ]);
  });
});
