import { describe, expect, it } from 'vitest';
import { HTML_PAGE, makeHtml } from '../../../scripts/document-fixtures';
import { htmlToText, htmlToTextInSteps } from './htmlText';
import { parseHtml } from './htmlParser';
import { makeLongHtml } from '../../../scripts/hostile-fixtures';

describe('htmlToText', () => {
  it('keeps only the visible text, with headings as sections', () => {
    const { text, sections } = htmlToText(HTML_PAGE);
    expect(text).toBe(
      'Coral reefs\n\nCoral reefs are built by tiny animals called polyps.\n\nThreats\n\nWarm water bleaches the coral & kills it.\n\nHeat\nPollution',
    );
    for (const hidden of ['Not shown', 'STYLE', 'SCRIPT', 'ONERROR', 'TEMPLATE', 'NOSCRIPT', 'color']) expect(text).not.toContain(hidden);
    expect(sections).toEqual([
      { headingPath: ['Coral reefs'], level: 1, start: 0, end: text.length },
      { headingPath: ['Coral reefs', 'Threats'], level: 2, start: text.indexOf('Threats'), end: text.length },
    ]);
  });

  it('collapses whitespace like a browser, keeps <pre>, breaks lines at <br> and blocks', () => {
    const { text } = htmlToText(
      '<div>one   two\n three</div><div>four<br>five</div><pre>  a\n   b</pre><p hidden>gone</p><span style="display: none">gone</span><table><tr><td>x</td><td>y</td></tr></table>',
    );
    expect(text).toBe('one two three\nfour\nfive\n\n  a\n   b\n\nx y');
  });

  it('joins inline elements without extra spaces', () => {
    expect(htmlToText('<p>Hello <b>bold</b>world, <i>it</i>alic.</p>').text).toBe('Hello boldworld, italic.');
  });
});

describe('parseHtml', () => {
  it('decodes the bytes and reports the encoding', async () => {
    expect(await parseHtml(makeHtml())).toMatchObject({ ok: true, doc: { kind: 'html', encoding: 'utf-8' } });
  });

  it('says when a page has no visible text', async () => {
    expect(await parseHtml(new TextEncoder().encode('<html><head><script>alert(1)</script></head><body></body></html>'))).toEqual({
      ok: false,
      reason: 'no-visible-text',
    });
  });

  it('reads in work linear in the page: twice the paragraphs, at most about twice the work (counted, not timed)', () => {
    const work = (paragraphs: number) => {
      const meter = { work: 0 };
      const { text, sections } = htmlToText(makeLongHtml(paragraphs), meter);
      expect(text.split('\n\n')).toHaveLength(paragraphs + Math.ceil(paragraphs / 100));
      expect(sections).toHaveLength(Math.ceil(paragraphs / 100));
      return meter.work;
    };
    const small = work(15_000);
    const large = work(30_000);
    expect(large / small).toBeLessThanOrEqual(2.1);
  });

  it('keeps the text as before around <pre> and line breaks (same output as the rescanning version)', () => {
    expect(htmlToText('<pre>a   \n</pre><p>b<br>  c  <br></p>').text).toBe('a   \n\nb\nc');
  });
});

describe('reading a large HTML file in steps', () => {
  it('reports progress and gives the same text as reading it at once (100k sibling elements)', async () => {
    const html = `<html><body>${Array.from({ length: 100_000 }, (_, i) => `<div class="row">Item number ${i} of the list</div>`).join('\n')}</body></html>`;
    const steps: [number, number][] = [];
    const stepped = await htmlToTextInSteps(html, async (done, total) => {
      steps.push([done, total]);
    });
    expect(steps.length).toBeGreaterThan(5);
    expect(steps.at(-1)).toEqual([html.length, html.length]);
    expect(steps.every(([done], i) => i === 0 || done > steps[i - 1]![0])).toBe(true);
    const lines = stepped.text.split('\n');
    expect(lines).toHaveLength(100_000);
    expect(lines[99_999]).toBe('Item number 99999 of the list');
    expect(htmlToText(html).text).toBe(stepped.text);
  });
});
