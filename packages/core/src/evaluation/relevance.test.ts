import { describe, expect, it } from 'vitest';
import { relevanceMatcher } from './relevance';
import { evaluateQuestion, type RetrievedInput } from './results';

const chunk = (documentName: string, text: string, chunkIndex = 0): RetrievedInput => ({
  documentName,
  text,
  chunkIndex,
  chunkId: `${documentName}#${chunkIndex}`,
  score: 0.5,
});

describe('relevanceMatcher', () => {
  it('with a document only: any chunk of that document (case and spaces around ignored)', () => {
    const m = relevanceMatcher({ expectedDocument: ' Tea.txt ', expectedSubstring: null });
    expect(m(chunk('tea.txt', 'anything'))).toBe(true);
    expect(m(chunk('volcanoes.md', 'tea'))).toBe(false);
  });

  it('with a substring only: a chunk of any document that contains it whole', () => {
    const m = relevanceMatcher({ expectedDocument: null, expectedSubstring: '80 degrees  Celsius' });
    expect(m(chunk('a.txt', 'steeped in water at about 80\ndegrees celsius.'))).toBe(true);
    expect(m(chunk('b.txt', 'at about 80'))).toBe(false);
  });

  it('with both: the chunk must come from the document and contain the substring', () => {
    const m = relevanceMatcher({ expectedDocument: '火山.txt', expectedSubstring: '一千二百摄氏度' });
    expect(m(chunk('火山.txt', '熔岩的温度可达一千二百摄氏度。'))).toBe(true);
    expect(m(chunk('火山.txt', '火山口'))).toBe(false);
    expect(m(chunk('other.txt', '熔岩的温度可达一千二百摄氏度。'))).toBe(false);
  });

  it('compares Unicode in NFC form', () => {
    const m = relevanceMatcher({ expectedDocument: 'cafe\u0301.md', expectedSubstring: 'cafe\u0301' });
    expect(m(chunk('caf\u00e9.md', 'un caf\u00e9'))).toBe(true);
  });

  it('matches nothing without any expectation', () => {
    expect(relevanceMatcher({ expectedDocument: null, expectedSubstring: '  ' })(chunk('a', 'b'))).toBe(false);
  });
});

describe('evaluateQuestion', () => {
  it('marks each result, ranks from 1, and keeps only the first k', () => {
    const q = { id: 'q1', question: 'How hot is lava?', expectedDocument: 'volcanoes.md', expectedSubstring: '1,200 degrees' };
    const results = [
      chunk('tea.txt', 'about 80 degrees', 1),
      chunk('volcanoes.md', 'Deep underground', 0),
      chunk('volcanoes.md', 'between 700 and 1,200 degrees Celsius', 1),
      chunk('volcanoes.md', '1,200 degrees again', 2),
    ];
    const r = evaluateQuestion(q, results, 3);
    expect(r.retrieved.map((x) => [x.rank, x.relevant])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(r.firstRelevantRank).toBe(3);
    expect(r.reciprocalRank).toBeCloseTo(1 / 3, 12);
    expect(evaluateQuestion(q, results, 2)).toMatchObject({ hit: false, reciprocalRank: 0, firstRelevantRank: null });
  });
});
