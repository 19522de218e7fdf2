// Text generators and invariant checks shared by the chunkers' property tests (test-only module).
import fc from 'fast-check';
import type { Chunk } from '../types';

/** Pieces that make chunking hard: words, CJK, sentence ends of both kinds, emoji (surrogate pairs, ZWJ), combining marks, breaks. */
const PIECES = [
  'the',
  'volcano',
  'erupts',
  'lava',
  'extraordinarily',
  'a',
  'is',
  'RAG',
  '火山',
  '喷发',
  '熔岩很热',
  '日本語の文',
  'カタカナ',
  '. ',
  '! ',
  '? ',
  '。',
  '！',
  '？',
  ', ',
  '，',
  '、',
  ' ',
  ' ',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\t',
  '😀',
  '👩‍👩‍👧',
  '🇫🇷',
  'é',
  'e\u0301',
  'a\u0308\u0301',
  '𠀀',
  '(',
  ')',
  '"',
  '”',
];

export const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 300, size: 'max' }).map((p) => p.join(''));

/** Words with single spaces and sentence ends: no run of whitespace anywhere. */
export const plainTextArb = fc
  .array(fc.constantFrom('lava', 'hot', 'volcano', 'erupts.', 'tea', 'green', 'water!', 'a', 'is', 'brewed?'), { minLength: 0, maxLength: 300, size: 'max' })
  .map((w) => w.join(' '));

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function graphemeSet(text: string): Set<number> {
  const set = new Set<number>([text.length]);
  for (const s of segmenter.segment(text)) set.add(s.index);
  return set;
}

export const codePoints = (s: string) => [...s].length;

/**
 * The invariants every chunker keeps: ids and indexes in order, text is the slice, no empty chunk,
 * starts and ends move forward, both on grapheme boundaries, and every non-whitespace character covered.
 */
export function commonProblems(text: string, chunks: Chunk[], docId: string): string[] {
  const boundaries = graphemeSet(text);
  const covered = new Uint8Array(text.length);
  const problems: string[] = [];
  chunks.forEach((c, i) => {
    const fail = (what: string) => problems.push(`chunk ${i} [${c.start}, ${c.end}): ${what}`);
    if (c.id !== `${docId}#${i}` || c.docId !== docId || c.index !== i) fail(`id ${c.id}`);
    if (c.text !== text.slice(c.start, c.end)) fail('text is not the slice');
    if (c.end <= c.start) fail('empty');
    if (!boundaries.has(c.start)) fail('start splits a grapheme');
    if (!boundaries.has(c.end)) fail('end splits a grapheme');
    if (!/\S/u.test(c.text)) fail('whitespace only');
    if (i > 0 && (c.start <= chunks[i - 1]!.start || c.end <= chunks[i - 1]!.end)) fail('does not move forward');
    covered.fill(1, c.start, c.end);
  });
  for (let i = 0; i < text.length; i++) if (!covered[i] && /\S/u.test(text[i]!)) problems.push(`character ${i} (${JSON.stringify(text[i])}) is in no chunk`);
  return problems.slice(0, 10);
}
