// The visible text of an HTML document, with its headings as sections, read with htmlparser2 (a
// tokenizer: nothing in the file is executed, loaded or put into the page). Script, style, template,
// noscript and head content, and elements marked hidden, are left out; block elements start a new line,
// paragraphs and headings a new paragraph; whitespace collapses as a browser shows it, except in <pre>.
// Linear in the page: the text grows in a TextBuilder, whose end is looked at, never the whole text.
import { Parser } from 'htmlparser2';
import { isBlank, TextBuilder } from '@openbook/core/textBuilder';
import { sectionsFromHeadings, type Heading } from '@openbook/core/sections';
import type { SectionSpan } from '@openbook/core/types';

const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'head', 'title', 'iframe', 'object', 'svg', 'math', 'select', 'button', 'textarea']);
const PARAGRAPH = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'blockquote',
  'table',
  'ul',
  'ol',
  'dl',
  'figure',
  'hr',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'nav',
  'main',
  'address',
  'details',
  'fieldset',
  'form',
]);
const LINE = new Set(['div', 'li', 'tr', 'dt', 'dd', 'caption', 'figcaption', 'summary', 'legend', 'body', 'html']);
const CELL = new Set(['td', 'th']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

export interface HtmlText {
  text: string;
  sections: SectionSpan[];
}

function isHidden(attribs: Record<string, string>): boolean {
  if ('hidden' in attribs) return true;
  if (attribs['aria-hidden'] === 'true') return true;
  return /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(attribs.style ?? '');
}

const isSpaceOrTab = (c: string) => c === ' ' || c === '\t';

/** How much of the HTML is read between two progress reports (and, in steps, two yields). */
const STEP_CHARS = 256 * 1024;

/** A reader fed the HTML piece by piece; `meter.work` (if given) gets the characters the text builder touched. */
function htmlTextReader(meter?: { work: number }) {
  const out = new TextBuilder();
  /** Open elements whose content is not shown, counted. */
  let skipDepth = 0;
  const skipStack: boolean[] = [];
  let preDepth = 0;
  const headings: Heading[] = [];
  let heading: { level: number; start: number; title: string } | null = null;
  /** A space is owed before the next visible text. */
  let pendingSpace = false;

  const trimTrailingSpaces = () => out.trimEnd(isSpaceOrTab);
  const breakLine = (paragraph: boolean) => {
    trimTrailingSpaces();
    pendingSpace = false;
    if (out.length === 0) return;
    const want = paragraph ? '\n\n' : '\n';
    const trailing = out.trailingNewlines(want.length);
    if (trailing < want.length) out.append(want.slice(trailing));
  };
  const write = (text: string) => {
    if (heading) heading.title += text;
    out.append(text);
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const skip = skipDepth > 0 || SKIPPED.has(name) || isHidden(attribs);
        if (!VOID.has(name)) skipStack.push(skip);
        if (skip) {
          if (!VOID.has(name)) skipDepth++;
          return;
        }
        if (PARAGRAPH.has(name)) breakLine(true);
        else if (LINE.has(name)) breakLine(false);
        else if (CELL.has(name)) pendingSpace = out.length > 0 && !out.endsWithSpace();
        if (name === 'pre') preDepth++;
        const level = /^h([1-6])$/.exec(name);
        if (level) heading = { level: Number(level[1]), start: out.length, title: '' };
      },
      ontext(raw) {
        if (skipDepth > 0) return;
        if (preDepth > 0) {
          if (pendingSpace) write(' ');
          pendingSpace = false;
          write(raw.replace(/\r\n?/g, '\n'));
          return;
        }
        const parts = raw.split(/[ \t\n\r\f]+/);
        const leading = parts[0] === '';
        const trailing = parts.length > 1 && parts.at(-1) === '';
        const words = parts.filter((p) => p !== '').join(' ');
        if (words === '') {
          if (raw.length > 0 && out.length > 0 && !out.endsWithSpace()) pendingSpace = true;
          return;
        }
        if ((pendingSpace || leading) && out.length > 0 && !out.endsWithSpace()) write(' ');
        pendingSpace = false;
        write(words);
        if (trailing) pendingSpace = true;
      },
      onclosetag(name) {
        if (VOID.has(name)) {
          if (skipDepth === 0 && name === 'br') {
            trimTrailingSpaces();
            out.append('\n');
            pendingSpace = false;
          } else if (skipDepth === 0 && name === 'hr') breakLine(true);
          return;
        }
        const skipped = skipStack.pop();
        if (skipped) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
        if (heading && name === `h${heading.level}`) {
          const title = heading.title.replace(/\s+/g, ' ').trim();
          if (title) headings.push({ level: heading.level, title, start: heading.start });
          heading = null;
        }
        if (PARAGRAPH.has(name)) breakLine(true);
        else if (LINE.has(name)) breakLine(false);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );

  const finish = (): HtmlText => {
    parser.end();
    out.trimEnd(isBlank);
    const text = out.toString();
    if (meter) meter.work += out.work;
    const sections = sectionsFromHeadings(
      headings.filter((h) => h.start < text.length),
      text.length,
    );
    return { text, sections };
  };
  return { write: (chunk: string) => parser.write(chunk), finish };
}

/** The text of `html`; `meter.work` (if given) gets the characters the text builder touched. */
export function htmlToText(html: string, meter?: { work: number }): HtmlText {
  const reader = htmlTextReader(meter);
  reader.write(html);
  return reader.finish();
}

/**
 * The same, read in steps: after each step `onStep(done, total)` (characters) is awaited, which reports
 * progress and lets the worker answer messages (a ping, a cancel) in between.
 */
export async function htmlToTextInSteps(html: string, onStep: (done: number, total: number) => Promise<void>): Promise<HtmlText> {
  const reader = htmlTextReader();
  for (let at = 0; at < html.length; at += STEP_CHARS) {
    reader.write(html.slice(at, at + STEP_CHARS));
    await onStep(Math.min(html.length, at + STEP_CHARS), html.length);
  }
  return reader.finish();
}
