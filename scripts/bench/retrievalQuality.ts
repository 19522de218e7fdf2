// Retrieval quality of each technique of issue 14, and their combinations: hit rate@4 and MRR@4 on the
// sample corpus's question set (5 documents, 10 questions) and on the bilingual retrieval set written for
// the project (data/retrieval-set: 22 short articles, 12 English and 10 Chinese, and 110 questions, each
// with its expected document and substring). Chunks: the recursive chunker at the app's default 500/50, and
// at 200/20 (the set's articles are short: at 500 characters most are two or three chunks, at 200 a
// section is several), with each Markdown document's sections (for headers and section parents); and the
// semantic chunker (built-in LSA, its default threshold, capped at the same size).
// Each configuration goes through the same pure stages as the app: Bm25Index under its keyword analysis,
// LSA (the built-in embedder, fitted to the configuration's own texts) with a cosine scan, RRF for hybrid,
// contextual headers (core/retrieval/contextualHeader.ts) and parents (core/retrieval/parentChild.ts; a
// hit counts as relevant when its parent, which the prompt would get, holds the expected substring).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bm25Index } from '../../src/adapters/keywordIndex/bm25Index';
import { chunkDocument } from '@openbook/core/chunkers';
import { analyzeSemantic, DEFAULT_SEMANTIC_SETTINGS } from '@openbook/core/chunkers/semantic';
import { lsaEmbedTexts } from '@openbook/core/lsa/lsaEmbedTexts';
import { DEFAULT_CHUNKER_SETTINGS } from '@openbook/core/chunkers/settings';
import { aggregate, scoreQuestion } from '@openbook/core/evaluation/metrics';
import { relevanceMatcher } from '@openbook/core/evaluation/relevance';
import { embedLsa, fitLsa } from '@openbook/core/lsa/lsaModel';
import { markdownSections } from '@openbook/core/markdownStructure';
import { indexedText } from '@openbook/core/retrieval/contextualHeader';
import { reciprocalRankFusion, type Hit } from '@openbook/core/retrieval/fusion';
import { DEFAULT_KEYWORD_ANALYSIS, RAW_KEYWORD_ANALYSIS, type KeywordAnalysis } from '@openbook/core/retrieval/keywordSettings';
import { parentGroups, type ParentSettings } from '@openbook/core/retrieval/parentChild';
import type { Chunk } from '@openbook/core/types';
import { SAMPLE_DOCUMENTS, SAMPLE_QUESTIONS } from '../../src/content/sampleCorpus';
import { round, type BenchSuite } from './common';

const SUITE = 'retrieval-quality';
const TOP = 4;
const CANDIDATES = 20;

export interface SetDocument {
  name: string;
  kind: 'markdown' | 'text';
  text: string;
}
export interface SetQuestion {
  question: string;
  expectedDocument: string;
  expectedSubstring: string;
}
export interface QuestionSet {
  name: string;
  documents: SetDocument[];
  questions: SetQuestion[];
}

const SET_DIR = join(import.meta.dirname, '..', '..', 'data', 'retrieval-set');

export function bilingualSet(): QuestionSet {
  const dir = join(SET_DIR, 'documents');
  const documents = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((name) => ({ name, kind: 'markdown' as const, text: readFileSync(join(dir, name), 'utf8') }));
  const questions = readFileSync(join(SET_DIR, 'questions.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const r = JSON.parse(l) as { question: string; expected_document: string; expected_substring: string };
      return { question: r.question, expectedDocument: r.expected_document, expectedSubstring: r.expected_substring };
    });
  return { name: 'bilingual', documents, questions };
}

interface Technique {
  name: string;
  mode: 'keyword' | 'vector' | 'hybrid';
  analysis?: KeywordAnalysis;
  keywordHeaders?: boolean;
  embedHeaders?: boolean;
  parent?: ParentSettings;
  /** Chunks of the semantic chunker (built-in LSA, default threshold, the size cap of the chunking) instead. */
  semantic?: boolean;
}

const DEFAULT_KEYWORD = { analysis: DEFAULT_KEYWORD_ANALYSIS, keywordHeaders: true };
export const TECHNIQUES: Technique[] = [
  { name: 'bm25 plain', mode: 'keyword', analysis: RAW_KEYWORD_ANALYSIS, keywordHeaders: false },
  { name: 'bm25 +stop words', mode: 'keyword', analysis: { stopWords: true, stemming: false }, keywordHeaders: false },
  { name: 'bm25 +stop +stem', mode: 'keyword', analysis: DEFAULT_KEYWORD_ANALYSIS, keywordHeaders: false },
  { name: 'bm25 +stop +stem +headers (default)', mode: 'keyword', ...DEFAULT_KEYWORD },
  { name: 'bm25 plain +headers', mode: 'keyword', analysis: RAW_KEYWORD_ANALYSIS, keywordHeaders: true },
  { name: 'lsa', mode: 'vector' },
  { name: 'lsa +headers', mode: 'vector', embedHeaders: true },
  { name: 'hybrid (lsa + bm25 plain)', mode: 'hybrid', analysis: RAW_KEYWORD_ANALYSIS, keywordHeaders: false },
  { name: 'hybrid (lsa + bm25 default)', mode: 'hybrid', ...DEFAULT_KEYWORD },
  { name: 'hybrid +headers both', mode: 'hybrid', ...DEFAULT_KEYWORD, embedHeaders: true },
  { name: 'bm25 default +parent section', mode: 'keyword', ...DEFAULT_KEYWORD, parent: { mode: 'section', window: 1 } },
  { name: 'bm25 default +parent ±1', mode: 'keyword', ...DEFAULT_KEYWORD, parent: { mode: 'window', window: 1 } },
  { name: 'hybrid default +parent section', mode: 'hybrid', ...DEFAULT_KEYWORD, parent: { mode: 'section', window: 1 } },
  { name: 'semantic chunks: bm25 default', mode: 'keyword', ...DEFAULT_KEYWORD, semantic: true },
  { name: 'semantic chunks: lsa', mode: 'vector', semantic: true },
  { name: 'semantic chunks: hybrid default', mode: 'hybrid', ...DEFAULT_KEYWORD, semantic: true },
];

interface Prepared {
  chunks: Chunk[];
  docs: Map<string, { text: string; chunks: Chunk[]; sections: ReturnType<typeof markdownSections> }>;
}

const CHUNKINGS = [
  { chunkSize: 500, overlap: 50 },
  { chunkSize: 200, overlap: 20 },
];

async function prepare(set: QuestionSet, size: { chunkSize: number; overlap: number }, semantic: boolean): Promise<Prepared> {
  const chunks: Chunk[] = [];
  const docs: Prepared['docs'] = new Map();
  for (const d of set.documents) {
    const sections = d.kind === 'markdown' ? markdownSections(d.text) : [];
    const doc = { id: d.name, name: d.name, kind: d.kind, text: d.text, structure: { sections } };
    let own: Chunk[];
    if (semantic) {
      const settings = { ...DEFAULT_SEMANTIC_SETTINGS, maxSize: size.chunkSize };
      own = chunkDocument(doc, settings, undefined, await analyzeSemantic(d.text, settings, lsaEmbedTexts));
    } else {
      own = chunkDocument(doc, { ...DEFAULT_CHUNKER_SETTINGS.recursive, ...size });
    }
    chunks.push(...own);
    docs.set(d.name, { text: d.text, chunks: own, sections });
  }
  return { chunks, docs };
}

const cosineRank = (vectors: Float32Array[], q: Float32Array, ids: string[], n: number): Hit[] =>
  vectors
    .map((v, i) => ({ id: ids[i]!, score: v.reduce((s, x, j) => s + x * q[j]!, 0) }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    .slice(0, n);

async function evaluate(set: QuestionSet, prepared: Prepared, t: Technique): Promise<{ hitRate: number; mrr: number }> {
  const { chunks, docs } = prepared;
  const byId = new Map(chunks.map((c) => [c.id, c]));
  const ids = chunks.map((c) => c.id);
  let keyword: Bm25Index | null = null;
  if (t.mode !== 'vector') {
    keyword = new Bm25Index(t.analysis ?? DEFAULT_KEYWORD_ANALYSIS);
    keyword.build(chunks.map((c) => ({ id: c.id, text: indexedText(c, c.docId, t.keywordHeaders ?? false) })));
  }
  let vectors: Float32Array[] | null = null;
  let model: Awaited<ReturnType<typeof fitLsa>> | null = null;
  if (t.mode !== 'keyword') {
    const texts = chunks.map((c) => indexedText(c, c.docId, t.embedHeaders ?? false));
    model = await fitLsa(texts);
    vectors = embedLsa(model, texts);
  }
  const scores = set.questions.map((q) => {
    const keywordHits = keyword ? keyword.search(q.question, CANDIDATES).hits : [];
    const vectorHits = model && vectors ? cosineRank(vectors, embedLsa(model, [q.question])[0]!, ids, CANDIDATES) : [];
    const ranked = t.mode === 'keyword' ? keywordHits : t.mode === 'vector' ? vectorHits : reciprocalRankFusion([vectorHits, keywordHits]);
    const top = ranked.slice(0, TOP).map((h) => byId.get(h.id)!);
    const isRelevant = relevanceMatcher(q);
    let texts = top.map((c) => c.text);
    if (t.parent) {
      const parentOf = new Map<number, string>();
      for (const g of parentGroups(top, (docId) => docs.get(docId), t.parent)) for (const r of g.childRanks) parentOf.set(r, g.text);
      texts = top.map((c, i) => parentOf.get(i + 1) ?? c.text);
    }
    return scoreQuestion(
      top.map((c, i) => isRelevant({ documentName: c.docId, text: texts[i]! })),
      TOP,
    );
  });
  const m = aggregate(scores);
  return { hitRate: m.hitRate ?? 0, mrr: m.mrr ?? 0 };
}

export const retrievalQualitySuite: BenchSuite = {
  name: SUITE,
  async run(records) {
    const sets: QuestionSet[] = [{ name: 'sample', documents: SAMPLE_DOCUMENTS, questions: SAMPLE_QUESTIONS.map((q) => ({ ...q })) }, bilingualSet()];
    const subsets = (set: QuestionSet): QuestionSet[] => {
      if (set.name !== 'bilingual') return [set];
      const zh = (q: SetQuestion) => /[\u4e00-\u9fff]/.test(q.question);
      return [
        set,
        { ...set, name: 'bilingual-en', questions: set.questions.filter((q) => !zh(q)) },
        { ...set, name: 'bilingual-zh', questions: set.questions.filter(zh) },
      ];
    };
    for (const base of sets) {
      for (const size of CHUNKINGS) {
        const prepared = await prepare(base, size, false);
        const semanticChunks = await prepare(base, size, true);
        const chunking = `${size.chunkSize}/${size.overlap}`;
        for (const set of subsets(base)) {
          console.log(
            `\n${set.name}: ${set.documents.length} documents, ${prepared.chunks.length} chunks (recursive ${chunking}; semantic, cap ${size.chunkSize}: ${semanticChunks.chunks.length}), ${set.questions.length} questions, k = ${TOP}`,
          );
          console.log(`  ${'technique'.padEnd(36)} hit rate@${TOP}  MRR@${TOP}`);
          for (const t of TECHNIQUES) {
            const m = await evaluate(set, t.semantic ? semanticChunks : prepared, t);
            const common = { suite: SUITE, case: `${set.name} ${chunking}: ${t.name}`, n: set.questions.length, dim: 0, unit: 'ratio' };
            records.push({ ...common, metric: `hit-rate@${TOP}`, value: round(m.hitRate, 3) });
            records.push({ ...common, metric: `mrr@${TOP}`, value: round(m.mrr, 3) });
            console.log(`  ${t.name.padEnd(36)} ${round(m.hitRate, 3).toFixed(3).padStart(11)}  ${round(m.mrr, 3).toFixed(3).padStart(7)}`);
          }
        }
      }
    }
  },
};
