// The fixture chat model generator: deterministic, and it adds itself to an existing manifest.
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CHAT_ANSWER, FIXTURE_CHAT_ANSWER_TOKENS, makeFixtureChatModel } from './make-fixture-chat-model';

let dir: string;

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openbook-chat-fixture-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('makeFixtureChatModel', () => {
  it('writes the model folder and lists it under "chat", keeping the manifest\'s other lists', async () => {
    const out = join(dir, 'a');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'models.json'), JSON.stringify({ embedding: [{ id: 'x/y' }] }));
    const entry = await makeFixtureChatModel(out);
    expect(await listFiles(out)).toEqual([
      'models.json',
      'openbook/tiny-chat/config.json',
      'openbook/tiny-chat/generation_config.json',
      'openbook/tiny-chat/onnx/model.onnx',
      'openbook/tiny-chat/tokenizer.json',
      'openbook/tiny-chat/tokenizer_config.json',
    ]);
    const manifest = JSON.parse(await readFile(join(out, 'models.json'), 'utf8'));
    expect(manifest).toEqual({ embedding: [{ id: 'x/y' }], chat: [entry] });
    expect(entry).toMatchObject({ id: 'openbook/tiny-chat', selfHostedOnly: true, languages: ['en'] });
    const onnxBytes = (await readFile(join(out, 'openbook/tiny-chat/onnx/model.onnx'))).byteLength;
    expect(entry.downloadMB).toBeCloseTo(onnxBytes / 1e6, 2);
    const config = JSON.parse(await readFile(join(out, 'openbook/tiny-chat/config.json'), 'utf8'));
    expect(config).toMatchObject({ model_type: 'llama', num_hidden_layers: 0, 'transformers.js_config': { dtype: 'fp32' } });
  });

  it('is deterministic: a second run writes the same bytes', async () => {
    const [a, b] = [join(dir, 'one'), join(dir, 'two')];
    await makeFixtureChatModel(a);
    await makeFixtureChatModel(b);
    const files = await listFiles(a);
    expect(await listFiles(b)).toEqual(files);
    for (const file of files) expect((await readFile(join(b, file))).equals(await readFile(join(a, file))), file).toBe(true);
  });

  it('answers with a sentence long enough to watch it stream and stop it', () => {
    expect(FIXTURE_CHAT_ANSWER).toMatch(/^Lava is molten rock that erupts from a volcano\. /);
    expect(FIXTURE_CHAT_ANSWER_TOKENS).toBeGreaterThanOrEqual(20);
  });
});
