// LSA, the built-in embedder (packages/core/src/lsa/): fit time at 1k and 10k synthetic chunks (median of
// LSA_BENCH_REPEATS, default 3), question embedding time p50/p95 on the 10k model, and retrieval quality on
// the sample corpus (chunked with the app's default recursive 500/50 chunker): hit rate@4 and MRR@4 of its
// question set for BM25 (the app's engine, Bm25Index) and for LSA at the default dimension (which, on a
// corpus this small, is the chunk count: the full rank, where LSA ranks as plain tf-idf cosine would) and at
// a few smaller dimensions, where the SVD actually compresses.
// Synthetic chunks as in keywordSearch.ts: 3 to 6 random sentences of the sample corpus (English and
// Chinese) plus two made-up rare words drawn from a Zipf distribution over 50,000 (~80-100 words a chunk);
// and once, fit-zipf-vocabulary: 10k chunks of 80 words drawn from 100,000 made-up ones (a vocabulary far
// larger than the sample sentences give, so the default cap of 20,000 terms binds).
// The neural fixture model openbook/tiny-embedder is not run here: it is generated test data (a few
// hundred made-up topic words), so its figures on the sample corpus would say nothing about real models.
import { Bm25Index } from '../../src/adapters/keywordIndex/bm25Index';
import { chunkDocument } from '@openbook/core/chunkers';
import { DEFAULT_CHUNKER_SETTINGS } from '@openbook/core/chunkers/settings';
import { aggregate, scoreQuestion } from '@openbook/core/evaluation/metrics';
import { relevanceMatcher } from '@openbook/core/evaluation/relevance';
import { embedLsa, fitLsa, LSA_DEFAULT_DIMENSION, type LsaModel } from '@openbook/core/lsa/lsaModel';
import { tokenize } from '@openbook/core/retrieval/tokenize';
import { SAMPLE_DOCUMENTS, SAMPLE_QUESTIONS } from '../../src/content/sampleCorpus';
import { mulberry32 } from '@openbook/core/testing/seededRandom';
import { percentile, round, type BenchRecord, type BenchSuite } from './common';

const SUITE = 'lsa';
const SIZES = (process.env.LSA_BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const REPEATS = Number(process.env.LSA_BENCH_REPEATS ?? 3);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const TOP = 4;

function sentencePool(): string[] {
  const out: string[] = [];
  for (const doc of SAMPLE_DOCUMENTS) {
    const lang = doc.name.match(/[\u4e00-\u9fff]/) ? 'zh' : 'en';
    const segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
    for (const s of segmenter.segment(doc.text)) if (s.segment.trim().length > 10) out.push(s.segment.trim());
  }
  return out;
}

function syntheticChunks(n: number, seed: number): string[] {
  const rand = mulberry32(seed);
  const pool = sentencePool();
  const rare = () => `w${Math.floor(Math.exp(rand() * Math.log(50_000)))}`;
  return Array.from({ length: n }, () => {
    const count = 3 + Math.floor(rand() * 4);
    const parts: string[] = [];
    for (let j = 0; j < count; j++) parts.push(pool[Math.floor(rand() * pool.length)]!);
    parts.push(rare(), rare());
    return parts.join(' ');
  });
}

/** n chunks of 80 words drawn Zipf-like from 100,000 made-up words: a large vocabulary, where the term cap binds. */
function zipfChunks(n: number, seed: number): string[] {
  const rand = mulberry32(seed);
  const word = () => `w${Math.floor(Math.exp(rand() * Math.log(100_000)))}`;
  return Array.from({ length: n }, () => Array.from({ length: 80 }, word).join(' '));
}

async function benchFit(n: number, records: BenchRecord[], kind: 'sample-sentences' | 'zipf-vocabulary' = 'sample-sentences'): Promise<LsaModel> {
  const texts = kind === 'sample-sentences' ? syntheticChunks(n, 4242 + n) : zipfChunks(n, 4242 + n);
  const kase = kind === 'sample-sentences' ? 'fit' : 'fit-zipf-vocabulary';
  const tokens = texts.reduce((sum, t) => sum + tokenize(t).length, 0);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let model: LsaModel | null = null;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    model = await fitLsa(texts);
    const cpu = process.cpuUsage(cpu0);
    times.push(performance.now() - t0);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  const fit = model!;
  const ms = percentile(times, 50);
  const cpuMs = percentile(cpuTimes, 50);
  records.push({ suite: SUITE, case: kase, n, dim: fit.dimension, metric: 'p50', value: round(ms, 1), unit: 'ms' });
  // CPU time of this process too: on a shared machine the wall time also counts other processes' turns.
  records.push({ suite: SUITE, case: `${kase}-cpu`, n, dim: fit.dimension, metric: 'p50', value: round(cpuMs, 1), unit: 'ms' });
  console.log(
    `${kase} ${n.toLocaleString('en').padStart(6)} chunks (${round(tokens / n, 0)} tokens a chunk): ${round(ms, 0)} ms wall, ${round(cpuMs, 0)} ms CPU ` +
      `(medians of ${REPEATS}; wall ${times.map((t) => round(t, 0)).join(', ')}), ${fit.terms.length.toLocaleString('en')} terms, dimension ${fit.dimension}`,
  );
  return fit;
}

function benchEmbed(model: LsaModel, records: BenchRecord[]): void {
  const questions = SAMPLE_QUESTIONS.map((q) => q.question);
  for (let i = 0; i < 20; i++) embedLsa(model, [questions[i % questions.length]!]); // warm-up
  const times: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const t0 = performance.now();
    embedLsa(model, [questions[i % questions.length]!]);
    times.push(performance.now() - t0);
  }
  const [p50, p95] = [percentile(times, 50), percentile(times, 95)];
  records.push({ suite: SUITE, case: 'embed-question', n: model.chunkCount, dim: model.dimension, metric: 'p50', value: round(p50, 4), unit: 'ms' });
  records.push({ suite: SUITE, case: 'embed-question', n: model.chunkCount, dim: model.dimension, metric: 'p95', value: round(p95, 4), unit: 'ms' });
  console.log(
    `embed a question (${model.chunkCount.toLocaleString('en')}-chunk model, ${model.dimension} dims): p50 ${round(p50, 3)} ms, p95 ${round(p95, 3)} ms (${QUERIES} queries)`,
  );
}

async function benchQuality(records: BenchRecord[]): Promise<void> {
  const chunks = SAMPLE_DOCUMENTS.flatMap((doc) =>
    chunkDocument({ id: doc.name, name: doc.name, kind: doc.kind, text: doc.text }, DEFAULT_CHUNKER_SETTINGS.recursive).map((c) => ({
      ...c,
      documentName: doc.name,
    })),
  );
  const matchers = SAMPLE_QUESTIONS.map((q) => relevanceMatcher(q));
  const report = (name: string, dim: number, ranked: (question: string) => number[]) => {
    const scores = SAMPLE_QUESTIONS.map((q, i) =>
      scoreQuestion(
        ranked(q.question)
          .slice(0, TOP)
          .map((c) => matchers[i]!(chunks[c]!)),
        TOP,
      ),
    );
    const m = aggregate(scores);
    records.push({ suite: SUITE, case: `quality-${name}`, n: chunks.length, dim, metric: `hit-rate@${TOP}`, value: round(m.hitRate ?? 0, 3), unit: 'ratio' });
    records.push({ suite: SUITE, case: `quality-${name}`, n: chunks.length, dim, metric: `mrr@${TOP}`, value: round(m.mrr ?? 0, 3), unit: 'ratio' });
    console.log(`  ${name.padEnd(16)} hit rate@${TOP} ${round(m.hitRate ?? 0, 3)}, MRR@${TOP} ${round(m.mrr ?? 0, 3)}`);
  };
  console.log(`Sample corpus: ${chunks.length} chunks (recursive 500/50), ${SAMPLE_QUESTIONS.length} questions`);
  const bm25 = new Bm25Index();
  bm25.build(chunks.map((c, i) => ({ id: String(i), text: c.text })));
  report('bm25', 0, (q) => bm25.search(q, TOP).hits.map((h) => Number(h.id)));
  const texts = chunks.map((c) => c.text);
  for (const wanted of [LSA_DEFAULT_DIMENSION, 64, 32, 16, 8]) {
    const model = await fitLsa(texts, { dimension: wanted });
    if (wanted !== LSA_DEFAULT_DIMENSION && wanted >= chunks.length) continue;
    const vectors = embedLsa(model, texts);
    report(`lsa-${model.dimension}${wanted === LSA_DEFAULT_DIMENSION ? ' (default)' : ''}`, model.dimension, (q) => {
      const [v] = embedLsa(model, [q]);
      const score = vectors.map((c) => c.reduce((s, x, j) => s + x * v![j]!, 0));
      return score.map((_, i) => i).sort((a, b) => score[b]! - score[a]! || a - b);
    });
  }
}

export const lsaSuite: BenchSuite = {
  name: SUITE,
  async run(records) {
    await fitLsa(syntheticChunks(300, 1)); // warm-up (JIT, the tokeniser's character classes)
    let last: LsaModel | null = null;
    for (const n of SIZES) last = await benchFit(n, records);
    if (last) benchEmbed(last, records);
    await benchFit(10_000, records, 'zipf-vocabulary');
    await benchQuality(records);
  },
};
