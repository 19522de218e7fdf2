// The text the benchmark models' vocabularies are built from, and the benchmark document made of it: the
// sentences of the bilingual retrieval set (data/retrieval-set/documents) and of the sample corpus, English and
// Chinese. Deterministic.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_DOCUMENTS } from '../../src/content/sampleCorpus.ts';
import { mulberry32 } from '@openbook/core/testing/seededRandom';

const RETRIEVAL_SET = join(import.meta.dirname, '../../data/retrieval-set/documents');

/** Every text of the corpus. */
export function corpusTexts(): string[] {
  const files = readdirSync(RETRIEVAL_SET)
    .sort()
    .map((name) => readFileSync(join(RETRIEVAL_SET, name), 'utf8'));
  return [...files, ...SAMPLE_DOCUMENTS.map((d) => d.text)];
}

/** The corpus's sentences (English up to ". ", Chinese up to "。"), Markdown headings and list marks dropped. */
export function corpusSentences(): string[] {
  const sentences: string[] = [];
  for (const text of corpusTexts()) {
    for (const line of text.split('\n')) {
      const clean = line.replace(/^\s*(#+|[-*]|\d+\.)\s*/, '').trim();
      if (clean.length < 20) continue;
      sentences.push(...(clean.match(/[^.。!?！？]+[.。!?！？]?/g) ?? []).map((s) => s.trim()).filter((s) => s.length > 3));
    }
  }
  return sentences;
}

/**
 * A plain-text document of about `bytes` UTF-8 bytes: paragraphs of 3-8 sentences drawn from the corpus by a
 * seeded generator (about two thirds English, one third Chinese, as the corpus is).
 */
export function benchDocument(bytes: number, seed = 5): string {
  const sentences = corpusSentences();
  const rand = mulberry32(seed);
  const encoder = new TextEncoder();
  const paragraphs: string[] = [];
  let size = 0;
  while (size < bytes) {
    const count = 3 + Math.floor(rand() * 6);
    const paragraph = Array.from({ length: count }, () => sentences[Math.floor(rand() * sentences.length)]!).join(' ');
    paragraphs.push(paragraph);
    size += encoder.encode(paragraph).length + 2;
  }
  return paragraphs.join('\n\n');
}
