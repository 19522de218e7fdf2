import { describe, expect, it } from 'vitest';
import { makeDocx, makeTwoPagePdf } from '../../../scripts/document-fixtures';
import { parseDocx } from './docxParser';

describe('parseDocx', () => {
  it('keeps paragraphs and headings, with the headings as nested sections', async () => {
    const r = await parseDocx(await makeDocx());
    if (!r.ok) throw new Error(r.reason);
    const { text, structure } = r.doc;
    expect(text.split('\n\n')).toEqual([
      'Field guide',
      'A short guide to the things in the field.',
      'Birds',
      'The heron stands still in shallow water.',
      'Herons',
      'Herons nest in colonies called heronries.',
      'Trees',
      'Oaks can live for a thousand years.',
    ]);
    expect(structure?.sections?.map((s) => [s.headingPath.join(' > '), s.level, text.slice(s.start, s.end).trim().split('\n\n').length])).toEqual([
      ['Field guide', 1, 8],
      ['Field guide > Birds', 2, 4],
      ['Field guide > Birds > Herons', 3, 2],
      ['Field guide > Trees', 2, 2],
    ]);
  });

  it('says a file that is not a Word document is damaged', async () => {
    expect(await parseDocx(new TextEncoder().encode('not a zip'))).toMatchObject({ ok: false, reason: 'docx-damaged' });
    expect(await parseDocx(await makeTwoPagePdf())).toMatchObject({ ok: false, reason: 'docx-damaged' });
  });
});
