import { describe, expect, it } from 'vitest';
import { parseQuestionSet } from './parseQuestionSet';
import { questionSetJsonl } from './questionSetJsonl';

describe('questionSetJsonl', () => {
  it('writes what an import reads back', () => {
    const questions = [
      { question: 'How hot is lava?', expectedDocument: 'volcanoes.md', expectedSubstring: '1,200 "degrees"' },
      { question: '熔岩有多热？', expectedDocument: null, expectedSubstring: '一千二百摄氏度' },
    ];
    const parsed = parseQuestionSet('questions.jsonl', questionSetJsonl(questions));
    expect(parsed.problems).toEqual([]);
    expect(parsed.questions).toEqual(questions);
  });
});
