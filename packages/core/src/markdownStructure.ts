// The sections of a Markdown text, from its ATX (# Title) and setext (Title / ===) headings. Headings
// inside fenced code blocks (``` or ~~~) are not headings. The text itself is kept as it is. Pure.
import { sectionsFromHeadings, type Heading } from './sections';
import type { SectionSpan } from './types';
import { atxHeading } from './markdownHeading';

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
/** Lines that cannot be the text of a setext heading (they start another block). */
/** Lines that end a paragraph: a list item, a block quote, a thematic break. */
const INTERRUPTS = /^ {0,3}(?:[>*+-](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$)/;
const NOT_PARAGRAPH = /^(?: {4,}|\t| {0,3}(?:[>*+-]|\d{1,9}[.)])(?:[ \t]|$)| {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$)/;

export function markdownSections(text: string): SectionSpan[] {
  const headings: Heading[] = [];
  let fence: { char: string; length: number } | null = null;
  /** The paragraph being read: its first line's offset and its lines, for a setext underline. */
  let paragraph: { start: number; lines: string[] } | null = null;
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence.char && fenceMatch[1]!.length >= fence.length && fenceMatch[2]!.trim() === '') fence = null;
      continue;
    }
    if (fenceMatch && !(fenceMatch[1]![0] === '`' && fenceMatch[2]!.includes('`'))) {
      fence = { char: fenceMatch[1]![0]!, length: fenceMatch[1]!.length };
      paragraph = null;
      continue;
    }
    const atx = atxHeading(line);
    if (atx) {
      if (atx.title) headings.push({ level: atx.level, title: atx.title, start: lineStart });
      paragraph = null;
      continue;
    }
    const setext = SETEXT.exec(line);
    if (setext && paragraph) {
      headings.push({ level: setext[1]![0] === '=' ? 1 : 2, title: paragraph.lines.map((l) => l.trim()).join(' '), start: paragraph.start });
      paragraph = null;
      continue;
    }
    if (line.trim() === '' || (paragraph && INTERRUPTS.test(line))) paragraph = null;
    else if (paragraph) paragraph.lines.push(line);
    else if (!NOT_PARAGRAPH.test(line)) paragraph = { start: lineStart, lines: [line] };
  }
  return sectionsFromHeadings(headings, text.length);
}
