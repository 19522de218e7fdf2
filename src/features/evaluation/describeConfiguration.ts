// How a configuration is named on screen and in the exported CSV.
import type { TFunction } from 'i18next';
import { keywordAnalysisOf, keywordHeadersOf, type EvalConfiguration } from '@openbook/core/evaluation/configuration';
import { DEFAULT_KEYWORD_ANALYSIS, DEFAULT_KEYWORD_HEADERS } from '@openbook/core/retrieval/keywordSettings';
import { settingsKey, type ChunkerSettings } from '@openbook/core/chunkers/settings';

/** What "the index's model / chunks" stood for when the configuration ran. */
export interface IndexDefaults {
  modelId: string | null;
  chunking: ChunkerSettings | null;
}

/** A chunker's size and overlap in its own unit (characters, sentences or tokens). */
function sizeAndOverlap(s: ChunkerSettings): { size: number; overlap: number } {
  switch (s.kind) {
    case 'recursive':
    case 'heading':
      return { size: s.chunkSize, overlap: s.overlap };
    case 'fixed':
      return { size: s.size, overlap: s.overlap };
    case 'sentence':
      return { size: s.sentences, overlap: s.overlapSentences };
    case 'token':
      return { size: s.tokens, overlap: s.overlapTokens };
    case 'semantic':
      return { size: s.maxSize, overlap: 0 };
  }
}

/** e.g. "Vector, k = 4 · model openbook/tiny-embedder · chunks recursive/300/30 · reranked by X". */
export function describeConfiguration(t: TFunction, c: EvalConfiguration, index: IndexDefaults): string {
  const parts = [t('evaluation.describe.mode', { mode: t(`evaluation.configurations.modes.${c.mode}`), k: c.topK })];
  const model = c.embeddingModelId ?? index.modelId;
  if (model) parts.push(t('evaluation.describe.model', { model }));
  const chunking = c.chunking ?? index.chunking;
  if (chunking) parts.push(t('evaluation.describe.chunks', { chunker: settingsKey(chunking) }));
  if (c.rerankModelId) parts.push(t('evaluation.describe.rerank', { model: c.rerankModelId }));
  // Techniques, where they differ from the defaults (keyword ones only where keyword search runs).
  if (c.mode !== 'vector') {
    const a = keywordAnalysisOf(c);
    if (a.stopWords !== DEFAULT_KEYWORD_ANALYSIS.stopWords) parts.push(t(a.stopWords ? 'techniques.describe.stopWords' : 'techniques.describe.noStopWords'));
    if (a.stemming !== DEFAULT_KEYWORD_ANALYSIS.stemming) parts.push(t(a.stemming ? 'techniques.describe.stemming' : 'techniques.describe.noStemming'));
    const h = keywordHeadersOf(c);
    if (h !== DEFAULT_KEYWORD_HEADERS) parts.push(t(h ? 'techniques.describe.headers' : 'techniques.describe.noHeaders'));
  }
  if (c.mode !== 'keyword' && c.embedHeaders) parts.push(t('techniques.describe.embedHeaders'));
  if (c.parentChild)
    parts.push(c.parentChild.mode === 'section' ? t('techniques.describe.parentSection') : t('techniques.describe.parentWindow', { n: c.parentChild.window }));
  if (c.queryTransform) parts.push(t(`retr14.evalQueries.describe.${c.queryTransform.mode}`, { n: c.queryTransform.rewrites }));
  return parts.join(' · ');
}

/** The configuration's columns in the CSV files (English keys, plain values). */
export function configurationColumns(n: number, c: EvalConfiguration, index: IndexDefaults): Record<string, string | number> {
  const chunking = c.chunking ?? index.chunking;
  return {
    configuration: n,
    embedding_model: c.embeddingModelId ?? index.modelId ?? '',
    chunker: chunking?.kind ?? '',
    chunk_size: chunking ? sizeAndOverlap(chunking).size : '',
    chunk_overlap: chunking ? sizeAndOverlap(chunking).overlap : '',
    k: c.topK,
    mode: c.mode,
    reranker: c.rerankModelId ?? '',
  };
}
