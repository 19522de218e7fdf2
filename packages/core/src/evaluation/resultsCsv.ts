// Evaluation results as CSV (papaparse's unparse): a summary with one row per configuration, and the
// details with one row per configuration and question.
import Papa from 'papaparse';
import type { ConfigurationResult } from './results';

/** How the caller names a configuration in the files (its columns, in order). */
export type DescribeConfiguration = (configurationId: string) => Record<string, string | number>;

const round = (x: number | null) => (x === null ? '' : Number(x.toFixed(4)));

export function summaryCsv(results: readonly ConfigurationResult[], describe: DescribeConfiguration): string {
  return Papa.unparse(
    results.map((r) => ({
      ...describe(r.configurationId),
      questions: r.metrics.questions,
      hits: r.metrics.hits,
      hit_rate_at_k: round(r.metrics.hitRate),
      mrr: round(r.metrics.mrr),
    })),
  );
}

export function detailsCsv(results: readonly ConfigurationResult[], describe: DescribeConfiguration): string {
  const rows = results.flatMap((r) =>
    r.questions.map((q) => ({
      ...describe(r.configurationId),
      question: q.question.question,
      expected_document: q.question.expectedDocument ?? '',
      expected_substring: q.question.expectedSubstring ?? '',
      first_relevant_rank: q.firstRelevantRank ?? '',
      reciprocal_rank: round(q.reciprocalRank),
      hit: q.hit ? 1 : 0,
      // e.g. "1. tea.txt #2 (relevant); 2. volcanoes.md #0"
      retrieved: q.retrieved.map((x) => `${x.rank}. ${x.documentName} #${x.chunkIndex}${x.relevant ? ' (relevant)' : ''}`).join('; '),
    })),
  );
  return Papa.unparse(rows);
}
