import { describe, expect, it } from 'vitest';
import { SAMPLE_DOCUMENTS, SAMPLE_QUESTIONS } from './sampleCorpus.ts';

/** Characters as a person counts them (code points). */
const charCount = (text: string): number => [...text].length;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const isChinese = (text: string): boolean => /[\u4e00-\u9fff]/.test(text);

describe('SAMPLE_DOCUMENTS', () => {
  it('has five documents with unique names', () => {
    expect(SAMPLE_DOCUMENTS).toHaveLength(5);
    const names = SAMPLE_DOCUMENTS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('has non-empty texts of a sensible size', () => {
    for (const doc of SAMPLE_DOCUMENTS) {
      expect(doc.text.trim().length, doc.name).toBeGreaterThan(0);
      expect(charCount(doc.text), doc.name).toBeGreaterThanOrEqual(1_000);
      expect(charCount(doc.text), doc.name).toBeLessThanOrEqual(3_500);
    }
  });

  it('gives each document a kind that matches its file extension', () => {
    for (const doc of SAMPLE_DOCUMENTS) {
      const expected = doc.name.endsWith('.md') ? 'markdown' : 'text';
      expect(doc.kind, doc.name).toBe(expected);
      if (doc.kind === 'markdown') expect(doc.text, doc.name).toMatch(/^# /m);
    }
  });

  it('includes at least two Chinese documents', () => {
    const chinese = SAMPLE_DOCUMENTS.filter((d) => isChinese(d.text));
    expect(chinese.length).toBeGreaterThanOrEqual(2);
  });

  it('contains no invalid characters (lone surrogates, replacement characters, NUL)', () => {
    for (const doc of SAMPLE_DOCUMENTS) {
      expect(doc.text, doc.name).not.toMatch(LONE_SURROGATE);
      expect(doc.text, doc.name).not.toMatch(/[\u0000\ufffd]/);
    }
  });
});

describe('SAMPLE_QUESTIONS', () => {
  it('has questions in both English and Chinese', () => {
    expect(SAMPLE_QUESTIONS.length).toBeGreaterThanOrEqual(6);
    expect(SAMPLE_QUESTIONS.some((q) => isChinese(q.question))).toBe(true);
    expect(SAMPLE_QUESTIONS.some((q) => !isChinese(q.question))).toBe(true);
  });

  it('points each question at a document that contains its expected substring', () => {
    for (const q of SAMPLE_QUESTIONS) {
      const doc = SAMPLE_DOCUMENTS.find((d) => d.name === q.expectedDocument);
      expect(doc, q.question).toBeDefined();
      expect(q.expectedSubstring.length, q.question).toBeGreaterThan(0);
      expect(doc?.text, q.question).toContain(q.expectedSubstring);
    }
  });

  it('covers every sample document', () => {
    const covered = new Set(SAMPLE_QUESTIONS.map((q) => q.expectedDocument));
    for (const doc of SAMPLE_DOCUMENTS) expect(covered.has(doc.name), doc.name).toBe(true);
  });
});
