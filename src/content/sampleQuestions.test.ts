// The sample question set must be answerable in the sample corpus: each expectation names a sample
// document, and under the app's default chunk settings some chunk of it is relevant (relevance.ts).
import { describe, expect, it } from 'vitest';
import { SAMPLE_DOCUMENTS, SAMPLE_QUESTIONS } from './sampleCorpus.ts';
import { chunkText } from '@openbook/core/chunking';
import { relevanceMatcher } from '@openbook/core/evaluation/relevance';
import { questionProblem } from '@openbook/core/evaluation/questionSet';

/** The app's default chunk settings (state/chunks/chunkingStore.ts DEFAULT_CHUNKING). */
const DEFAULT_CHUNKING = { chunkSize: 500, overlap: 50 };

describe('SAMPLE_QUESTIONS as an evaluation set', () => {
  it('has English and Chinese questions, each valid', () => {
    expect(SAMPLE_QUESTIONS.filter((q) => /[\u4e00-\u9fff]/.test(q.question)).length).toBeGreaterThanOrEqual(3);
    expect(SAMPLE_QUESTIONS.filter((q) => /^[\x20-\x7e]+$/.test(q.question)).length).toBeGreaterThanOrEqual(3);
    for (const q of SAMPLE_QUESTIONS) expect(questionProblem(q), q.question).toBeNull();
  });

  for (const chunking of [DEFAULT_CHUNKING, { chunkSize: 300, overlap: 30 }]) {
    it(`finds a relevant chunk for each question in its document at ${chunking.chunkSize}/${chunking.overlap}`, () => {
      for (const q of SAMPLE_QUESTIONS) {
        const doc = SAMPLE_DOCUMENTS.find((d) => d.name === q.expectedDocument);
        expect(doc, q.question).toBeDefined();
        const isRelevant = relevanceMatcher(q);
        const chunks = chunkText('d', doc!.text, chunking);
        expect(
          chunks.some((c) => isRelevant({ documentName: doc!.name, text: c.text })),
          q.question,
        ).toBe(true);
        // And in no other document.
        for (const other of SAMPLE_DOCUMENTS.filter((d) => d !== doc)) {
          expect(isRelevant({ documentName: other.name, text: other.text }), `${q.question} in ${other.name}`).toBe(false);
        }
      }
    });
  }
});
