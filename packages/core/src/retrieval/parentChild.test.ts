import { describe, expect, it } from 'vitest';
import type { Chunk } from '../types';
import { markdownSections } from '../markdownStructure';
import { parentGroups, parentSpan, sanitizeParentSettings } from './parentChild';

const EN = `# Tea

## Green tea

Green tea is steeped at about 80 degrees. Hotter water makes it bitter. It is picked in spring.

## Black tea

Black tea is steeped with boiling water. It is fully oxidised. It keeps for years.
`;
const ZH = `# 火山

## 熔岩

熔岩的温度大约是一千二百摄氏度。它流得很慢。冷却后变成岩石。

## 火山灰

火山灰可以飘到很远的地方。它会影响航班。
`;

/** Hand-made chunks: each heading line and each sentence of a paragraph. */
function sentenceChunks(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  for (const m of text.matchAll(/#[^\n]*|[^\s#][^.。\n]*[.。]?/g)) {
    const index = chunks.length;
    chunks.push({ id: `d#${index}`, docId: 'd', index, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return chunks;
}

function docOf(text: string) {
  const chunks = sentenceChunks(text);
  return { text, chunks, sections: markdownSections(text) };
}

describe('parent-child retrieval', () => {
  it('a window parent spans ±n neighbouring chunks', () => {
    const doc = docOf(EN);
    const hit = doc.chunks[3]!;
    expect(parentSpan(hit, doc, { mode: 'window', window: 0 })).toEqual({ start: hit.start, end: hit.end });
    expect(parentSpan(hit, doc, { mode: 'window', window: 1 })).toEqual({ start: doc.chunks[2]!.start, end: doc.chunks[4]!.end });
    // At the document's start, the window is cut there.
    expect(parentSpan(doc.chunks[0]!, doc, { mode: 'window', window: 2 }).start).toBe(doc.chunks[0]!.start);
  });

  it('a section parent is the section the chunk starts in, in English and Chinese', () => {
    for (const [text, needle, other] of [
      [EN, 'Hotter water', 'boiling'],
      [ZH, '冷却后', '航班'],
    ] as const) {
      const doc = docOf(text);
      const hit = doc.chunks.find((c) => c.text.includes(needle))!;
      const [group] = parentGroups([hit], () => doc, { mode: 'section', window: 0 });
      expect(group!.text).toContain(needle);
      expect(group!.text.length).toBeGreaterThan(hit.text.length);
      expect(group!.text).not.toContain(other); // the next section is not part of it
    }
  });

  it('merges hits that share a parent, in the order of the best child, and keeps the others apart', () => {
    const doc = docOf(EN);
    const green = doc.chunks.filter((c) => /Green|Hotter|spring/.test(c.text));
    const black = doc.chunks.find((c) => c.text.includes('boiling'))!;
    expect(green.length).toBeGreaterThanOrEqual(2);
    const hits = [black, green[1]!, green[0]!];
    const groups = parentGroups(hits, () => doc, { mode: 'section', window: 0 });
    expect(groups).toHaveLength(2);
    expect(groups[0]!.childRanks).toEqual([1]);
    expect(groups[1]!.childRanks).toEqual([2, 3]);
    expect(groups[1]!.childIds).toEqual([green[1]!.id, green[0]!.id]);
    expect(groups[1]!.text).toBe(EN.slice(groups[1]!.start, groups[1]!.end));
    // Windows of neighbouring hits overlap: merged too; windows that only touch are not.
    const near = parentGroups([doc.chunks[2]!, doc.chunks[3]!], () => doc, { mode: 'window', window: 1 });
    expect(near).toHaveLength(1);
    expect(near[0]!.childRanks).toEqual([1, 2]);
    expect(near[0]!.text).toBe(EN.slice(doc.chunks[1]!.start, doc.chunks[4]!.end));
    expect(parentGroups([doc.chunks[2]!, doc.chunks[3]!], () => doc, { mode: 'window', window: 0 })).toHaveLength(2);
  });

  it('makes stored settings safe', () => {
    expect(sanitizeParentSettings({ mode: 'x', window: 99 })).toEqual({ mode: 'window', window: 10 });
    expect(sanitizeParentSettings({ mode: 'section', window: -1 })).toEqual({ mode: 'section', window: 0 });
  });
});
