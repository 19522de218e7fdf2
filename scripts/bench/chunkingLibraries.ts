// Suite "chunking-libraries": the recursive chunker side by side with the libraries people would use
// instead, on 10 MB of English and 10 MB of Chinese text (the sample corpus's documents of that language,
// repeated) at chunk size 500 and overlap 50 (characters): LangChain's RecursiveCharacterTextSplitter
// (@langchain/textsplitters) and chonkie's RecursiveChunker (@chonkiejs/core; it has no overlap, so 500/0).
// chonkie is not a dev dependency: one of its optional dependencies has platform packages that this project's
// registry lacks, which breaks `npm ci`. Install it for a run with `npm install --no-save @chonkiejs/core`;
// without it the suite compares with LangChain alone and says so.
// Same run, same machine: after a warm-up, BENCH_CHUNK_RUNS (default 5) rounds in which each chunker runs
// once in turn; the median of each. Time is this process's CPU time (process.cpuUsage: all three run on one
// thread), which a busy shared machine disturbs far less than wall time; wall time is recorded too.
// The app's chunker is measured as the app ships it: bundled by Vite (one module, as in the chunker worker);
// loaded through tsx, each call between modules goes through a getter, which costs it about half its speed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { SAMPLE_DOCUMENTS } from '../../src/content/sampleCorpus';
import { percentile, round, type BenchRecord, type BenchSuite } from './common';

const TARGET_BYTES = 10_000_000;
const RUNS = Number(process.env.BENCH_CHUNK_RUNS ?? 5);
const SIZE = 500;
const OVERLAP = 50;

function textOf(lang: 'en' | 'zh'): string {
  const docs = SAMPLE_DOCUMENTS.filter((d) => /[\u4e00-\u9fff]/.test(d.text.slice(0, 200)) === (lang === 'zh'));
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let bytes = 0;
  while (bytes < TARGET_BYTES) {
    for (const doc of docs) {
      parts.push(doc.text, '\n\n');
      bytes += encoder.encode(doc.text).length + 2;
    }
  }
  return parts.join('');
}

type ChunkFn = (text: string) => Promise<number> | number;

async function bundledChunker(dir: string): Promise<(text: string) => number> {
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir: dir,
      emptyOutDir: true,
      minify: false,
      lib: { entry: join(import.meta.dirname, '@openbook/core/chunkers/recursive'), formats: ['es'], fileName: 'recursive' },
    },
  });
  const mod = (await import(pathToFileURL(join(dir, 'recursive.js')).href)) as typeof import('@openbook/core/chunkers/recursive');
  return (text) => mod.chunkRecursive('bench', text, { kind: 'recursive', chunkSize: SIZE, overlap: OVERLAP }).length;
}

export const chunkingLibrariesSuite: BenchSuite = {
  name: 'chunking-libraries',
  async run(records: BenchRecord[]) {
    const dir = await mkdtemp(join(tmpdir(), 'openbook-chunk-bench-'));
    try {
      const openbook = await bundledChunker(dir);
      const langchain = new RecursiveCharacterTextSplitter({ chunkSize: SIZE, chunkOverlap: OVERLAP });
      const chunkers: [string, ChunkFn][] = [
        ['openbook recursive 500/50', openbook],
        ['langchain RecursiveCharacterTextSplitter 500/50', async (t) => (await langchain.splitText(t)).length],
      ];
      const chonkie = await loadChonkie();
      if (chonkie) chunkers.push(['chonkie RecursiveChunker 500/0', async (t) => (await chonkie.chunk(t)).length]);
      else console.log('chonkie is not installed (npm install --no-save @chonkiejs/core to compare with it): skipped.');
      for (const lang of ['en', 'zh'] as const) {
        const text = textOf(lang);
        const megabytes = new TextEncoder().encode(text).length / 1e6;
        console.log(`\n${lang === 'en' ? 'English' : 'Chinese'}: ${round(megabytes, 2)} MB (UTF-8), chunk size ${SIZE}, overlap ${OVERLAP}`);
        for (const [, chunk] of chunkers) await chunk(text.slice(0, 200_000)); // warm-up
        const cpu: number[][] = chunkers.map(() => []);
        const wall: number[][] = chunkers.map(() => []);
        const counts: number[] = chunkers.map(() => 0);
        for (let r = 0; r < RUNS; r++) {
          for (let c = 0; c < chunkers.length; c++) {
            const w0 = performance.now();
            const c0 = process.cpuUsage();
            counts[c] = await chunkers[c]![1](text);
            const used = process.cpuUsage(c0);
            wall[c]!.push(performance.now() - w0);
            cpu[c]!.push((used.user + used.system) / 1000);
          }
        }
        chunkers.forEach(([name], c) => {
          const cpuMs = percentile(cpu[c]!, 50);
          const wallMs = percentile(wall[c]!, 50);
          const mbps = megabytes / (cpuMs / 1000);
          const record = (metric: string, value: number, unit: string) =>
            records.push({ suite: 'chunking-libraries', case: `${name} ${lang}`, n: counts[c]!, dim: 0, metric, value, unit });
          record('throughput (cpu time)', round(mbps, 1), 'MB/s');
          record('throughput (wall time)', round(megabytes / (wallMs / 1000), 1), 'MB/s');
          console.log(
            `  ${name.padEnd(50)} ${String(counts[c]).padStart(7)} chunks  cpu ${round(cpuMs, 0)} ms  ${round(mbps, 1)} MB/s  (wall ${round(wallMs, 0)} ms)`,
          );
        });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

interface ChonkieChunker {
  chunk(text: string): Promise<unknown[]>;
}

/** chonkie's RecursiveChunker where the package is installed (see the top of this file), else null. */
async function loadChonkie(): Promise<ChonkieChunker | null> {
  const name = '@chonkiejs/core';
  try {
    const { RecursiveChunker } = (await import(/* @vite-ignore */ name)) as { RecursiveChunker: { create(o: { chunkSize: number }): Promise<ChonkieChunker> } };
    return await RecursiveChunker.create({ chunkSize: SIZE });
  } catch {
    return null;
  }
}
