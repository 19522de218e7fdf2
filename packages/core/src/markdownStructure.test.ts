import { describe, expect, it } from 'vitest';
import { markdownSections } from './markdownStructure';
import { sectionsFromHeadings } from './sections';

describe('sectionsFromHeadings', () => {
  it('ends a section at the next heading of the same or a higher level, and keeps the path', () => {
    const sections = sectionsFromHeadings(
      [
        { level: 1, title: 'A', start: 0 },
        { level: 2, title: 'B', start: 10 },
        { level: 3, title: 'C', start: 20 },
        { level: 2, title: 'D', start: 30 },
        { level: 1, title: 'E', start: 40 },
      ],
      50,
    );
    expect(sections).toEqual([
      { headingPath: ['A'], level: 1, start: 0, end: 40 },
      { headingPath: ['A', 'B'], level: 2, start: 10, end: 30 },
      { headingPath: ['A', 'B', 'C'], level: 3, start: 20, end: 30 },
      { headingPath: ['A', 'D'], level: 2, start: 30, end: 40 },
      { headingPath: ['E'], level: 1, start: 40, end: 50 },
    ]);
  });
});

describe('markdownSections', () => {
  it('finds ATX and setext headings with their offsets', () => {
    const text = '# Volcanoes\nMagma.\n\n## Lava ##\nHot.\n\nTea\n===\nLeaves.\n\nGreen tea\n---------\nSteamed.';
    const sections = markdownSections(text);
    expect(sections.map((s) => [s.headingPath, s.level, text.slice(s.start, s.start + 5)])).toEqual([
      [['Volcanoes'], 1, '# Vol'],
      [['Volcanoes', 'Lava'], 2, '## La'],
      [['Tea'], 1, 'Tea\n='],
      [['Tea', 'Green tea'], 2, 'Green'],
    ]);
    expect(sections[0]!.end).toBe(text.indexOf('Tea\n==='));
    expect(sections.at(-1)!.end).toBe(text.length);
  });

  it('ignores headings in fenced code, thematic breaks and lines that are not headings', () => {
    const text = [
      '# Real',
      '```sh',
      '# a shell comment',
      '```',
      '~~~~',
      'Not a heading',
      '===',
      '~~~~',
      '',
      '---',
      '#NoSpace',
      '- item',
      '---',
      '    # indented code',
      '## Second',
    ].join('\n');
    expect(markdownSections(text).map((s) => s.headingPath.at(-1))).toEqual(['Real', 'Second']);
  });

  it('handles Chinese headings and a text with no heading', () => {
    expect(markdownSections('# 火山\n岩浆。\n## 熔岩\n很热。').map((s) => s.headingPath)).toEqual([['火山'], ['火山', '熔岩']]);
    expect(markdownSections('Just text.\nNo headings.')).toEqual([]);
  });
});
