import { describe, expect, it } from 'vitest';
import { BUILTIN_RERANK_MODELS, checkRerankManifestEntry, parseRerankManifest, withSiteRerankModels } from './rerankModels';

const fixture = {
  id: 'openbook/tiny-reranker',
  label: 'Tiny test reranker (fixture)',
  sizeMB: 0.26,
  languages: ['en', 'zh'],
  maxTokens: 512,
  selfHostedOnly: true,
};

describe('built-in rerank models', () => {
  it('are valid manifest entries with unique ids', () => {
    for (const model of BUILTIN_RERANK_MODELS) expect(checkRerankManifestEntry(model)).toEqual({ ok: true, model });
    expect(new Set(BUILTIN_RERANK_MODELS.map((m) => m.id)).size).toBe(BUILTIN_RERANK_MODELS.length);
  });

  it('offer an English cross-encoder and one for Chinese as well as English', () => {
    const byId = Object.fromEntries(BUILTIN_RERANK_MODELS.map((m) => [m.id, m]));
    expect(byId['Xenova/ms-marco-MiniLM-L-6-v2']).toMatchObject({ languages: ['en'], maxTokens: 512, sizeMB: 23 });
    expect(byId['Xenova/bge-reranker-base']).toMatchObject({ languages: ['zh', 'en'], maxTokens: 512 });
  });
});

describe('parseRerankManifest', () => {
  it('reads the "reranker" list', () => {
    expect(parseRerankManifest({ embedding: [], reranker: [fixture] })).toEqual([fixture]);
  });

  it('is empty for a manifest without one, or for no object', () => {
    expect(parseRerankManifest({ embedding: [] })).toEqual([]);
    expect(parseRerankManifest(null)).toEqual([]);
    expect(parseRerankManifest([fixture])).toEqual([]);
  });

  it('fills in optional fields', () => {
    expect(parseRerankManifest({ reranker: [{ id: 'me/ce', languages: ['de'], maxTokens: 256 }] })).toEqual([
      { id: 'me/ce', label: 'me/ce', sizeMB: 0, languages: ['de'], maxTokens: 256 },
    ]);
  });

  it('leaves out bad entries and repeated ids, saying why', () => {
    const reasons: string[] = [];
    const models = parseRerankManifest(
      {
        reranker: [
          fixture,
          { ...fixture, label: 'again' },
          { id: '../etc', languages: ['en'], maxTokens: 1 },
          { id: 'a/b', languages: [], maxTokens: 1 },
          { id: 'a/c', languages: ['en'], maxTokens: 0 },
          { id: 'a/d', languages: ['en'], maxTokens: 8, sizeMB: -1 },
          'text',
        ],
      },
      (r) => reasons.push(r),
    );
    expect(models).toEqual([fixture]);
    expect(reasons).toEqual([
      'models.json, reranker[1]: "openbook/tiny-reranker" is listed twice; the first one is kept.',
      'models.json, reranker[2]: "../etc": "id" must look like "owner/name" (letters, digits, "_", "-", ".").',
      'models.json, reranker[3]: "a/b": "languages" must be a non-empty list of language codes.',
      'models.json, reranker[4]: "a/c": "maxTokens" must be a positive integer.',
      'models.json, reranker[5]: "a/d": "sizeMB" must be a number of megabytes, 0 or more.',
      'models.json, reranker[6]: the entry is not an object.',
    ]);
  });

  it('says so when "reranker" is not a list', () => {
    const reasons: string[] = [];
    expect(parseRerankManifest({ reranker: {} }, (r) => reasons.push(r))).toEqual([]);
    expect(reasons).toEqual(['"reranker" in models.json must be a list.']);
  });
});

describe('withSiteRerankModels', () => {
  it('adds the site’s models after the built-in ones, never replacing one', () => {
    const builtinId = BUILTIN_RERANK_MODELS[0]!.id;
    const list = withSiteRerankModels([{ ...fixture, id: builtinId, label: 'imposter' }, fixture]);
    expect(list.map((m) => m.id)).toEqual([...BUILTIN_RERANK_MODELS.map((m) => m.id), fixture.id]);
    expect(list[0]!.label).not.toBe('imposter');
  });
});
