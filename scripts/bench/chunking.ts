// Chunking throughput of every chunker on a 10 MB text: the sample corpus (English and Chinese Markdown,
// with headings) repeated. The token chunker counts with the e2e fixture embedder's WordPiece tokenizer
// (transformers.js AutoTokenizer, generated into a temporary folder), not a real model's: a real
// multilingual tokenizer has a larger vocabulary but the same kind of work per character.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkDocument } from '@openbook/core/chunkers';
import { DEFAULT_CHUNKER_SETTINGS, type ChunkerSettings } from '@openbook/core/chunkers/settings';
import { loadTokenizer } from '../../src/adapters/chunker/tokenizer';
import { SAMPLE_DOCUMENTS } from '../../src/content/sampleCorpus';
import { makeFixtureModels } from '../make-fixture-models';
import { percentile, round, type BenchRecord, type BenchSuite } from './common';

const TARGET_BYTES = 10_000_000;

function benchText(): string {
  const parts: string[] = [];
  let bytes = 0;
  const encoder = new TextEncoder();
  while (bytes < TARGET_BYTES) {
    for (const doc of SAMPLE_DOCUMENTS) {
      parts.push(doc.text, '\n\n');
      bytes += encoder.encode(doc.text).length + 2;
    }
  }
  return parts.join('');
}

const CASES: { name: string; settings: ChunkerSettings; runs: number }[] = [
  { name: 'recursive-500-50', settings: DEFAULT_CHUNKER_SETTINGS.recursive, runs: 3 },
  { name: 'fixed-500-50', settings: DEFAULT_CHUNKER_SETTINGS.fixed, runs: 3 },
  { name: 'sentence-3-1-max1000', settings: DEFAULT_CHUNKER_SETTINGS.sentence, runs: 3 },
  { name: 'heading-500-50-level2', settings: DEFAULT_CHUNKER_SETTINGS.heading, runs: 3 },
  { name: 'token-128-16-fixture-wordpiece', settings: DEFAULT_CHUNKER_SETTINGS.token, runs: 1 },
];

export const chunkingSuite: BenchSuite = {
  name: 'chunking',
  async run(records: BenchRecord[]) {
    const text = benchText();
    const megabytes = new TextEncoder().encode(text).length / 1e6;
    const doc = { id: 'bench', name: 'bench.md', kind: 'markdown' as const, text };
    const dir = await mkdtemp(join(tmpdir(), 'openbook-bench-'));
    try {
      await makeFixtureModels(dir);
      const tokenizer = await loadTokenizer({
        modelId: 'openbook/tiny-embedder',
        passagePrefix: '',
        maxTokens: 512,
        source: { remoteHost: 'https://huggingface.co', basePath: '/' },
        localModelPath: `${dir}/`,
      });
      console.log(`\nChunking ${round(megabytes, 2)} MB of English and Chinese Markdown (median of the runs):`);
      for (const c of CASES) {
        if (process.env.BENCH_CHUNKERS && !process.env.BENCH_CHUNKERS.split(',').some((k) => c.name.startsWith(k))) continue;
        const times: number[] = [];
        let count = 0;
        for (let run = 0; run < c.runs; run++) {
          const t0 = performance.now();
          count = chunkDocument(doc, c.settings, tokenizer.count).length;
          times.push(performance.now() - t0);
        }
        const p50 = percentile(times, 50);
        const mbps = megabytes / (p50 / 1000);
        records.push({ suite: 'chunking', case: c.name, n: count, dim: 0, metric: 'time-p50', value: round(p50, 1), unit: 'ms' });
        records.push({ suite: 'chunking', case: c.name, n: count, dim: 0, metric: 'throughput', value: round(mbps, 2), unit: 'MB/s' });
        console.log(
          `  ${c.name.padEnd(32)} ${String(count).padStart(7)} chunks  ${round(p50 / 1000, 2)} s  ${round(mbps, 2)} MB/s  (${c.runs} run${c.runs > 1 ? 's' : ''})`,
        );
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
