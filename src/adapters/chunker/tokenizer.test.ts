// The token chunker and the truncation count with a real tokenizer: the fixture embedder's WordPiece
// tokenizer.json, loaded by transformers.js' AutoTokenizer from a folder on disk.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtureModels } from '../../../scripts/make-fixture-models';
import { chunkDocument } from '@openbook/core/chunkers';
import { commonProblems, textArb } from '@openbook/core/chunkers/testText';
import { loadTokenizer, type LoadedTokenizer, type TokenizerRef } from './tokenizer';

let dir: string;
let ref: TokenizerRef;
let tokenizer: LoadedTokenizer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openbook-tokenizer-'));
  await makeFixtureModels(dir);
  ref = {
    modelId: 'openbook/tiny-embedder',
    passagePrefix: '',
    maxTokens: 512,
    source: { remoteHost: 'https://huggingface.co', basePath: '/' },
    localModelPath: `${dir}/`,
  };
  tokenizer = await loadTokenizer(ref);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the embedding model’s tokenizer', () => {
  it('counts tokens with and without the special tokens and prefix', async () => {
    expect(tokenizer.count('lava is hot')).toBe(3);
    expect(tokenizer.countPassage('lava is hot')).toBe(5); // [CLS] ... [SEP]
    const prefixed = await loadTokenizer({ ...ref, passagePrefix: 'lava: ' });
    expect(prefixed.countPassage('lava is hot')).toBe(7);
    expect(tokenizer.count('火山喷发')).toBe(4); // one token per CJK character
  });

  it('token chunks: exact offsets, every invariant, never over the limit by the real count', () => {
    fc.assert(
      fc.property(textArb, fc.integer({ min: 16, max: 64 }), fc.integer({ min: 0, max: 31 }), (text, tokens, ov) => {
        const overlapTokens = Math.min(ov, Math.ceil(tokens / 2) - 1);
        const doc = { id: 'd', name: 'd.txt', kind: 'text' as const, text };
        const chunks = chunkDocument(doc, { kind: 'token', tokens, overlapTokens }, tokenizer.count);
        expect(commonProblems(text, chunks, 'd')).toEqual([]);
        chunks.forEach((c, i) => {
          expect(tokenizer.count(c.text)).toBeLessThanOrEqual(tokens);
          if (i > 0 && c.start < chunks[i - 1]!.end) expect(tokenizer.count(text.slice(c.start, chunks[i - 1]!.end))).toBeLessThanOrEqual(overlapTokens);
        });
      }),
      { numRuns: 25 },
    );
  });

  it('says which model’s tokenizer could not be loaded', async () => {
    await expect(loadTokenizer({ ...ref, modelId: 'openbook/missing' })).rejects.toThrow(/tokenizer of "openbook\/missing"/);
  });
});
