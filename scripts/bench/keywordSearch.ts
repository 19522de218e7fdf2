// Keyword search (BM25, the app's tokeniser) and the stages after the first: tokenising time, then index
// build and query p50/p95 at 1k, 10k and 100k chunks for the app's engine (bm25: Bm25Index) and for
// MiniSearch (minisearch: the reference; its 100k build is skipped by default, see
// KEYWORD_BENCH_MINISEARCH_MAX, and it runs at most 20 queries above 10k); RRF and weighted fusion; MMR over
// 384-dimensional vectors.
// Chunks are synthetic: 3 to 6 random sentences of the sample corpus (English and Chinese), plus two
// made-up rare words drawn from a Zipf distribution over 50,000, so that the vocabulary grows with the
// corpus as real text does; at up to 10k chunks the bm25 build is also timed on English-only and on
// Chinese-only chunks (bm25-build-en, bm25-build-zh), and on Chinese chunks whose clauses do not recur
// (bm25-build-zh-novel: random sequences of the sample's Chinese words, so tokenize()'s run cache seldom
// helps, as with a large real Chinese corpus read for the first time). bm25-build-app-analysis builds as the
// app does by default: with stop words and stemming (the other cases tokenise without).
// Every build is cold: tokenize()'s run cache is emptied (in every thread) before it.
// The bm25 build is timed as the app builds (parallelBuild.ts: the index's thread tokenises a part while
// tokeniser threads, one per core beyond the first and at most three, tokenise the rest; here worker_threads,
// started and warmed before the clock starts, as the app's stay alive between builds), and on one thread
// alone (bm25-build-one-thread, also its CPU time: cpu-p50). Up to 10k chunks each build figure is the median of
// KEYWORD_BENCH_BUILD_REPEATS (default 5) builds. Queries: the sample corpus's questions, in turn. Sizes:
// KEYWORD_BENCH_SIZES (default 1000,10000,100000), queries: BENCH_QUERIES (default 200).
import { Bm25Index } from '../../src/adapters/keywordIndex/bm25Index';
import { buildInParallel } from '../../src/adapters/keywordIndex/parallelBuild';
import { MiniSearchIndex } from '../../src/adapters/keywordIndex/miniSearchIndex';
import type { KeywordDoc, KeywordIndex } from '../../src/adapters/keywordIndex/keywordIndex';
import { clearTokenizeCache, tokenize } from '@openbook/core/retrieval/tokenize';
import { DEFAULT_KEYWORD_ANALYSIS, type KeywordAnalysis } from '@openbook/core/retrieval/keywordSettings';
import { SAMPLE_DOCUMENTS, SAMPLE_QUESTIONS } from '../../src/content/sampleCorpus';
import { fuseStage, applyMmr, type Candidate } from '@openbook/core/retrieval/stages';
import { DEFAULT_RETRIEVAL_CONFIG } from '@openbook/core/retrievalConfig';
import { mulberry32, randomUnitVector } from '@openbook/core/testing/seededRandom';
import { percentile, round, type BenchRecord, type BenchSuite } from './common';
import { startTokenizerThread, tokenizerCount, type TokenizerThread } from './tokenizerThreads';

const SUITE = 'keyword-search';
const SIZES = (process.env.KEYWORD_BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const MINISEARCH_MAX = Number(process.env.KEYWORD_BENCH_MINISEARCH_MAX ?? 10_000);
const CANDIDATES = 20;

type Lang = 'mixed' | 'en' | 'zh';

/** Chinese chunks of clauses that seldom recur: 2 to 8 random words of the Chinese sample documents each. */
function novelChineseChunks(n: number, seed: number): KeywordDoc[] {
  const rand = mulberry32(seed);
  const words = new Set<string>();
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  for (const doc of SAMPLE_DOCUMENTS) {
    if (!doc.name.match(/[\u4e00-\u9fff]/)) continue;
    for (const s of segmenter.segment(doc.text)) if (s.isWordLike && /^\p{Script=Han}+$/u.test(s.segment)) words.add(s.segment);
  }
  const vocabulary = [...words];
  const marks = ['，', '。', '、', '；', '：'];
  return Array.from({ length: n }, (_, i) => {
    let text = '';
    const clauses = 8 + Math.floor(rand() * 10);
    for (let c = 0; c < clauses; c++) {
      const count = 2 + Math.floor(rand() * 7);
      for (let w = 0; w < count; w++) text += vocabulary[Math.floor(rand() * vocabulary.length)];
      text += marks[Math.floor(rand() * marks.length)];
    }
    return { id: `z${i}`, text };
  });
}

function sentencePool(lang: Lang = 'mixed'): string[] {
  const out: string[] = [];
  for (const doc of SAMPLE_DOCUMENTS) {
    const docLang = doc.name.match(/[\u4e00-\u9fff]/) ? 'zh' : 'en';
    if (lang !== 'mixed' && lang !== docLang) continue;
    const segmenter = new Intl.Segmenter(docLang, { granularity: 'sentence' });
    for (const s of segmenter.segment(doc.text)) if (s.segment.trim().length > 10) out.push(s.segment.trim());
  }
  return out;
}

function syntheticChunks(n: number, seed: number, lang: Lang = 'mixed'): KeywordDoc[] {
  const rand = mulberry32(seed);
  const pool = sentencePool(lang);
  // Zipf over 50,000 rare words: P(rank r) ∝ 1 / r, sampled by inverting the harmonic CDF approximately.
  const rare = () => `w${Math.floor(Math.exp(rand() * Math.log(50_000)))}`;
  return Array.from({ length: n }, (_, i) => {
    const count = 3 + Math.floor(rand() * 4);
    const parts: string[] = [];
    for (let j = 0; j < count; j++) parts.push(pool[Math.floor(rand() * pool.length)]!);
    parts.push(rare(), rare());
    return { id: `c${i}`, text: parts.join(' ') };
  });
}

/** The tokeniser threads of the app's parallel build (started once, by the suite). */
let tokenizers: TokenizerThread[] = [];

interface Engine {
  name: string;
  create(): KeywordIndex;
  /** Build as the app does, if not with index.build(docs). */
  build?(index: KeywordIndex, docs: KeywordDoc[]): Promise<unknown>;
}

const bm25Build = (index: KeywordIndex, docs: KeywordDoc[], analysis?: KeywordAnalysis) => buildInParallel(docs, index as Bm25Index, tokenizers, analysis);

/** Empty tokenize()'s run cache here and in the tokeniser threads: the build that follows is a first one. */
async function coldCaches(): Promise<void> {
  clearTokenizeCache();
  await Promise.all(tokenizers.map((t) => t.clearCache()));
}

const ENGINES: Engine[] = [
  { name: 'bm25', create: () => new Bm25Index(), build: bm25Build },
  { name: 'minisearch', create: () => new MiniSearchIndex() },
];

/** How many times a build is timed (the median is reported): BUILD_REPEATS up to 10k chunks, once above. */
const BUILD_REPEATS = Number(process.env.KEYWORD_BENCH_BUILD_REPEATS ?? 5);

/** The median milliseconds that fn takes, of `repeats` runs (each after `before`, untimed). */
async function timed(fn: () => unknown, repeats = 1, before: () => unknown = coldCaches): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    await before();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return percentile(times, 50);
}

async function benchEngine(engine: Engine, n: number, docs: KeywordDoc[], records: BenchRecord[]): Promise<void> {
  const put = (kase: string, metric: string, value: number, unit: string) =>
    records.push({ suite: SUITE, case: `${engine.name}-${kase}`, n, dim: 0, metric, value: round(value, 3), unit });
  let index = engine.create();
  const repeats = n <= 10_000 && engine.build ? BUILD_REPEATS : 1;
  const buildMs = await timed(async () => {
    index = engine.create();
    await (engine.build ? engine.build(index, docs) : index.build(docs));
  }, repeats);
  put('build', 'p50', buildMs, 'ms');
  let oneThreadMs = NaN;
  if (engine.build) {
    const cpu: number[] = [];
    oneThreadMs = await timed(() => {
      const c0 = process.cpuUsage();
      engine.create().build(docs);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }, repeats);
    put('build-one-thread', 'p50', oneThreadMs, 'ms');
    // The CPU time of that build: on a machine shared with other work, wall-clock times grow with the load; this does not (much).
    put('build-one-thread', 'cpu-p50', percentile(cpu, 50), 'ms');
  }
  let t0: number;

  const questions = SAMPLE_QUESTIONS.map((q) => q.question);
  const queries = engine.name === 'minisearch' && n > 10_000 ? Math.min(QUERIES, 20) : QUERIES;
  for (let i = 0; i < Math.min(10, queries); i++) index.search(questions[i % questions.length]!, CANDIDATES); // warm-up
  const times: number[] = [];
  let hits = 0;
  for (let i = 0; i < queries; i++) {
    t0 = performance.now();
    hits += index.search(questions[i % questions.length]!, CANDIDATES).hits.length;
    times.push(performance.now() - t0);
  }
  put('query-top20', 'p50', percentile(times, 50), 'ms');
  put('query-top20', 'p95', percentile(times, 95), 'ms');

  // A filtered query: a tenth of the chunks allowed.
  const allowedIds = docs.filter((_, i) => i % 10 === 0).map((d) => d.id);
  const filtered: number[] = [];
  for (let i = 0; i < Math.min(queries, 50); i++) {
    t0 = performance.now();
    index.search(questions[i % questions.length]!, CANDIDATES, { allowedIds });
    filtered.push(performance.now() - t0);
  }
  put('query-top20-filter-10pct', 'p50', percentile(filtered, 50), 'ms');

  const threads = engine.build ? ` on ${tokenizers.length + 1} threads (one thread: ${round(oneThreadMs, 0)} ms; medians of ${repeats})` : '';
  console.log(
    `${engine.name.padEnd(10)} ${n.toLocaleString('en').padStart(7)} chunks: build ${round(buildMs, 0)} ms${threads}; ` +
      `query top-${CANDIDATES} p50 ${round(percentile(times, 50), 2)} ms, p95 ${round(percentile(times, 95), 2)} ms ` +
      `(${queries} queries, ${round(hits / queries, 1)} hits); with a 10% filter p50 ${round(percentile(filtered, 50), 2)} ms`,
  );
}

async function benchKeyword(n: number, records: BenchRecord[]): Promise<void> {
  const docs = syntheticChunks(n, 4242 + n);
  const chars = docs.reduce((sum, d) => sum + d.text.length, 0);
  // Tokenising alone (part of every build), cold.
  clearTokenizeCache();
  const t0 = performance.now();
  let tokens = 0;
  for (const doc of docs) tokens += tokenize(doc.text).length;
  const tokenizeMs = performance.now() - t0;
  records.push({ suite: SUITE, case: 'tokenize', n, dim: 0, metric: 'time', value: round(tokenizeMs, 3), unit: 'ms' });
  console.log(`${n.toLocaleString('en')} chunks (${round(chars / 1e6, 1)} M chars, ${round(tokens / 1e6, 2)} M tokens): tokenising ${round(tokenizeMs, 0)} ms`);
  for (const engine of ENGINES) {
    if (engine.name === 'minisearch' && n > MINISEARCH_MAX) {
      console.log(
        `minisearch ${n.toLocaleString('en').padStart(7)} chunks: skipped (KEYWORD_BENCH_MINISEARCH_MAX=${MINISEARCH_MAX}; its build takes about a minute here)`,
      );
      continue;
    }
    await benchEngine(engine, n, docs, records);
  }
  // As the app builds by default: stop words and stemming.
  {
    const repeats = n <= 10_000 ? BUILD_REPEATS : 1;
    const ms = await timed(() => bm25Build(new Bm25Index(DEFAULT_KEYWORD_ANALYSIS), docs, DEFAULT_KEYWORD_ANALYSIS), repeats);
    const oneThreadMs = await timed(() => new Bm25Index(DEFAULT_KEYWORD_ANALYSIS).build(docs), repeats);
    records.push({ suite: SUITE, case: 'bm25-build-app-analysis', n, dim: 0, metric: 'p50', value: round(ms, 3), unit: 'ms' });
    records.push({ suite: SUITE, case: 'bm25-build-app-analysis-one-thread', n, dim: 0, metric: 'p50', value: round(oneThreadMs, 3), unit: 'ms' });
    console.log(
      `bm25       ${n.toLocaleString('en').padStart(7)} chunks, stop words and stemming (the app's default): ` +
        `build ${round(ms, 0)} ms on ${tokenizers.length + 1} threads (one thread: ${round(oneThreadMs, 0)} ms)`,
    );
  }
  // The app's engine on one language alone (sentences of the English, or of the Chinese, sample documents).
  if (n <= 10_000) {
    const novel = novelChineseChunks(n, 99 + n);
    const ms = await timed(() => bm25Build(new Bm25Index(), novel), BUILD_REPEATS);
    const oneThreadMs = await timed(() => new Bm25Index().build(novel), BUILD_REPEATS);
    records.push({ suite: SUITE, case: 'bm25-build-zh-novel', n, dim: 0, metric: 'p50', value: round(ms, 3), unit: 'ms' });
    records.push({ suite: SUITE, case: 'bm25-build-zh-novel-one-thread', n, dim: 0, metric: 'p50', value: round(oneThreadMs, 3), unit: 'ms' });
    const mChars = round(novel.reduce((sum, d) => sum + d.text.length, 0) / 1e6, 1);
    console.log(
      `bm25       ${n.toLocaleString('en').padStart(7)} chunks, Chinese whose clauses do not recur (${mChars} M chars): ` +
        `build ${round(ms, 0)} ms on ${tokenizers.length + 1} threads (one thread: ${round(oneThreadMs, 0)} ms)`,
    );
    for (const lang of ['en', 'zh'] as const) {
      const langDocs = syntheticChunks(n, 4242 + n, lang);
      const ms = await timed(() => bm25Build(new Bm25Index(), langDocs), BUILD_REPEATS);
      const oneThreadMs = await timed(() => new Bm25Index().build(langDocs), BUILD_REPEATS);
      records.push({ suite: SUITE, case: `bm25-build-${lang}`, n, dim: 0, metric: 'p50', value: round(ms, 3), unit: 'ms' });
      records.push({ suite: SUITE, case: `bm25-build-${lang}-one-thread`, n, dim: 0, metric: 'p50', value: round(oneThreadMs, 3), unit: 'ms' });
      const mChars = round(langDocs.reduce((sum, d) => sum + d.text.length, 0) / 1e6, 1);
      console.log(
        `bm25       ${n.toLocaleString('en').padStart(7)} chunks, ${lang === 'en' ? 'English' : 'Chinese'} only (${mChars} M chars): ` +
          `build ${round(ms, 0)} ms on ${tokenizers.length + 1} threads (one thread: ${round(oneThreadMs, 0)} ms)`,
      );
    }
  }
}

/** Mean time per call of fn over enough repetitions to last ~200 ms. */
function perCall(fn: () => void): number {
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn();
    const ms = performance.now() - t0;
    if (ms > 200) return ms / reps;
    reps *= 2;
  }
}

function benchStages(records: BenchRecord[]): void {
  const rand = mulberry32(77);
  for (const candidates of [20, 100]) {
    const vectorHits = Array.from({ length: candidates }, (_, i) => ({ id: `v${i}`, score: 1 - i / candidates }));
    // Half the keyword hits are also vector hits.
    const keywordHits = Array.from({ length: candidates }, (_, i) => ({ id: i % 2 ? `v${i}` : `k${i}`, score: 20 - i / 10 }));
    const rrf = perCall(() => fuseStage(vectorHits, keywordHits, { ...DEFAULT_RETRIEVAL_CONFIG, mode: 'hybrid', fusion: 'rrf' }));
    const weighted = perCall(() => fuseStage(vectorHits, keywordHits, { ...DEFAULT_RETRIEVAL_CONFIG, mode: 'hybrid', fusion: 'weighted' }));
    records.push({ suite: SUITE, case: 'fusion-rrf', n: candidates * 2, dim: 0, metric: 'time', value: round(rrf * 1000, 2), unit: 'µs' });
    records.push({ suite: SUITE, case: 'fusion-weighted', n: candidates * 2, dim: 0, metric: 'time', value: round(weighted * 1000, 2), unit: 'µs' });

    const pool: Candidate[] = fuseStage(vectorHits, keywordHits, { ...DEFAULT_RETRIEVAL_CONFIG, mode: 'hybrid', fusion: 'rrf' });
    const vectors = new Map(pool.map((c) => [c.id, randomUnitVector(rand, 384)]));
    const mmr = perCall(() => applyMmr(pool, 'fused', (id) => vectors.get(id), 0.5, 10));
    records.push({ suite: SUITE, case: 'mmr-top10', n: pool.length, dim: 384, metric: 'time', value: round(mmr * 1000, 2), unit: 'µs' });
    console.log(
      `Fusion of two lists of ${candidates}: RRF ${round(rrf * 1000, 1)} µs, weighted ${round(weighted * 1000, 1)} µs; ` +
        `MMR picking 10 of ${pool.length} (384 dims) ${round(mmr * 1000, 1)} µs`,
    );
  }
}

export const keywordSearchSuite: BenchSuite = {
  name: SUITE,
  async run(records) {
    tokenizers = await Promise.all(Array.from({ length: tokenizerCount() }, startTokenizerThread));
    try {
      // Warm the threads up (JIT, character classes) on text of both languages.
      const warm = syntheticChunks(200, 1).map((d) => d.text);
      await Promise.all(tokenizers.map((t) => t.countTerms(warm)));
      for (const n of SIZES) await benchKeyword(n, records);
    } finally {
      await Promise.all(tokenizers.map((t) => t.terminate()));
      tokenizers = [];
    }
    benchStages(records);
  },
};
