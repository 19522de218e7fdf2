// Chunk metadata from a document's structure, and Markdown sections found from headings.
import { describe, expect, it } from 'vitest';
import { chunkMeta, sectionLabel, withChunkMeta } from './chunkMeta';
import { markdownSections } from './markdownSections';
import type { Chunk, PageSpan, SectionSpan } from './types';

const chunk = (start: number, end: number, text = 'x'.repeat(end - start)): Chunk => ({ id: `d#${start}`, docId: 'd', index: 0, start, end, text });

describe('Markdown sections', () => {
  it('nests headings into paths, ends each section at the next heading of its level or higher, and skips code fences', () => {
    const text = ['intro', '# A', 'a', '## A1', 'a1', '```', '# not a heading', '```', '### A1x ###', '## A2', '# B', 'b'].join('\n');
    const s = markdownSections(text);
    expect(s.map((x) => [x.headingPath.join('/'), x.level])).toEqual([
      ['A', 1],
      ['A/A1', 2],
      ['A/A1/A1x', 3],
      ['A/A2', 2],
      ['B', 1],
    ]);
    const at = (h: string) => text.indexOf(h);
    expect(s[0]).toMatchObject({ start: at('# A'), end: at('# B') });
    expect(s[1]).toMatchObject({ start: at('## A1'), end: at('## A2') });
    expect(s[2]).toMatchObject({ start: at('### A1x'), end: at('## A2') });
    expect(s[4]).toMatchObject({ start: at('# B'), end: text.length });
  });

  it('needs a space after the hashes and at most three spaces before', () => {
    expect(markdownSections('#hashtag\n    # code\n   # ok')).toEqual([{ headingPath: ['ok'], level: 1, start: 20, end: 27 }]);
  });
});

describe('chunk metadata', () => {
  const pages: PageSpan[] = [
    { page: 1, start: 0, end: 100 },
    { page: 2, start: 100, end: 200 },
    { page: 3, start: 200, end: 300 },
  ];
  const sections: SectionSpan[] = [
    { headingPath: ['Top'], level: 1, start: 10, end: 250 },
    { headingPath: ['Top', 'Sub'], level: 2, start: 50, end: 120 },
    { headingPath: ['Next'], level: 1, start: 250, end: 300 },
  ];

  it('gives the pages a chunk touches and the deepest section it starts in', () => {
    expect(chunkMeta(chunk(0, 5), pages, sections)).toEqual({ pageStart: 1, pageEnd: 1 });
    expect(chunkMeta(chunk(60, 150), pages, sections)).toEqual({ pageStart: 1, pageEnd: 2, headingPath: ['Top', 'Sub'] });
    expect(chunkMeta(chunk(130, 200), pages, sections)).toEqual({ pageStart: 2, pageEnd: 2, headingPath: ['Top'] });
    expect(chunkMeta(chunk(190, 290), pages, sections)).toEqual({ pageStart: 2, pageEnd: 3, headingPath: ['Top'] });
    expect(chunkMeta(chunk(260, 270), [], sections)).toEqual({ headingPath: ['Next'] });
    expect(chunkMeta(chunk(0, 5), [], sections)).toBeNull();
  });

  it('prefers the parsed structure, finds Markdown headings otherwise, and leaves plain text alone', () => {
    const text = '# Title\n\nBody text.';
    const chunks = [chunk(9, 19, 'Body text.')];
    expect(withChunkMeta(chunks, { name: 'a.md', kind: 'markdown', text })[0]!.meta).toEqual({ headingPath: ['Title'] });
    expect(
      withChunkMeta(chunks, { name: 'a.md', kind: 'markdown', text, structure: { sections: [{ headingPath: ['Parsed'], level: 1, start: 0, end: 19 }] } })[0]!
        .meta,
    ).toEqual({
      headingPath: ['Parsed'],
    });
    expect(withChunkMeta(chunks, { name: 'a.txt', kind: 'text', text })[0]!.meta).toBeUndefined();
    expect(withChunkMeta(chunks, { name: 'scan.pdf', kind: 'pdf', text, structure: { pages: [{ page: 4, start: 0, end: 19 }] } })[0]!.meta).toEqual({
      pageStart: 4,
      pageEnd: 4,
    });
  });

  it('names the section most of the chunk lies in, not the one it starts in', () => {
    // 20..250: 30 characters in Top before Sub, 70 in Sub, then 130 in Top again
    expect(chunkMeta(chunk(20, 250), [], sections)).toEqual({ headingPath: ['Top'] });
    // starts in Top's last 10 characters, the other 40 in Next
    expect(chunkMeta(chunk(240, 290), [], sections)).toEqual({ headingPath: ['Next'] });
    // text before the first heading belongs to no section
    expect(chunkMeta(chunk(0, 30), [], sections)).toEqual({ headingPath: ['Top'] });
  });

  it('names both sections, in document order, when neither holds 60% of the chunk', () => {
    expect(chunkMeta(chunk(200, 300), [], sections)).toEqual({ headingPath: ['Top'], sectionSpan: [['Top'], ['Next']] });
    expect(chunkMeta(chunk(229, 279), [], sections)).toEqual({ headingPath: ['Next'], sectionSpan: [['Top'], ['Next']] });
    expect(chunkMeta(chunk(80, 160), [], sections)).toEqual({ headingPath: ['Top', 'Sub'], sectionSpan: [['Top', 'Sub'], ['Top']] });
  });
});

describe('sectionLabel', () => {
  it('joins a heading path, and names both sections of a split chunk with their shared part once', () => {
    expect(sectionLabel(undefined)).toBe('');
    expect(sectionLabel({ headingPath: ['Guide', 'Step 2'] })).toBe('Guide › Step 2');
    expect(
      sectionLabel({
        headingPath: ['Guide', 'Step 2'],
        sectionSpan: [
          ['Guide', 'Step 2'],
          ['Guide', 'Step 3'],
        ],
      }),
    ).toBe('Guide › Step 2 → Step 3');
    expect(sectionLabel({ headingPath: ['B'], sectionSpan: [['A'], ['B']] })).toBe('A → B');
    expect(sectionLabel({ headingPath: ['Top'], sectionSpan: [['Top', 'Sub'], ['Top']] })).toBe('Top › Sub → Top');
  });
});
