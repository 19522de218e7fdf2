import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { configurationResult, evaluateQuestion } from './results';
import { detailsCsv, summaryCsv } from './resultsCsv';

const q = { id: 'q1', question: 'How hot, "really"?', expectedDocument: 'volcanoes.md', expectedSubstring: null };
const hit = (documentName: string, chunkIndex: number) => ({ documentName, chunkIndex, text: 't', chunkId: `${documentName}#${chunkIndex}`, score: 0.4 });
const result = configurationResult('c1', 3, [evaluateQuestion(q, [hit('tea.txt', 1), hit('volcanoes.md', 2)], 3)]);
const describe_ = () => ({ configuration: 'vector, k = 3' });

describe('results CSV', () => {
  it('summarises each configuration: questions, hits, hit rate and MRR', () => {
    const rows = Papa.parse<Record<string, string>>(summaryCsv([result], describe_), { header: true }).data;
    expect(rows).toEqual([{ configuration: 'vector, k = 3', questions: '1', hits: '1', hit_rate_at_k: '1', mrr: '0.5' }]);
  });

  it('lists each question with its rank and what came back, quoting what needs it', () => {
    const csv = detailsCsv([result], describe_);
    const rows = Papa.parse<Record<string, string>>(csv, { header: true }).data;
    expect(rows[0]).toEqual({
      configuration: 'vector, k = 3',
      question: 'How hot, "really"?',
      expected_document: 'volcanoes.md',
      expected_substring: '',
      first_relevant_rank: '2',
      reciprocal_rank: '0.5',
      hit: '1',
      retrieved: '1. tea.txt #1; 2. volcanoes.md #2 (relevant)',
    });
  });
});
