// From headings found in a text to SectionSpans: each section runs from its heading to the next heading
// of the same or a higher level (a smaller number), or to the end of the text. Pure.
import type { SectionSpan } from './types';

export interface Heading {
  /** 1 for a top-level heading. */
  level: number;
  title: string;
  /** Offset of the heading in the text. */
  start: number;
}

/** Sections of a text of length `textLength`, given its headings in text order. */
export function sectionsFromHeadings(headings: Heading[], textLength: number): SectionSpan[] {
  const sections: SectionSpan[] = [];
  const open: { level: number; title: string; section: SectionSpan }[] = [];
  for (const h of headings) {
    while (open.length > 0 && open.at(-1)!.level >= h.level) open.pop()!.section.end = h.start;
    const section: SectionSpan = { headingPath: [...open.map((o) => o.title), h.title], level: h.level, start: h.start, end: textLength };
    open.push({ level: h.level, title: h.title, section });
    sections.push(section);
  }
  return sections;
}
