import { describe, expect, it } from 'vitest';
import { judgeAnswer, judgePrompt, JUDGE_RUBRIC, judgeVerdict, meanOf, ragGain, splitAnswerSentences } from './answerQuality';

describe('splitAnswerSentences', () => {
  it('splits English and Chinese sentences and keeps each one’s citations', () => {
    const answer = 'Lava is molten rock [1]. It cools into basalt [2, 3]! Nobody knows why. 熔岩很热[1]。它会冷却。';
    expect(splitAnswerSentences(answer, 3)).toEqual([
      { text: 'Lava is molten rock.', citations: [1] },
      { text: 'It cools into basalt!', citations: [2, 3] },
      { text: 'Nobody knows why.', citations: [] },
      { text: '熔岩很热。', citations: [1] },
      { text: '它会冷却。', citations: [] },
    ]);
  });

  it('gives a citation after the full stop to the sentence before; numbers beyond the chunks are not citations', () => {
    expect(splitAnswerSentences('Lava is hot. [2] Tea is green [7].', 3)).toEqual([
      { text: 'Lava is hot.', citations: [2] },
      { text: 'Tea is green [7].', citations: [] },
    ]);
    expect(splitAnswerSentences('   ', 3)).toEqual([]);
  });
});

describe('judgeAnswer', () => {
  // Three sentences against two chunks: the first supported by chunk 1 and citing it; the second cites
  // chunk 2 but only chunk 1 supports it; the third is supported by nothing.
  const sentences = [
    { text: 'Lava is molten rock.', citations: [1] },
    { text: 'It glows red.', citations: [2] },
    { text: 'The moon is cheese.', citations: [] },
  ];
  const support = [
    [0.9, 0.1],
    [0.7, 0.2],
    [0.05, 0.3],
  ];

  it('scores groundedness, citation correctness and relevance', () => {
    const j = judgeAnswer(sentences, support, 0.8, 0.5);
    expect(j.groundedness).toBeCloseTo(2 / 3);
    expect(j.citations).toBe(2);
    expect(j.citationCorrectness).toBe(0.5);
    expect(j.relevance).toBe(0.8);
    expect(j.sentences[0]!.best).toEqual({ chunk: 1, score: 0.9 });
    expect(j.sentences[1]!.citationChecks).toEqual([{ chunk: 2, score: 0.2, supports: false }]);
    expect(j.sentences[2]!.supported).toBe(false);
  });

  it('has no groundedness for an empty answer and no citation score without citations', () => {
    const empty = judgeAnswer([], [], null, 0.5);
    expect(empty.groundedness).toBeNull();
    expect(empty.citationCorrectness).toBeNull();
    const uncited = judgeAnswer([{ text: 'Lava is hot.', citations: [] }], [[0.6]], 0.4, 0.5);
    expect(uncited.groundedness).toBe(1);
    expect(uncited.citationCorrectness).toBeNull();
  });

  it('a citation of a chunk that was not retrieved is not correct; no chunks means nothing is supported', () => {
    const j = judgeAnswer([{ text: 'Lava is hot.', citations: [3] }], [[0.9, 0.9]], null, 0.5);
    expect(j.sentences[0]!.citationChecks).toEqual([{ chunk: 3, score: 0, supports: false }]);
    expect(judgeAnswer([{ text: 'Lava is hot.', citations: [] }], [[]], null, 0.5).groundedness).toBe(0);
  });

  it('the RAG gain is with retrieval minus without', () => {
    const rag = judgeAnswer(sentences, support, 0.8, 0.5);
    const plain = judgeAnswer([{ text: 'The moon is cheese.', citations: [] }], [[0.05, 0.3]], 0.3, 0.5);
    const gain = ragGain(rag, plain);
    expect(gain.groundedness).toBeCloseTo(2 / 3);
    expect(gain.relevance).toBeCloseTo(0.5);
    expect(meanOf([0.5, null, 1])).toBe(0.75);
    expect(meanOf([null])).toBeNull();
  });
});

describe('the chat model as judge', () => {
  it('fills the rubric and reads the verdict', () => {
    const prompt = judgePrompt(JUDGE_RUBRIC, 'Lava is hot.', '[1] Lava flows at 1,200 °C.');
    expect(prompt).toContain('Claim: Lava is hot.');
    expect(prompt).toContain('[1] Lava flows at 1,200 °C.');
    expect(judgeVerdict(' Yes, it is.')).toBe(1);
    expect(judgeVerdict('NO')).toBe(0);
    expect(judgeVerdict('是的')).toBe(1);
    expect(judgeVerdict('Lava is molten rock')).toBeNull();
  });
});
