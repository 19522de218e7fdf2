// Every lesson's texts exist in English and Chinese: title, summary, and for each step what to do and what
// changed (its own or the shared ones), the explanation to continue without a model where it needs one,
// and the suggested question where it has one.
import { describe, expect, it } from 'vitest';
import { LESSONS } from '@openbook/core/lessons/lessonCatalog';
import { en } from '../../i18n/en';
import { zh } from '../../i18n/zh';

type Texts = Record<string, unknown>;
const at = (root: Texts, path: string): unknown => path.split('.').reduce<unknown>((node, key) => (node as Texts | undefined)?.[key], root);

describe.each([
  ['English', en as unknown as Texts],
  ['Chinese', zh as unknown as Texts],
])('the lessons in %s', (_, strings) => {
  const text = (lesson: string, step: string, part: string) =>
    at(strings, `lessons.catalog.${lesson}.steps.${step}.${part}`) ?? at(strings, `lessons.shared.${step}.${part}`);

  it('every lesson and step has its texts', () => {
    for (const lesson of LESSONS) {
      expect(at(strings, `lessons.catalog.${lesson.id}.title`), lesson.id).toEqual(expect.any(String));
      expect(at(strings, `lessons.catalog.${lesson.id}.summary`), lesson.id).toEqual(expect.any(String));
      for (const step of lesson.steps) {
        const where = `${lesson.id}/${step.id}`;
        expect(text(lesson.id, step.id, 'do'), where).toEqual(expect.stringMatching(/\S/));
        expect(text(lesson.id, step.id, 'done'), where).toEqual(expect.stringMatching(/\S/));
        if (step.needs) expect(text(lesson.id, step.id, 'without'), where).toEqual(expect.stringMatching(/\S/));
        if (step.suggestsQuestion) expect(text(lesson.id, step.id, 'question'), where).toEqual(expect.stringMatching(/\S/));
        if (step.action) expect(at(strings, `lessons.action.${step.action}`), where).toEqual(expect.any(String));
      }
    }
  });
});

it('the Chinese texts use the project’s terms (分块, 词元 not “token”)', () => {
  const all = JSON.stringify((zh as unknown as Texts).lessons);
  expect(all).toContain('分块');
  expect(all).not.toMatch(/[\u4e00-\u9fff]\s*token/i);
});
