// Chunking throughput on the sample corpus (English and Chinese).
import { chunkText } from '../../src/core/chunking';
import { SAMPLE_DOCUMENTS } from '../../src/features/sample/sampleCorpus';
import { percentile, round, type BenchRecord, type BenchSuite } from './common';

/** Chunking throughput on about 1 MB of the sample corpus (English and Chinese), median of 5 runs. */
function benchChunking(records: BenchRecord[]): void {
  let text = '';
  while (text.length < 1_000_000) for (const doc of SAMPLE_DOCUMENTS) text += `${doc.text}\n\n`;
  const megabytes = new TextEncoder().encode(text).length / 1e6;
  const times: number[] = [];
  let count = 0;
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    count = chunkText('bench', text, { chunkSize: 500, overlap: 50 }).length;
    times.push(performance.now() - t0);
  }
  const p50 = percentile(times, 50);
  records.push({ suite: 'chunking', case: 'size-500-overlap-50', n: count, dim: 0, metric: 'time-p50', value: round(p50, 1), unit: 'ms' });
  records.push({ suite: 'chunking', case: 'size-500-overlap-50', n: count, dim: 0, metric: 'throughput', value: round(megabytes / (p50 / 1000), 2), unit: 'MB/s' });
  console.log(`\nChunking ${round(megabytes, 2)} MB of English and Chinese text (size 500, overlap 50): ${count} chunks, p50 ${round(p50, 1)} ms = ${round(megabytes / (p50 / 1000), 2)} MB/s`);
}

export const chunkingSuite: BenchSuite = {
  name: 'chunking',
  async run(records) {
    benchChunking(records);
  },
};
