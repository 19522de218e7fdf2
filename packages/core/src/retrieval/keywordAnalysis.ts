// How keyword (BM25) search treats its tokens beyond tokenize(): stop words and English stemming. Pure.
//
// Stop words: the English and Chinese lists of the `stopword` package (well-kept lists, not typed here).
// A token that is a stop word is dropped from the indexed text and from the question alike, so "How do I
// measure retrieval quality with MRR?" is searched as "measure retrieval quality mrr" and a chunk no longer
// scores for sharing "how", "do", "i" and "with" with it.
// Stemming: English words (Latin letters only) are reduced to their Porter stem (the `stemmer` package), so
// "chunks", "chunking" and "chunked" all match "chunk". Chinese has no inflection: its tokens pass unchanged.
// The same analysis must be applied to the chunks and to the question: the keyword index owns it
// (adapters/keywordIndex/bm25Index.ts) and rebuilds when it changes.
import { stemmer } from 'stemmer';
import { eng, zho } from 'stopword';
import { tokenize } from './tokenize';
import type { KeywordAnalysis } from './keywordSettings';

export { DEFAULT_KEYWORD_ANALYSIS, DEFAULT_KEYWORD_HEADERS, RAW_KEYWORD_ANALYSIS, sameKeywordAnalysis, sanitizeKeywordAnalysis } from './keywordSettings';
export type { KeywordAnalysis } from './keywordSettings';

const STOP_WORDS: ReadonlySet<string> = new Set([...eng, ...zho].map((w) => w.normalize('NFKC').toLowerCase()));

const LATIN_WORD = /^[a-z]+$/;

export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}

/** A token after stop-word removal and stemming, as the analysis asks: its term, or null for a stop word. */
export function analyzeToken(token: string, analysis: KeywordAnalysis): string | null {
  if (analysis.stopWords && STOP_WORDS.has(token)) return null;
  return analysis.stemming && LATIN_WORD.test(token) ? stemmer(token) : token;
}

/** The tokens after stop-word removal and stemming, as the analysis asks (order and repeats kept). */
export function analyzeTokens(tokens: readonly string[], analysis: KeywordAnalysis): string[] {
  if (!analysis.stopWords && !analysis.stemming) return tokens as string[];
  const out: string[] = [];
  for (const token of tokens) {
    if (analysis.stopWords && STOP_WORDS.has(token)) continue;
    out.push(analysis.stemming && LATIN_WORD.test(token) ? stemmer(token) : token);
  }
  return out;
}

/** The keyword tokens of a text under this analysis. */
export function analyze(text: string, analysis: KeywordAnalysis): string[] {
  return analyzeTokens(tokenize(text), analysis);
}

/** The distinct tokens of a question under this analysis, in first-seen order. */
export function analyzedQueryTokens(query: string, analysis: KeywordAnalysis): string[] {
  return [...new Set(analyze(query, analysis))];
}
