// The augmented prompt: the template filled with the last question and its retrieved chunks.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fillPrompt, type FilledPrompt } from '../core/prompt';
import type { RetrievalRun } from './retrievalStore';
import { useRetrievalStore } from './retrievalStore';
import { templateIn, usePromptStore } from './promptStore';
import { useDocumentsStore } from './documentsStore';
import type { SourceDocument } from '../core/types';

export function buildFilledPrompt(template: string, run: RetrievalRun, documents: SourceDocument[]): FilledPrompt {
  const names = new Map(documents.map((d) => [d.id, d.name]));
  return fillPrompt(
    template,
    run.question,
    run.results.map((r) => ({ text: r.chunk.text, source: names.get(r.chunk.docId) ?? r.chunk.docId })),
  );
}

/** The filled prompt for the last retrieval, or null before the first question. */
export function useFilledPrompt(): FilledPrompt | null {
  const custom = usePromptStore((s) => s.custom);
  const { language } = useTranslation().i18n;
  const template = templateIn(custom, language);
  const run = useRetrievalStore((s) => s.last);
  const documents = useDocumentsStore((s) => s.documents);
  return useMemo(() => (run ? buildFilledPrompt(template, run, documents) : null), [template, run, documents]);
}

/** The filled prompt for the last retrieval, in the template in force for this interface language. */
export function currentFilledPrompt(uiLanguage: string): FilledPrompt | null {
  const run = useRetrievalStore.getState().last;
  const template = templateIn(usePromptStore.getState().custom, uiLanguage);
  return run ? buildFilledPrompt(template, run, useDocumentsStore.getState().documents) : null;
}
