// The text of one PDF page from pdf.js text items, in the PDF's own order: items on one baseline are
// joined into a line (sorted left to right, with a space where there is a gap), a new baseline starts a
// new line, and a larger vertical gap starts a new paragraph (a blank line). Columns are not merged: a
// line is only the items that follow each other in the content stream on the same baseline. Pure.
import { trimSpacesAndTabsEnd } from '@openbook/core/unicodeText';

export interface PdfTextItem {
  str: string;
  /** [a, b, c, d, e, f]: e, f the position, |d| (or |b|) about the font size. */
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

interface Line {
  y: number;
  size: number;
  items: PdfTextItem[];
}

const fontSize = (item: PdfTextItem) => Math.max(1, Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0) || item.height || 1);

function joinLine(items: PdfTextItem[]): string {
  const sorted = [...items].sort((a, b) => a.transform[4]! - b.transform[4]!);
  let text = '';
  let end: number | null = null;
  for (const item of sorted) {
    const x = item.transform[4]!;
    if (text && end !== null && x - end > fontSize(item) * 0.15 && !/\s/.test(text[text.length - 1]!) && !/^\s/.test(item.str)) text += ' ';
    text += item.str;
    end = x + item.width;
  }
  return trimSpacesAndTabsEnd(text);
}

export function pageText(items: PdfTextItem[]): string {
  const lines: Line[] = [];
  let current: Line | null = null;
  for (const item of items) {
    if (item.str === '' && !item.hasEOL) continue;
    const y = item.transform[5]!;
    const size = fontSize(item);
    if (item.str !== '') {
      if (!current || Math.abs(y - current.y) > Math.max(current.size, size) * 0.5) {
        current = { y, size, items: [] };
        lines.push(current);
      }
      current.items.push(item);
      current.size = Math.max(current.size, size);
    }
    if (item.hasEOL && current) current = null;
  }
  let text = '';
  let previous: Line | null = null;
  for (const line of lines) {
    const joined = joinLine(line.items);
    if (!joined.trim()) continue;
    if (previous) text += Math.abs(previous.y - line.y) > Math.max(previous.size, line.size) * 1.8 ? '\n\n' : '\n';
    text += joined;
    previous = line;
  }
  return text;
}
