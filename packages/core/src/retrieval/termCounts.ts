// The keyword index's input: the texts' tokens, counted. Each text becomes its distinct terms with their
// counts (BM25 needs no more), in typed arrays over one dictionary of the batch's terms. This is the form
// in which a tokeniser worker hands its share of a build to the keyword index worker
// (adapters/keywordIndex/parallelBuild.ts): copying a few typed arrays and the distinct terms between
// threads takes milliseconds where a million token strings would take far longer, and the index worker
// then looks up each distinct term once instead of every token.
import { analyzeToken, RAW_KEYWORD_ANALYSIS, type KeywordAnalysis } from './keywordAnalysis';
import { tokenize } from './tokenize';

export interface TermCounts {
  /** The distinct terms of the batch, in first-seen order (texts in order, tokens in order). */
  terms: string[];
  /** Text i's distinct terms are termIds[start[i]] .. termIds[start[i + 1] - 1], in first-seen order. */
  start: Int32Array<ArrayBuffer>;
  /** Indexes into terms. */
  termIds: Int32Array<ArrayBuffer>;
  /** How often each of those terms occurs in its text (1 or more). */
  tf: Int32Array<ArrayBuffer>;
}

function grown(arr: Int32Array<ArrayBuffer>, min: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(min, arr.length * 2));
  next.set(arr);
  return next;
}

/**
 * The tokens of each text (tokenize(), then stop words and stemming as the analysis asks), counted.
 * Each distinct token of the batch is analysed once (not once per occurrence): a token's term depends on
 * the token alone, so the counts are those of analysing every occurrence.
 */
export function countTerms(texts: readonly string[], analysis: KeywordAnalysis = RAW_KEYWORD_ANALYSIS): TermCounts {
  const raw = !analysis.stopWords && !analysis.stemming;
  /** Per distinct token: its term's id (-1: a stop word). */
  const tokenTerm = new Map<string, number>();
  const idOf = raw ? tokenTerm : new Map<string, number>();
  const terms: string[] = [];
  const start = new Int32Array(texts.length + 1);
  let termIds = new Int32Array(1024);
  let tf = new Int32Array(1024);
  let count = new Int32Array(1024); // per term: its count in the text at hand
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    const from = at;
    const tokens = tokenize(texts[i]!);
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t]!;
      let id = tokenTerm.get(token);
      if (id === undefined) {
        const term = raw ? token : analyzeToken(token, analysis);
        if (term === null) id = -1;
        else {
          id = idOf.get(term);
          if (id === undefined) {
            id = terms.length;
            idOf.set(term, id);
            terms.push(term);
            if (id >= count.length) count = grown(count, id + 1);
          }
        }
        if (!raw) tokenTerm.set(token, id);
      }
      if (id >= 0 && count[id]!++ === 0) {
        if (at >= termIds.length) {
          termIds = grown(termIds, at + 1);
          tf = grown(tf, at + 1);
        }
        termIds[at++] = id;
      }
    }
    for (let j = from; j < at; j++) {
      const id = termIds[j]!;
      tf[j] = count[id]!;
      count[id] = 0;
    }
    start[i + 1] = at;
  }
  return { terms, start, termIds: termIds.slice(0, at), tf: tf.slice(0, at) };
}

/**
 * Why counts (from another thread, so not to be trusted blindly) are not well-formed for `texts` texts,
 * or null when they are.
 */
export function termCountsProblem(counts: TermCounts, texts: number): string | null {
  const { terms, start, termIds, tf } = counts;
  if (!Array.isArray(terms) || !(start instanceof Int32Array) || !(termIds instanceof Int32Array) || !(tf instanceof Int32Array)) return 'not term counts';
  if (start.length !== texts + 1) return `counts for ${start.length - 1} texts, not ${texts}`;
  if (start[0] !== 0 || start[texts] !== termIds.length || tf.length !== termIds.length) return 'ranges do not match';
  for (let i = 0; i < texts; i++) if (start[i + 1]! < start[i]!) return 'ranges out of order';
  for (let j = 0; j < termIds.length; j++) {
    const id = termIds[j]!;
    if (id < 0 || id >= terms.length || tf[j]! < 1) return 'a term or count out of range';
  }
  for (const term of terms) if (typeof term !== 'string') return 'a term is not a string';
  return null;
}

/** Text i's tokens again, one per occurrence (for tests and inspection; order not kept). */
export function tokensOf(counts: TermCounts, i: number): string[] {
  const out: string[] = [];
  for (let j = counts.start[i]!; j < counts.start[i + 1]!; j++) for (let c = 0; c < counts.tf[j]!; c++) out.push(counts.terms[counts.termIds[j]!]!);
  return out;
}
