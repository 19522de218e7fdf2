// Keyword search's analysis settings (stop words, stemming) and contextual-header default: types, defaults
// and validation only, with no word lists, so that the settings stores on the first screen stay light (the
// lists and the stemmer load with the keyword index worker: keywordAnalysis.ts). Pure.

export interface KeywordAnalysis {
  /** Drop English and Chinese stop words. */
  stopWords: boolean;
  /** Reduce English words to their stem (Porter). */
  stemming: boolean;
}

/**
 * Stop words and stemming on: together with contextual headers (DEFAULT_KEYWORD_HEADERS) they rank the
 * sample corpus's MRR document first for "How do I measure retrieval quality with MRR?" (see
 * state/retrieval/sampleKeywordSearch.test.ts), where plain tokens rank chunks that share "how", "do", "i", "with".
 */
export const DEFAULT_KEYWORD_ANALYSIS: KeywordAnalysis = { stopWords: true, stemming: true };

/** Keyword search indexes each chunk with its contextual header (title and heading path) by default. */
export const DEFAULT_KEYWORD_HEADERS = true;

/** No analysis: the tokens exactly as tokenize() gives them (the keyword index before stop words existed). */
export const RAW_KEYWORD_ANALYSIS: KeywordAnalysis = { stopWords: false, stemming: false };

export const sameKeywordAnalysis = (a: KeywordAnalysis, b: KeywordAnalysis): boolean => a.stopWords === b.stopWords && a.stemming === b.stemming;

/** A keyword analysis from storage or another thread (anything at all) made valid. */
export function sanitizeKeywordAnalysis(raw: unknown): KeywordAnalysis {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof KeywordAnalysis, unknown>>;
  return {
    stopWords: typeof r.stopWords === 'boolean' ? r.stopWords : DEFAULT_KEYWORD_ANALYSIS.stopWords,
    stemming: typeof r.stemming === 'boolean' ? r.stemming : DEFAULT_KEYWORD_ANALYSIS.stemming,
  };
}
