import { describe, expect, it } from 'vitest';
import {
  buildQuestionPrompt,
  chunkLanguage,
  cleanGeneratedQuestion,
  DEFAULT_QUESTION_PROMPT,
  generatedQuestion,
  questionPromptProblem,
  sampleIndices,
  sourceSnippet,
} from './questionGeneration';
import { relevanceMatcher } from './relevance';

const EN = 'Lava is molten rock. When a volcano erupts, lava flows at about 1,200 degrees Celsius and cools into basalt.';
const ZH = '熔岩是熔化的岩石。火山喷发时，熔岩的温度约为一千二百摄氏度，冷却后成为玄武岩。';

describe('question generation prompts', () => {
  it('puts the chunk and its language into the template', () => {
    const en = buildQuestionPrompt(DEFAULT_QUESTION_PROMPT, EN);
    expect(en).toContain(EN);
    expect(en).toContain('Write it in English');
    const zh = buildQuestionPrompt(DEFAULT_QUESTION_PROMPT, ZH);
    expect(zh).toContain(ZH);
    expect(zh).toContain('Simplified Chinese (简体中文)');
    expect(buildQuestionPrompt('Q for: {chunk} ({language}) {chunk}', 'abc')).toBe('Q for: abc (English) abc');
  });

  it('knows the chunk language, also for mixed text', () => {
    expect(chunkLanguage(EN)).toBe('en');
    expect(chunkLanguage(ZH)).toBe('zh');
    expect(chunkLanguage('RAG（检索增强生成）把检索和生成结合起来。')).toBe('zh');
    expect(chunkLanguage('12345')).toBe('en');
  });

  it('refuses a template without {chunk}', () => {
    expect(questionPromptProblem('')).toBe('empty');
    expect(questionPromptProblem('Ask something in {language}')).toBe('missing-chunk');
    expect(questionPromptProblem(DEFAULT_QUESTION_PROMPT)).toBeNull();
  });
});

describe('cleanGeneratedQuestion', () => {
  it('keeps the question only', () => {
    expect(cleanGeneratedQuestion('Question: How hot is lava?\nIt is hot.')).toBe('How hot is lava?');
    expect(cleanGeneratedQuestion('\n  "How hot is lava?" I hope this helps')).toBe('How hot is lava?');
    expect(cleanGeneratedQuestion('问题：熔岩有多热？答案是……')).toBe('熔岩有多热？');
    expect(cleanGeneratedQuestion('1. What cools into basalt?')).toBe('What cools into basalt?');
    expect(cleanGeneratedQuestion('   \n ')).toBe('');
    expect(cleanGeneratedQuestion('A statement without a mark')).toBe('A statement without a mark');
    expect(cleanGeneratedQuestion('What erupts from a volcano [1]?')).toBe('What erupts from a volcano?');
    expect(cleanGeneratedQuestion('Lava cools into new stone [1, 2].')).toBe('Lava cools into new stone.');
  });
});

describe('the sample and the expected source', () => {
  it('samples distinct chunks, the same for the same seed', () => {
    const a = sampleIndices(20, 5, 7);
    expect(a).toEqual(sampleIndices(20, 5, 7));
    expect(new Set(a).size).toBe(5);
    expect(a.every((i) => i >= 0 && i < 20)).toBe(true);
    expect(sampleIndices(3, 10, 1)).toEqual([0, 1, 2]);
  });

  it('keeps the chunk as the expected source: its document and a stretch of its text', () => {
    const row = generatedQuestion('How hot is lava?', EN, 'volcanoes.md');
    expect(row.expectedDocument).toBe('volcanoes.md');
    expect(EN).toContain(row.expectedSubstring!);
    expect(row.expectedSubstring!.length).toBeGreaterThan(20);
    const matches = relevanceMatcher(row);
    expect(matches({ documentName: 'volcanoes.md', text: EN })).toBe(true);
    expect(matches({ documentName: 'volcanoes.md', text: 'Something else entirely.' })).toBe(false);
    const zh = sourceSnippet(ZH);
    expect(ZH).toContain(zh);
    expect(zh.length).toBe(16);
  });
});
