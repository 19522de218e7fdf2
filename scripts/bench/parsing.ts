// Parse time for a 100-page PDF (made with pdf-lib, 40 lines a page) with the app's PDF parser: pdf.js
// legacy build, in-thread as in the parser worker. Median of 5 runs after one warm-up.
import { parsePdf } from '../../src/adapters/parsers/pdfParser';
import { makeLongPdf } from '../document-fixtures';
import { percentile, round, type BenchRecord, type BenchSuite } from './common';

const PAGES = 100;

async function benchPdf(records: BenchRecord[]): Promise<void> {
  const bytes = await makeLongPdf(PAGES);
  const warm = await parsePdf(bytes);
  if (!warm.ok) throw new Error(`The benchmark PDF could not be parsed: ${warm.reason}`);
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    await parsePdf(bytes);
    times.push(performance.now() - t0);
  }
  const p50 = percentile(times, 50);
  const megabytes = bytes.length / 1e6;
  const chars = warm.doc.text.length;
  records.push({ suite: 'parsing', case: 'pdf-100-pages', n: PAGES, dim: 0, metric: 'time-p50', value: round(p50, 1), unit: 'ms' });
  records.push({ suite: 'parsing', case: 'pdf-100-pages', n: PAGES, dim: 0, metric: 'per-page', value: round(p50 / PAGES, 2), unit: 'ms' });
  console.log(
    `\nParsing a ${PAGES}-page PDF (${round(megabytes, 2)} MB, ${chars} characters of text): p50 ${round(p50, 1)} ms = ${round(p50 / PAGES, 2)} ms per page`,
  );
}

export const parsingSuite: BenchSuite = {
  name: 'parsing',
  async run(records) {
    await benchPdf(records);
  },
};
