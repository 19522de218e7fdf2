import { describe, expect, it } from 'vitest';
import { fuseQueryHits, parseQueries, queriesFromReply, transformPrompt } from './queryTransform';

describe('query transformation', () => {
  it('asks for n rewrites, a passage, or a standalone question, in the question’s language', () => {
    expect(transformPrompt('multi', 'How hot is lava?', 3)).toContain('as 3 different search queries');
    expect(transformPrompt('multi', '熔岩有多热？', 3)).toContain('3 个不同的搜索查询');
    expect(transformPrompt('hyde', 'How hot is lava?', 3)).toContain('Write a short passage');
    const standalone = transformPrompt('standalone', 'And how long does it take?', 1, {
      question: 'How is green tea made?',
      answer: 'It is steeped at 80 degrees.',
    });
    expect(standalone).toContain('Previous question: How is green tea made?');
    expect(standalone).toContain('Follow-up question: And how long does it take?');
  });

  it('reads queries back from a reply: numbering, bullets and quotes off, repeats and blanks out, at most n', () => {
    const reply = '1. What temperature is lava?\n2) "lava heat in degrees"\n\n- What temperature is lava?\n• 熔岩的温度\n（5）岩浆有多热\n6. one too many';
    expect(parseQueries(reply, 4)).toEqual(['What temperature is lava?', 'lava heat in degrees', '熔岩的温度', '岩浆有多热']);
    expect(queriesFromReply('standalone', 'How long is green tea steeped?\nextra', 3)).toEqual(['How long is green tea steeped?']);
    expect(queriesFromReply('hyde', '  Lava is hot.\nIt glows.  ', 3)).toEqual(['Lava is hot.\nIt glows.']);
  });

  it('fuses the hits of several queries by RRF: a chunk found by every query wins', () => {
    const fused = fuseQueryHits([
      [
        { id: 'a', score: 9 },
        { id: 'b', score: 5 },
      ],
      [
        { id: 'c', score: 7 },
        { id: 'b', score: 6 },
      ],
      [
        { id: 'b', score: 1 },
        { id: 'a', score: 0.5 },
      ],
    ]);
    expect(fused.map((h) => h.id)).toEqual(['b', 'a', 'c']);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 62 + 1 / 61);
  });
});
