import { describe, expect, it } from 'vitest';
import { attribute, citedNumbers, withoutChunk } from './leaveOneOut';
import { fillPrompt } from '../prompt';

describe('withoutChunk', () => {
  const chunks = [
    { text: 'A', source: 'a.md' },
    { text: 'B', source: 'b.md' },
    { text: 'C', source: 'c.md' },
  ];
  it('leaves one chunk out, the others keeping their numbers', () => {
    expect(withoutChunk(chunks, 1)).toEqual([
      { text: 'A', source: 'a.md', number: 1 },
      { text: 'C', source: 'c.md', number: 3 },
    ]);
  });
  it('keeps the numbers in the filled prompt, so that citations compare directly', () => {
    const filled = fillPrompt('{context}\nQ: {question}', 'q', withoutChunk(chunks, 0));
    expect(filled.text).toBe('[2] (b.md)\nB\n\n[3] (c.md)\nC\nQ: q');
    expect(filled.segments.filter((s) => s.kind === 'chunk').map((s) => s.chunkNumber)).toEqual([2, 3]);
  });
});

describe('citedNumbers', () => {
  it('lists each cited chunk once, in order, within the chunk count', () => {
    expect(citedNumbers('X [3][1], and [1, 2]; see [9].', 3)).toEqual([1, 2, 3]);
    expect(citedNumbers('No citation.', 3)).toEqual([]);
  });
});

describe('attribute', () => {
  it('marks the removals that change the answer, beside the citations of the full answer', () => {
    const full = 'Lava is 1200 degrees [2].';
    const rows = attribute(full, ['Lava is 1200 degrees [2].', 'I don’t know.', 'Lava is 1200 degrees  [2].'], 3);
    expect(rows.map((r) => [r.chunkNumber, r.cited, r.changed])).toEqual([
      [1, false, false],
      [2, true, true],
      [3, false, false],
    ]);
    expect(rows[1]!.overlap).toBe(0);
    expect(rows[0]!.overlap).toBe(1);
  });
  it('finds nothing changed when the model writes the same answer whatever the prompt', () => {
    const same = 'Always the same [1].';
    const rows = attribute(same, [same, same, same, same], 4);
    expect(rows.every((r) => !r.changed && r.overlap === 1)).toBe(true);
    expect(rows.filter((r) => r.cited).map((r) => r.chunkNumber)).toEqual([1]);
  });
  it('leaves out the chunks not answered yet', () => {
    expect(attribute('a', ['a', null, undefined], 3).map((r) => r.chunkNumber)).toEqual([1]);
  });
});
