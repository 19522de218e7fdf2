// Hostile and heavy inputs, generated (nothing large is checked in): a DOCX zip bomb (small packed, huge
// unpacked, optionally with a central directory that lies about the size), a zip with too many entries,
// a 30,000-paragraph HTML page, many small text files, and Markdown nested thousands of levels deep.
// Used by the unit tests, the benchmark and e2e/hostile-input.spec.ts.
import { Deflate } from 'fflate';

interface RawEntry {
  name: string;
  /** Deflated data (method 8) or the data itself (method 0). */
  packed: Uint8Array;
  method: 0 | 8;
  /** The unpacked size the headers declare (true or not). */
  declared: number;
}

/** A zip written by hand, so that its headers can say anything (CRCs are left 0: nothing here checks them). */
export function writeZip(entries: RawEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = enc.encode(entry.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, entry.method, true);
    lv.setUint32(18, entry.packed.length, true);
    lv.setUint32(22, entry.declared, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, entry.method, true);
    cv.setUint32(20, entry.packed.length, true);
    cv.setUint32(24, entry.declared, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    parts.push(local, entry.packed);
    central.push(cd);
    offset += local.length + entry.packed.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, Math.min(entries.length, 0xffff), true);
  ev.setUint16(10, Math.min(entries.length, 0xffff), true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let p = 0;
  for (const part of all) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

/** `size` bytes of one repeated byte, deflated in 1 MB steps (never all in memory at once). */
export function deflatedRepeats(size: number, byte = 0x20): Uint8Array {
  const out: Uint8Array[] = [];
  const deflate = new Deflate({ level: 6 }, (chunk) => out.push(chunk));
  const block = new Uint8Array(1024 * 1024).fill(byte);
  for (let left = size; left > 0; left -= block.length) deflate.push(left >= block.length ? block : block.subarray(0, left), left <= block.length);
  const all = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
  let p = 0;
  for (const c of out) {
    all.set(c, p);
    p += c.length;
  }
  return all;
}

const CONTENT_TYPES = new TextEncoder().encode('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');

/**
 * A .docx-shaped zip bomb: word/document.xml unpacks to `unpackedBytes` (200 MB packs to about 200 KB).
 * With `declaredBytes` the headers lie about its unpacked size.
 */
export function makeDocxBomb(unpackedBytes: number, declaredBytes: number = unpackedBytes): Uint8Array {
  return writeZip([
    { name: '[Content_Types].xml', packed: CONTENT_TYPES, method: 0, declared: CONTENT_TYPES.length },
    { name: 'word/document.xml', packed: deflatedRepeats(unpackedBytes), method: 8, declared: declaredBytes },
  ]);
}

/** A zip with `count` tiny stored entries. */
export function makeManyEntryZip(count: number): Uint8Array {
  const data = new Uint8Array([0x61]);
  return writeZip(Array.from({ length: count }, (_, i) => ({ name: `e/${i}.xml`, packed: data, method: 0 as const, declared: 1 })));
}

/** An HTML page of `paragraphs` paragraphs (30,000 is about 1.5 MB), a heading every 100. */
export function makeLongHtml(paragraphs: number): string {
  const parts = ['<!doctype html><html><head><title>Long</title></head><body>'];
  for (let i = 0; i < paragraphs; i++) {
    if (i % 100 === 0) parts.push(`<h2>Part ${i / 100}</h2>`);
    parts.push(`<p>Paragraph ${i}: silt goes <b>down</b> to the delta.</p>\n`);
  }
  parts.push('</body></html>');
  return parts.join('');
}

/** `count` small text files' names and contents (about 60 bytes each). */
export function smallTextFiles(count: number): { name: string; text: string }[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `note-${String(i).padStart(5, '0')}.txt`,
    text: `Note ${i}: the heron waits in shallow water at dawn.\n`,
  }));
}

/** Markdown quotes nested `depth` levels deep (3,000 levels is about 6 KB). */
export const nestedQuotes = (depth: number): string => `${'> '.repeat(depth)}deep\n`;

/** Markdown lists nested `depth` levels deep, each level indented under the one before. */
export const nestedLists = (depth: number): string => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
