// The keyword index saved between visits: loaded back, it must answer every question exactly as the index
// it was saved from (same ids, same scores); saved from other chunks, under another analysis, of another
// format or damaged, it is not used (and the index it would have replaced is left as it was).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SAMPLE_DOCUMENTS, SAMPLE_QUESTIONS } from '../../content/sampleCorpus';
import { DEFAULT_KEYWORD_ANALYSIS, RAW_KEYWORD_ANALYSIS } from '@openbook/core/retrieval/keywordSettings';
import { keywordSourceKey, savedKeywordIndexProblem, SAVED_KEYWORD_INDEX_VERSION, type SavedKeywordIndex } from '@openbook/core/retrieval/savedKeywordIndex';
import { mulberry32 } from '@openbook/core/testing/seededRandom';
import { Bm25Index } from './bm25Index';
import type { KeywordDoc } from './keywordIndex';
import { KeywordIndexPersistence } from './keywordIndexPersistence';
import { SavedKeywordIndexDb } from './savedIndexDb';

let n = 0;
const freshDb = () => new SavedKeywordIndexDb(`keyword-index-test-${n++}`);

/** Chunks of the sample corpus (English and Chinese), 120 characters each. */
function sampleChunks(): KeywordDoc[] {
  const docs: KeywordDoc[] = [];
  SAMPLE_DOCUMENTS.forEach((d, i) => {
    for (let at = 0; at < d.text.length; at += 120) docs.push({ id: `d${i}#${at}`, text: d.text.slice(at, at + 120) });
  });
  return docs;
}

const questions = [...SAMPLE_QUESTIONS.map((q) => q.question), '熔岩的温度', 'retrieval chunks 检索', 'nothing-matches-this'];

function answers(index: Bm25Index, allowedIds?: string[]) {
  return questions.map((q) => index.search(q, 10, allowedIds ? { allowedIds } : {}).hits);
}

describe('KeywordIndexPersistence', () => {
  it('saves a built index and loads it back: the same answers, ids and scores, with and without a filter', async () => {
    const db = freshDb();
    const docs = sampleChunks();
    const built = new Bm25Index(DEFAULT_KEYWORD_ANALYSIS);
    const saving = new KeywordIndexPersistence(built, () => db);
    expect(await saving.restore(docs, DEFAULT_KEYWORD_ANALYSIS)).toEqual({ restored: false, reason: 'none saved' });
    built.build(docs);
    expect(await saving.saveBuilt()).toBe(true);

    const loaded = new Bm25Index(RAW_KEYWORD_ANALYSIS); // the saved analysis comes with it
    const outcome = await new KeywordIndexPersistence(loaded, () => db).restore(docs, DEFAULT_KEYWORD_ANALYSIS);
    expect(outcome).toEqual({ restored: true, status: { size: docs.length } });
    expect(loaded.keywordAnalysis()).toEqual(DEFAULT_KEYWORD_ANALYSIS);
    expect(answers(loaded)).toEqual(answers(built));
    const allowed = docs.filter((_, i) => i % 3 === 0).map((d) => d.id);
    expect(answers(loaded, allowed)).toEqual(answers(built, allowed));
    expect(answers(built).some((hits) => hits.length > 0)).toBe(true);
  });

  it('saves only the live chunks of an index that lost and replaced some', async () => {
    const db = freshDb();
    const docs = sampleChunks();
    const built = new Bm25Index();
    const saving = new KeywordIndexPersistence(built, () => db);
    const rand = mulberry32(3);
    const kept = docs.filter(() => rand() > 0.3);
    await saving.restore(kept, RAW_KEYWORD_ANALYSIS);
    built.build(docs);
    built.remove(docs.filter((d) => !kept.includes(d)).map((d) => d.id));
    expect(await saving.saveBuilt()).toBe(true);
    const loaded = new Bm25Index();
    expect((await new KeywordIndexPersistence(loaded, () => db).restore(kept, RAW_KEYWORD_ANALYSIS)).restored).toBe(true);
    expect(loaded.status().size).toBe(kept.length);
    expect(answers(loaded)).toEqual(answers(built));
  });

  it('does not use an index saved from other chunks or under another analysis, and leaves the index as it was', async () => {
    const db = freshDb();
    const docs = sampleChunks();
    const built = new Bm25Index(DEFAULT_KEYWORD_ANALYSIS);
    const saving = new KeywordIndexPersistence(built, () => db);
    await saving.restore(docs, DEFAULT_KEYWORD_ANALYSIS);
    built.build(docs);
    await saving.saveBuilt();

    const other = new Bm25Index(DEFAULT_KEYWORD_ANALYSIS);
    other.build([{ id: 'x', text: 'lava tea' }]);
    const restoring = new KeywordIndexPersistence(other, () => db);
    const edited = docs.map((d, i) => (i === 5 ? { ...d, text: `${d.text}!` } : d));
    expect(await restoring.restore(edited, DEFAULT_KEYWORD_ANALYSIS)).toEqual({
      restored: false,
      reason: 'saved keyword index: made from other chunks or another analysis',
    });
    expect((await restoring.restore(docs.slice(1), DEFAULT_KEYWORD_ANALYSIS)).restored).toBe(false);
    expect((await restoring.restore(docs, RAW_KEYWORD_ANALYSIS)).restored).toBe(false);
    const renamed = docs.map((d, i) => (i === 0 ? { ...d, id: 'renamed' } : d));
    expect((await restoring.restore(renamed, DEFAULT_KEYWORD_ANALYSIS)).restored).toBe(false);
    expect(other.status().size).toBe(1);
    expect(other.search('lava', 5).hits.map((h) => h.id)).toEqual(['x']);
  });

  it('does not use a damaged saved index or one of another format', async () => {
    const docs = sampleChunks().slice(0, 20);
    const key = await keywordSourceKey(docs, RAW_KEYWORD_ANALYSIS);
    const built = new Bm25Index();
    built.build(docs);
    const good = built.toSaved(key);
    expect(savedKeywordIndexProblem(good, key)).toBeNull();
    const damaged: Array<[unknown, string]> = [
      [null, 'not a saved keyword index'],
      [{ ...good, version: SAVED_KEYWORD_INDEX_VERSION + 1 }, `format version ${SAVED_KEYWORD_INDEX_VERSION + 1}, not ${SAVED_KEYWORD_INDEX_VERSION}`],
      [{ ...good, analysis: undefined }, 'no analysis'],
      [{ ...good, ids: [...good.ids, 'one more'] }, 'counts for 20 texts, not 21'],
      [{ ...good, ids: [good.ids[1]!, ...good.ids.slice(1)] }, 'a chunk id twice'],
      [{ ...good, tf: new Int32Array(good.tf.length) }, 'a term or count out of range'],
      [{ ...good, terms: [good.terms[1]!, ...good.terms.slice(1)] }, 'a term twice'],
      [{ ...good, termIds: good.termIds.map((t, j) => (j === 1 ? good.termIds[0]! : t)) }, 'a term twice in one chunk'],
      [{ ...good, start: Array.from(good.start) }, 'not term counts'],
    ];
    for (const [saved, problem] of damaged) {
      expect(savedKeywordIndexProblem(saved, key)).toBe(problem);
      if (saved === null) continue; // (nothing saved: see the first test)
      const db = freshDb();
      await db.save(saved as SavedKeywordIndex);
      const index = new Bm25Index();
      index.build([{ id: 'x', text: 'lava' }]);
      expect(await new KeywordIndexPersistence(index, () => db).restore(docs, RAW_KEYWORD_ANALYSIS)).toEqual({
        restored: false,
        reason: `saved keyword index: ${problem}`,
      });
      expect(index.status().size).toBe(1);
    }
  });

  it('saves nothing after another change, and forgets what was saved', async () => {
    const db = freshDb();
    const docs = sampleChunks();
    const index = new Bm25Index();
    const saving = new KeywordIndexPersistence(index, () => db);
    expect(await saving.saveBuilt()).toBe(false); // no build asked for
    await saving.restore(docs, RAW_KEYWORD_ANALYSIS);
    index.build(docs);
    saving.changed();
    expect(await saving.saveBuilt()).toBe(false);
    expect(await db.load()).toBeNull();
    await saving.restore(docs, RAW_KEYWORD_ANALYSIS);
    index.build(docs);
    expect(await saving.saveBuilt()).toBe(true);
    expect(await db.load()).not.toBeNull();
    await saving.forget();
    expect(await db.load()).toBeNull();
  });

  it('builds as usual where there is no storage', async () => {
    const saving = new KeywordIndexPersistence(new Bm25Index(), () => null);
    expect(await saving.restore(sampleChunks(), RAW_KEYWORD_ANALYSIS)).toEqual({ restored: false, reason: 'no storage' });
    expect(await saving.saveBuilt()).toBe(false);
  });
});
