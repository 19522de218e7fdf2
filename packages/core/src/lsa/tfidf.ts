// TF-IDF for LSA: counting the terms of a corpus (the app's keyword tokeniser, core/retrieval/tokenize.ts,
// via countTerms), choosing the vocabulary, and weighting texts, both the fitted chunks (as a CSR matrix)
// and any later text (a sparse vector), the same way. Pure.
//
//   tf weight  = 1 + ln tf                        (sublinear: the tenth repeat of a word adds little)
//   idf        = ln((1 + N) / (1 + df)) + 1       (smoothed, as scikit-learn's; never 0, so a word in
//                                                  every chunk still counts a little), rounded to float32
//                                                  because the model stores it so: fit and fold-in agree
//   vector     = (tf weight · idf) over the vocabulary's terms, L2-normalised
// Vocabulary: the maxTerms terms of highest df (ties: the term's code units, ascending), and, from
// SINGLETON_CUTOFF chunks up, only terms seen in at least two chunks. A word seen in one chunk carries no
// co-occurrence for the SVD to learn from, and in a large corpus such words (names, numbers, typos) are
// a large share of the vocabulary, so they would mostly cost time; in a small corpus they are kept, as
// there they can be a good share of what a chunk says. Terms are looked up in Maps, never plain objects,
// so words like '__proto__' are ordinary terms.
import { countTerms } from '../retrieval/termCounts';
import { tokenize } from '../retrieval/tokenize';
import type { CsrMatrix } from './sparse';

/** From this many chunks up, terms seen in only one chunk are left out of the vocabulary. */
export const SINGLETON_CUTOFF = 1000;
/**
 * The default cap on the vocabulary. The fit's dense work grows with it (the SVD's term-space blocks are
 * terms × ~272 numbers): on 10,000 chunks whose vocabulary is large (Zipf over 100,000 words), fitting took
 * ~5.7 s of CPU with 50,000 terms kept, ~3.0 s with 20,000 and ~2.0 s with 10,000 on the 2-core machine
 * this was written on (and ~2.6 s with 20,000 once the dense kernels shared their loads; scripts/bench/lsa.ts,
 * fit-zipf-vocabulary). The terms cut are the rarest, which weigh least in the top components anyway (and
 * BM25 still finds them in hybrid search).
 */
export const DEFAULT_MAX_TERMS = 20_000;

export function tfWeight(tf: number): number {
  return 1 + Math.log(tf);
}

export function smoothIdf(df: number, chunks: number): number {
  return Math.fround(Math.log((1 + chunks) / (1 + df)) + 1);
}

/** The terms of a corpus, counted: every distinct term, its df, and each text's distinct terms with counts. */
export interface CorpusCounts {
  terms: string[];
  /** Per term: how many texts contain it. */
  df: Int32Array;
  texts: number;
  /** Text i's terms are termIds[start[i]] .. termIds[start[i + 1] - 1] (indexes into terms), counts in tf. */
  start: Int32Array;
  termIds: Int32Array;
  tf: Int32Array;
}

function grown(arr: Int32Array<ArrayBuffer>, min: number): Int32Array<ArrayBuffer> {
  if (arr.length >= min) return arr;
  const next = new Int32Array(Math.max(min, arr.length * 2));
  next.set(arr);
  return next;
}

/** Counts a corpus batch by batch (so that the caller can yield and report progress in between). */
export class CorpusCounter {
  private readonly idOf = new Map<string, number>();
  private readonly terms: string[] = [];
  private df: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private start: number[] = [0];
  private termIds: Int32Array<ArrayBuffer> = new Int32Array(4096);
  private tf: Int32Array<ArrayBuffer> = new Int32Array(4096);
  private at = 0;

  add(texts: readonly string[]): void {
    const batch = countTerms(texts);
    const global = new Int32Array(batch.terms.length);
    for (let i = 0; i < batch.terms.length; i++) {
      const term = batch.terms[i]!;
      let id = this.idOf.get(term);
      if (id === undefined) {
        id = this.terms.length;
        this.idOf.set(term, id);
        this.terms.push(term);
        this.df = grown(this.df, id + 1);
      }
      global[i] = id;
    }
    const entries = batch.termIds.length;
    this.termIds = grown(this.termIds, this.at + entries);
    this.tf = grown(this.tf, this.at + entries);
    for (let j = 0; j < entries; j++) {
      const id = global[batch.termIds[j]!]!;
      this.termIds[this.at + j] = id;
      this.tf[this.at + j] = batch.tf[j]!;
      this.df[id] = this.df[id]! + 1;
    }
    for (let i = 1; i < batch.start.length; i++) this.start.push(this.at + batch.start[i]!);
    this.at += entries;
  }

  result(): CorpusCounts {
    return {
      terms: this.terms,
      df: this.df.slice(0, this.terms.length),
      texts: this.start.length - 1,
      start: Int32Array.from(this.start),
      termIds: this.termIds.slice(0, this.at),
      tf: this.tf.slice(0, this.at),
    };
  }
}

export function countCorpus(texts: readonly string[]): CorpusCounts {
  const counter = new CorpusCounter();
  counter.add(texts);
  return counter.result();
}

export interface Vocabulary {
  terms: string[];
  /** Per vocabulary term, float32 values (see the header). */
  idf: Float32Array;
  /** Per corpus term id: its vocabulary index, or -1 if left out. */
  indexOfCorpusTerm: Int32Array;
}

/** The vocabulary (see the header): df descending, then term ascending by code units. */
export function chooseVocabulary(counts: CorpusCounts, maxTerms: number = DEFAULT_MAX_TERMS): Vocabulary {
  const minDf = counts.texts >= SINGLETON_CUTOFF ? 2 : 1;
  const candidates: number[] = [];
  for (let id = 0; id < counts.terms.length; id++) if (counts.df[id]! >= minDf) candidates.push(id);
  const { terms, df } = counts;
  candidates.sort((a, b) => df[b]! - df[a]! || (terms[a]! < terms[b]! ? -1 : terms[a]! > terms[b]! ? 1 : 0));
  const kept = candidates.slice(0, Math.max(0, Math.floor(maxTerms)));
  const indexOfCorpusTerm = new Int32Array(terms.length).fill(-1);
  const idf = new Float32Array(kept.length);
  kept.forEach((id, i) => {
    indexOfCorpusTerm[id] = i;
    idf[i] = smoothIdf(df[id]!, counts.texts);
  });
  return { terms: kept.map((id) => terms[id]!), idf, indexOfCorpusTerm };
}

/** The texts × vocabulary matrix of L2-normalised tf-idf rows (a text with no vocabulary term: an empty row). */
export function tfidfMatrix(counts: CorpusCounts, vocabulary: Vocabulary): CsrMatrix {
  const { start, termIds, tf } = counts;
  const { idf, indexOfCorpusTerm } = vocabulary;
  const rowStart = new Int32Array(counts.texts + 1);
  const col = new Int32Array(termIds.length);
  const value = new Float64Array(termIds.length);
  let at = 0;
  for (let r = 0; r < counts.texts; r++) {
    const from = at;
    let sum = 0;
    for (let j = start[r]!; j < start[r + 1]!; j++) {
      const c = indexOfCorpusTerm[termIds[j]!]!;
      if (c < 0) continue;
      const w = tfWeight(tf[j]!) * idf[c]!;
      col[at] = c;
      value[at++] = w;
      sum += w * w;
    }
    const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    for (let e = from; e < at; e++) value[e] = value[e]! * scale;
    rowStart[r + 1] = at;
  }
  return { rows: counts.texts, cols: vocabulary.terms.length, rowStart, col: col.slice(0, at), value: value.slice(0, at) };
}

/** One text's tf-idf vector, sparse: vocabulary indexes (first-seen order) and L2-normalised weights. */
export function tfidfVector(index: ReadonlyMap<string, number>, idf: ArrayLike<number>, text: string): { ids: Int32Array; weights: Float64Array } {
  const slotOf = new Map<number, number>();
  const ids: number[] = [];
  const counts: number[] = [];
  for (const token of tokenize(text)) {
    const id = index.get(token);
    if (id === undefined) continue;
    const slot = slotOf.get(id);
    if (slot === undefined) {
      slotOf.set(id, ids.length);
      ids.push(id);
      counts.push(1);
    } else {
      counts[slot] = counts[slot]! + 1;
    }
  }
  const weights = new Float64Array(ids.length);
  let sum = 0;
  for (let i = 0; i < ids.length; i++) {
    const w = tfWeight(counts[i]!) * idf[ids[i]!]!;
    weights[i] = w;
    sum += w * w;
  }
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  for (let i = 0; i < weights.length; i++) weights[i] = weights[i]! * scale;
  return { ids: Int32Array.from(ids), weights };
}
