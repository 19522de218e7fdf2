import { describe, expect, it } from 'vitest';
import { BUILTIN_EMBEDDING_MODELS, ModelManifestError, checkManifestEntry, parseModelManifest } from './embeddingModels';

const valid = {
  id: 'openbook/tiny-embedder',
  label: 'Tiny test embedder (fixture)',
  dimension: 64,
  sizeMB: 0.12,
  languages: ['en', 'zh'],
  queryPrefix: '',
  passagePrefix: '',
  maxTokens: 512,
  selfHostedOnly: true,
};

describe('built-in embedding models', () => {
  it('are valid manifest entries with unique ids', () => {
    for (const model of BUILTIN_EMBEDDING_MODELS) expect(checkManifestEntry(model)).toEqual({ ok: true, model });
    expect(new Set(BUILTIN_EMBEDDING_MODELS.map((m) => m.id)).size).toBe(BUILTIN_EMBEDDING_MODELS.length);
  });

  it('describe the models as published', () => {
    const byId = Object.fromEntries(BUILTIN_EMBEDDING_MODELS.map((m) => [m.id, m]));
    expect(byId['Xenova/all-MiniLM-L6-v2']).toMatchObject({ dimension: 384, maxTokens: 256, queryPrefix: '', languages: ['en'] });
    expect(byId['Xenova/multilingual-e5-small']).toMatchObject({
      dimension: 384,
      queryPrefix: 'query: ',
      passagePrefix: 'passage: ',
      languages: ['multilingual'],
    });
    expect(byId['Xenova/bge-small-zh-v1.5']).toMatchObject({
      dimension: 512,
      queryPrefix: '为这个句子生成表示以用于检索相关文章：',
      passagePrefix: '',
      languages: ['zh'],
      pooling: 'cls',
    });
    expect(byId['Xenova/bge-small-en-v1.5']).toMatchObject({
      dimension: 384,
      queryPrefix: 'Represent this sentence for searching relevant passages: ',
      pooling: 'cls',
    });
  });
});

describe('parseModelManifest', () => {
  it('reads a valid manifest', () => {
    expect(parseModelManifest({ embedding: [valid] })).toEqual([valid]);
  });

  it('fills in optional fields', () => {
    const [model] = parseModelManifest({
      embedding: [{ id: 'me/model', dimension: 128, languages: ['de'], maxTokens: 128 }],
    });
    expect(model).toEqual({
      id: 'me/model',
      label: 'me/model',
      dimension: 128,
      sizeMB: 0,
      languages: ['de'],
      queryPrefix: '',
      passagePrefix: '',
      maxTokens: 128,
    });
  });

  it('keeps languagesNote and pooling, and drops unknown fields', () => {
    const [model] = parseModelManifest({
      embedding: [{ ...valid, languagesNote: 'Two languages', pooling: 'cls', extra: 1 }],
    });
    expect(model).toEqual({ ...valid, languagesNote: 'Two languages', pooling: 'cls' });
  });

  it('leaves out bad entries and says why', () => {
    const reasons: string[] = [];
    const models = parseModelManifest(
      {
        embedding: [
          valid,
          'not an object',
          { ...valid, id: '../../etc' },
          { ...valid, id: 'a/b', dimension: 0 },
          { ...valid, id: 'a/c', dimension: 1.5 },
          { ...valid, id: 'a/d', languages: [] },
          { ...valid, id: 'a/e', maxTokens: '512' },
          { ...valid, id: 'a/f', queryPrefix: 3 },
          { ...valid, id: 'a/g', sizeMB: -1 },
          { ...valid, id: 'a/h', pooling: 'max' },
          { ...valid, id: 'a/i', selfHostedOnly: 'yes' },
          { ...valid, label: 'again' },
        ],
      },
      (reason) => reasons.push(reason),
    );
    expect(models).toEqual([valid]);
    expect(reasons).toEqual([
      'models.json, embedding[1]: the entry is not an object.',
      'models.json, embedding[2]: "../../etc": "id" must look like "owner/name" (letters, digits, "_", "-", ".").',
      'models.json, embedding[3]: "a/b": "dimension" must be a positive integer.',
      'models.json, embedding[4]: "a/c": "dimension" must be a positive integer.',
      'models.json, embedding[5]: "a/d": "languages" must be a non-empty list of language codes.',
      'models.json, embedding[6]: "a/e": "maxTokens" must be a positive integer.',
      'models.json, embedding[7]: "a/f": "queryPrefix" must be a string.',
      'models.json, embedding[8]: "a/g": "sizeMB" must be a number of megabytes, 0 or more.',
      'models.json, embedding[9]: "a/h": "pooling" must be "mean" or "cls".',
      'models.json, embedding[10]: "a/i": "selfHostedOnly" must be true or false.',
      'models.json, embedding[11]: "openbook/tiny-embedder" is listed twice; the first one is kept.',
    ]);
  });

  it('rejects ids that are not safe folder names', () => {
    for (const id of ['', 'a//b', 'a/b/c', '/abs', 'a/..', 'a b/c', 'https://x/y']) {
      expect(checkManifestEntry({ ...valid, id }).ok, id).toBe(false);
    }
    for (const id of ['model', 'Xenova/bge-small-zh-v1.5', 'org_1/m.v2']) {
      expect(checkManifestEntry({ ...valid, id }).ok, id).toBe(true);
    }
  });

  it('throws on a document that is not a manifest, and accepts one without embedding models', () => {
    expect(() => parseModelManifest(null)).toThrow(ModelManifestError);
    expect(() => parseModelManifest([valid])).toThrow('models.json must be a JSON object.');
    expect(() => parseModelManifest({ embedding: valid })).toThrow('"embedding" in models.json must be a list.');
    expect(parseModelManifest({})).toEqual([]);
    expect(parseModelManifest({ chat: [] })).toEqual([]);
  });
});
