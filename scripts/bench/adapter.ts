// The query adapter (packages/core/src/adapterTraining/): training time for 500 synthetic (question, chunk) pairs at
// 384 dimensions (the default options: 20 epochs of batches of 32, Adam; 25% held out), and retrieval
// quality with the built-in LSA embedder on the sample corpus (chunked recursive 500/50).
// The sample corpus has only 11 real questions, too few to train on; so the adapter is trained on
// pseudo-questions (each chunk's sentences with every third word dropped, the chunk as expected source),
// and measured twice: on the held-out pseudo-questions (MRR@5 before / after) and on the 11 real sample
// questions, which it never saw. Then on the bilingual retrieval set (data/retrieval-set: 22 articles in English
// and Chinese, 110 real questions): trained on three quarters of its questions (seeded split), measured on the
// held-out quarter before and after.
import { chunkDocument } from '@openbook/core/chunkers';
import { DEFAULT_CHUNKER_SETTINGS } from '@openbook/core/chunkers/settings';
import { relevanceMatcher } from '@openbook/core/evaluation/relevance';
import { embedLsa, fitLsa } from '@openbook/core/lsa/lsaModel';
import { DEFAULT_TRAINING_OPTIONS, rankingMetrics, trainAdapter, type TrainingData, type TrainingExample } from '@openbook/core/adapterTraining/trainAdapter';
import { identityWeights } from '@openbook/core/adapterTraining/linearAdapter';
import { SAMPLE_DOCUMENTS, SAMPLE_QUESTIONS } from '../../src/content/sampleCorpus';
import { mulberry32 } from '@openbook/core/testing/seededRandom';
import { round, type BenchRecord, type BenchSuite } from './common';
import { bilingualSet } from './retrievalQuality';

const SUITE = 'adapter';

function unit(v: Float32Array): Float32Array {
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}

async function benchSpeed(records: BenchRecord[]): Promise<void> {
  const n = 500;
  const d = 384;
  const rand = mulberry32(11);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const corpus = Array.from({ length: n }, () => unit(Float32Array.from({ length: d }, gauss)));
  const examples: TrainingExample[] = corpus.map((p, i) => ({ query: unit(p.map((x) => x + gauss() * 0.05)), positive: i, relevant: [i] }));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await trainAdapter({ dimension: d, corpus, examples });
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t0;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  records.push({ suite: SUITE, case: 'train', n, dim: d, metric: 'wall', value: round(ms, 0), unit: 'ms' });
  records.push({ suite: SUITE, case: 'train-cpu', n, dim: d, metric: 'cpu', value: round(cpuMs, 0), unit: 'ms' });
  console.log(
    `train ${n} pairs × ${d} dims, ${DEFAULT_TRAINING_OPTIONS.epochs} epochs (${result.losses.length} steps): ${round(ms, 0)} ms wall, ${round(cpuMs, 0)} ms CPU`,
  );
}

function dropEveryThird(sentence: string): string {
  const words = sentence.split(/(\s+)/u).filter((w) => w.trim() !== '');
  if (words.length < 3) {
    // Chinese: no spaces; drop every third character instead.
    return [...sentence].filter((_, i) => i % 3 !== 2).join('');
  }
  return words.filter((_, i) => i % 3 !== 2).join(' ');
}

async function benchQuality(records: BenchRecord[]): Promise<void> {
  const chunks = SAMPLE_DOCUMENTS.flatMap((doc) =>
    chunkDocument({ id: doc.name, name: doc.name, kind: doc.kind, text: doc.text }, DEFAULT_CHUNKER_SETTINGS.recursive).map((c) => ({
      ...c,
      documentName: doc.name,
    })),
  );
  const texts = chunks.map((c) => c.text);
  const model = await fitLsa(texts);
  const corpus = embedLsa(model, texts);
  const d = model.dimension;
  const pseudo: TrainingExample[] = [];
  chunks.forEach((chunk, i) => {
    const lang = /[\u4e00-\u9fff]/u.test(chunk.text) ? 'zh' : 'en';
    for (const s of new Intl.Segmenter(lang, { granularity: 'sentence' }).segment(chunk.text)) {
      const sentence = s.segment.trim();
      if (sentence.length < 15) continue;
      const [query] = embedLsa(model, [dropEveryThird(sentence)]);
      if (!query || query.every((x) => x === 0)) continue;
      pseudo.push({ query, positive: i, relevant: chunks.flatMap((c, j) => (c.text.includes(sentence) ? [j] : [])) });
    }
  });
  const data: TrainingData = { dimension: d, corpus, examples: pseudo };
  const options = { ...DEFAULT_TRAINING_OPTIONS, k: 5 };
  const result = await trainAdapter(data, options);
  const real: TrainingExample[] = SAMPLE_QUESTIONS.map((q) => {
    const matches = relevanceMatcher(q);
    const relevant = chunks.flatMap((c, j) => (matches(c) ? [j] : []));
    return { query: embedLsa(model, [q.question])[0]!, positive: relevant[0] ?? 0, relevant };
  });
  const realBefore = rankingMetrics(identityWeights(d), data, real, options.k);
  const realAfter = rankingMetrics(result.weights, data, real, options.k);
  const push = (kase: string, metric: string, value: number | null, n: number) =>
    records.push({ suite: SUITE, case: kase, n, dim: d, metric, value: round(value ?? 0, 3), unit: 'ratio' });
  push('lsa-heldout-pseudo-before', 'mrr@5', result.before.mrr, result.heldOutCount);
  push('lsa-heldout-pseudo-after', 'mrr@5', result.after.mrr, result.heldOutCount);
  push('lsa-sample-questions-before', 'mrr@5', realBefore.mrr, real.length);
  push('lsa-sample-questions-after', 'mrr@5', realAfter.mrr, real.length);
  push('lsa-sample-questions-before', 'hit-rate@5', realBefore.hitRate, real.length);
  push('lsa-sample-questions-after', 'hit-rate@5', realAfter.hitRate, real.length);
  console.log(
    `LSA (${d} dims) on the sample corpus, ${chunks.length} chunks, ${pseudo.length} pseudo-questions (${result.trainCount} trained, ${result.heldOutCount} held out), ${round(result.ms, 0)} ms:`,
  );
  console.log(`  held-out pseudo-questions MRR@5 ${round(result.before.mrr ?? 0, 3)} -> ${round(result.after.mrr ?? 0, 3)}`);
  console.log(
    `  the ${real.length} sample questions (never trained on) MRR@5 ${round(realBefore.mrr ?? 0, 3)} -> ${round(realAfter.mrr ?? 0, 3)}, ` +
      `hit rate@5 ${round(realBefore.hitRate ?? 0, 3)} -> ${round(realAfter.hitRate ?? 0, 3)}`,
  );
}

async function benchBilingual(records: BenchRecord[]): Promise<void> {
  const set = bilingualSet();
  const chunks = set.documents.flatMap((doc) =>
    chunkDocument({ id: doc.name, name: doc.name, kind: doc.kind, text: doc.text }, DEFAULT_CHUNKER_SETTINGS.recursive).map((c) => ({
      ...c,
      documentName: doc.name,
    })),
  );
  const texts = chunks.map((c) => c.text);
  const model = await fitLsa(texts);
  const corpus = embedLsa(model, texts);
  const d = model.dimension;
  const examples: TrainingExample[] = set.questions.flatMap((q) => {
    const matches = relevanceMatcher(q);
    const relevant = chunks.flatMap((c, j) => (matches(c) ? [j] : []));
    const [query] = embedLsa(model, [q.question]);
    return relevant.length > 0 && query ? [{ query, positive: relevant[0]!, relevant }] : [];
  });
  const options = { ...DEFAULT_TRAINING_OPTIONS, k: 5 };
  const result = await trainAdapter({ dimension: d, corpus, examples }, options);
  const push = (kase: string, metric: string, value: number | null, n: number) =>
    records.push({ suite: SUITE, case: kase, n, dim: d, metric, value: round(value ?? 0, 3), unit: 'ratio' });
  push('lsa-bilingual-heldout-before', 'mrr@5', result.before.mrr, result.heldOutCount);
  push('lsa-bilingual-heldout-after', 'mrr@5', result.after.mrr, result.heldOutCount);
  push('lsa-bilingual-heldout-before', 'hit-rate@5', result.before.hitRate, result.heldOutCount);
  push('lsa-bilingual-heldout-after', 'hit-rate@5', result.after.hitRate, result.heldOutCount);
  console.log(
    `LSA (${d} dims) on the bilingual set, ${chunks.length} chunks, ${examples.length} questions (${result.trainCount} trained, ${result.heldOutCount} held out), ${round(result.ms, 0)} ms:`,
  );
  console.log(
    `  held-out questions MRR@5 ${round(result.before.mrr ?? 0, 3)} -> ${round(result.after.mrr ?? 0, 3)}, hit rate@5 ${round(result.before.hitRate ?? 0, 3)} -> ${round(result.after.hitRate ?? 0, 3)}`,
  );
}

export const adapterSuite: BenchSuite = {
  name: SUITE,
  async run(records) {
    await benchSpeed(records);
    await benchQuality(records);
    await benchBilingual(records);
  },
};
