import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { atxHeading } from './markdownHeading';
import { trimSpacesAndTabsEnd } from './unicodeText';
import { markdownSections as structureSections } from './markdownStructure';
import { markdownSections as metaSections } from './markdownSections';

/** The regular expression the scanner replaces, for comparison on ordinary lines. */
const OLD = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const old = (line: string) => {
  const m = OLD.exec(line);
  return m ? { level: m[1]!.length, title: (m[2] ?? '').trim() } : null;
};

describe('atxHeading', () => {
  it('reads levels, titles and closing sequences as CommonMark does', () => {
    expect(atxHeading('# Tea')).toEqual({ level: 1, title: 'Tea' });
    expect(atxHeading('   ### Green tea ###  ')).toEqual({ level: 3, title: 'Green tea' });
    expect(atxHeading('## C# and F#')).toEqual({ level: 2, title: 'C# and F#' });
    expect(atxHeading('#\t火山')).toEqual({ level: 1, title: '火山' });
    expect(atxHeading('#')).toEqual({ level: 1, title: '' });
    expect(atxHeading('# #')).toEqual({ level: 1, title: '' });
    expect(atxHeading('####### seven')).toBeNull();
    expect(atxHeading('#hashtag')).toBeNull();
    expect(atxHeading('    # code')).toBeNull();
    expect(atxHeading('plain')).toBeNull();
  });

  it('agrees with the regular expression it replaces on random heading-like lines', () => {
    const piece = fc.constantFrom('#', ' ', '\t', 'a', '火', 'x y');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const line = parts.join('');
        const expected = old(line);
        const got = atxHeading(line);
        // The one difference: a closing run right after the opening one ("# #") is a closing sequence.
        if (expected && got && /^ {0,3}#{1,6}[ \t]+#+[ \t]*$/.test(line)) return got.title === '';
        expect(got).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a hostile 400,000-character line of spaces and tabs at once (both section scanners)', () => {
    const line = '# a' + ' \t'.repeat(200_000) + 'x';
    expect(atxHeading(line)).toMatchObject({ level: 1 });
    expect(structureSections(`${line}\n\nText.`)).toHaveLength(1);
    expect(metaSections(`${line}\n\nText.`)).toHaveLength(1);
  });
});

describe('trimSpacesAndTabsEnd', () => {
  it('removes trailing spaces and tabs only', () => {
    expect(trimSpacesAndTabsEnd('a b \t ')).toBe('a b');
    expect(trimSpacesAndTabsEnd('a\n ')).toBe('a\n');
    expect(trimSpacesAndTabsEnd('  ')).toBe('');
    expect(trimSpacesAndTabsEnd('a' + ' '.repeat(300_000) + 'b')).toHaveLength(300_002);
  });
});
