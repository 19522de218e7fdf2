// The chunkers and their settings: one tagged union, defaults, validation, and a reader for stored
// settings (old ones, written before there was more than one chunker, have no `kind`: they are recursive).
// Sizes in characters are Unicode code points; sizes in tokens are counted by the embedding model's tokenizer.
import { MAX_CHUNK_SIZE, MIN_CHUNK_SIZE, maxOverlap, validateChunkingOptions } from '../chunking';
import type { ChunkingOptions } from '../types';
import { DEFAULT_SEMANTIC_SETTINGS, type SemanticChunkerSettings } from './semantic';

export type { SemanticChunkerSettings } from './semantic';

export const CHUNKER_KINDS = ['recursive', 'fixed', 'sentence', 'token', 'heading', 'semantic'] as const;
export type ChunkerKind = (typeof CHUNKER_KINDS)[number];

/** Cut every `size` characters; each chunk starts `overlap` characters before the previous end. */
export interface FixedChunkerSettings {
  kind: 'fixed';
  size: number;
  overlap: number;
}

/** Paragraphs, then lines, sentences, clauses and words, up to `chunkSize` characters (packages/core/src/chunking.ts). */
export interface RecursiveChunkerSettings extends ChunkingOptions {
  kind: 'recursive';
}

/** `sentences` sentences per chunk, `overlapSentences` of them shared with the next, at most `maxSize` characters. */
export interface SentenceChunkerSettings {
  kind: 'sentence';
  sentences: number;
  overlapSentences: number;
  maxSize: number;
}

/** Up to `tokens` tokens of the embedding model's tokenizer, `overlapTokens` shared with the next chunk. */
export interface TokenChunkerSettings {
  kind: 'token';
  tokens: number;
  overlapTokens: number;
}

/** Never across a heading of level `splitLevel` or higher (1 = top level); recursive within a section. */
export interface HeadingChunkerSettings extends ChunkingOptions {
  kind: 'heading';
  splitLevel: number;
}

export type ChunkerSettings =
  | FixedChunkerSettings
  | RecursiveChunkerSettings
  | SentenceChunkerSettings
  | TokenChunkerSettings
  | HeadingChunkerSettings
  | SemanticChunkerSettings;

export const DEFAULT_CHUNKER_SETTINGS: { [K in ChunkerKind]: Extract<ChunkerSettings, { kind: K }> } = {
  recursive: { kind: 'recursive', chunkSize: 500, overlap: 50 },
  fixed: { kind: 'fixed', size: 500, overlap: 50 },
  sentence: { kind: 'sentence', sentences: 3, overlapSentences: 1, maxSize: 1000 },
  token: { kind: 'token', tokens: 128, overlapTokens: 16 },
  heading: { kind: 'heading', chunkSize: 500, overlap: 50, splitLevel: 2 },
  semantic: DEFAULT_SEMANTIC_SETTINGS,
};

export const MAX_SENTENCES = 50;
export const MIN_TOKENS = 16;
export const MAX_TOKENS = 8192;

export type ChunkerSettingsError =
  | 'not-integer'
  | 'size-too-small'
  | 'size-too-large'
  | 'overlap-negative'
  | 'overlap-too-large'
  | 'sentences-range'
  | 'sentence-overlap-range'
  | 'tokens-range'
  | 'token-overlap-range'
  | 'level-range'
  | 'semantic-amount-range'
  | 'semantic-buffer-range';

const whole = (...xs: number[]) => xs.every((x) => Number.isSafeInteger(x));

/** Why settings are invalid, or null. Character sizes follow the recursive chunker's limits. */
export function validateChunkerSettings(s: ChunkerSettings): ChunkerSettingsError | null {
  switch (s.kind) {
    case 'recursive':
      return validateChunkingOptions(s);
    case 'heading':
      if (!whole(s.splitLevel)) return 'not-integer';
      if (s.splitLevel < 1 || s.splitLevel > 6) return 'level-range';
      return validateChunkingOptions(s);
    case 'fixed':
      return validateChunkingOptions({ chunkSize: s.size, overlap: s.overlap });
    case 'sentence':
      if (!whole(s.sentences, s.overlapSentences, s.maxSize)) return 'not-integer';
      if (s.sentences < 1 || s.sentences > MAX_SENTENCES) return 'sentences-range';
      if (s.overlapSentences < 0 || s.overlapSentences >= s.sentences) return 'sentence-overlap-range';
      if (s.maxSize < MIN_CHUNK_SIZE) return 'size-too-small';
      if (s.maxSize > MAX_CHUNK_SIZE) return 'size-too-large';
      return null;
    case 'token':
      if (!whole(s.tokens, s.overlapTokens)) return 'not-integer';
      if (s.tokens < MIN_TOKENS || s.tokens > MAX_TOKENS) return 'tokens-range';
      if (s.overlapTokens < 0 || s.overlapTokens > maxOverlap(s.tokens)) return 'token-overlap-range';
      return null;
    case 'semantic':
      if (s.threshold !== 'percentile' && s.threshold !== 'stddev') return 'semantic-amount-range';
      if (!Number.isFinite(s.amount)) return 'not-integer';
      if (s.threshold === 'percentile' ? s.amount < 1 || s.amount > 99 : s.amount < 0 || s.amount > 5) return 'semantic-amount-range';
      if (!whole(s.buffer, s.maxSize)) return 'not-integer';
      if (s.buffer < 0 || s.buffer > 5) return 'semantic-buffer-range';
      if (s.maxSize < MIN_CHUNK_SIZE) return 'size-too-small';
      if (s.maxSize > MAX_CHUNK_SIZE) return 'size-too-large';
      return null;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' ? v : Number.NaN);

/**
 * Read settings from storage or a workspace file: valid settings of any chunker, or the old
 * `{ chunkSize, overlap }` (recursive). Anything else is null.
 */
export function readChunkerSettings(value: unknown): ChunkerSettings | null {
  if (!isRecord(value)) return null;
  const kind = value.kind === undefined ? 'recursive' : value.kind;
  let s: ChunkerSettings;
  switch (kind) {
    case 'recursive':
      s = { kind: 'recursive', chunkSize: num(value.chunkSize), overlap: num(value.overlap) };
      break;
    case 'heading':
      s = { kind: 'heading', chunkSize: num(value.chunkSize), overlap: num(value.overlap), splitLevel: num(value.splitLevel) };
      break;
    case 'fixed':
      s = { kind: 'fixed', size: num(value.size), overlap: num(value.overlap) };
      break;
    case 'sentence':
      s = { kind: 'sentence', sentences: num(value.sentences), overlapSentences: num(value.overlapSentences), maxSize: num(value.maxSize) };
      break;
    case 'token':
      s = { kind: 'token', tokens: num(value.tokens), overlapTokens: num(value.overlapTokens) };
      break;
    case 'semantic':
      s = {
        kind: 'semantic',
        threshold: value.threshold === 'stddev' ? 'stddev' : 'percentile',
        amount: num(value.amount),
        buffer: num(value.buffer),
        maxSize: num(value.maxSize),
      };
      break;
    default:
      return null;
  }
  return validateChunkerSettings(s) === null ? s : null;
}

/** A stable key for settings (which chunks were made with what). */
export function settingsKey(s: ChunkerSettings): string {
  switch (s.kind) {
    case 'recursive':
      return `recursive/${s.chunkSize}/${s.overlap}`;
    case 'heading':
      return `heading/${s.chunkSize}/${s.overlap}/${s.splitLevel}`;
    case 'fixed':
      return `fixed/${s.size}/${s.overlap}`;
    case 'sentence':
      return `sentence/${s.sentences}/${s.overlapSentences}/${s.maxSize}`;
    case 'token':
      return `token/${s.tokens}/${s.overlapTokens}`;
    case 'semantic':
      return `semantic/${s.threshold}/${s.amount}/${s.buffer}/${s.maxSize}`;
  }
}
