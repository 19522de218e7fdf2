// The i18n keys of a lesson's texts (packages/core/src/lessons/lessonCatalog.ts): its own step texts, or the shared
// ones (documents, embed) that several lessons use.
import type { TFunction } from 'i18next';

export const lessonTitle = (t: TFunction, lessonId: string) => t(`lessons.catalog.${lessonId}.title`);
export const lessonSummary = (t: TFunction, lessonId: string) => t(`lessons.catalog.${lessonId}.summary`);

export type StepPart = 'do' | 'done' | 'without' | 'question';

export function stepText(t: TFunction, lessonId: string, stepId: string, part: StepPart): string {
  return t([`lessons.catalog.${lessonId}.steps.${stepId}.${part}`, `lessons.shared.${stepId}.${part}`]);
}
