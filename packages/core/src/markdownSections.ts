// The sections of a Markdown text from its ATX headings (# to ######), for documents that arrive without
// a parsed structure. Headings inside fenced code blocks (``` or ~~~) are not headings.
import type { SectionSpan } from './types';
import { atxHeading } from './markdownHeading';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function markdownSections(text: string): SectionSpan[] {
  const sections: SectionSpan[] = [];
  const open: SectionSpan[] = []; // the enclosing sections, outermost first
  let fence: string | null = null;
  let pos = 0;
  while (pos <= text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const line = text.slice(pos, eol).replace(/\r$/, '');
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = null;
    } else if (f) {
      fence = f[1]!;
    } else {
      const h = atxHeading(line);
      if (h) {
        const level = h.level;
        while (open.length > 0 && open[open.length - 1]!.level >= level) open.pop()!.end = pos;
        const title = h.title;
        const section: SectionSpan = {
          headingPath: [...open.map((s) => s.headingPath[s.headingPath.length - 1]!), title],
          level,
          start: pos,
          end: text.length,
        };
        sections.push(section);
        open.push(section);
      }
    }
    if (eol >= text.length) break;
    pos = eol + 1;
  }
  return sections;
}
