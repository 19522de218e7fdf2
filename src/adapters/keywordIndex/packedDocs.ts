// Keyword docs packed for a worker message: all ids in one string and all texts in another, with where each
// ends. A message of 100k small { id, text } objects costs the page a structured clone of each (over 100 ms
// for 100k chunks); two strings and two number arrays cost a copy of the text (a few ms).
import type { KeywordDoc } from './keywordIndex';

export interface PackedKeywordDocs {
  ids: string;
  texts: string;
  /** Where each id (each text) ends in `ids` (`texts`); as many as there are docs. */
  idEnds: Uint32Array;
  textEnds: Uint32Array;
}

export function packKeywordDocs(docs: readonly KeywordDoc[]): PackedKeywordDocs {
  const idEnds = new Uint32Array(docs.length);
  const textEnds = new Uint32Array(docs.length);
  const ids: string[] = new Array(docs.length);
  const texts: string[] = new Array(docs.length);
  let idAt = 0;
  let textAt = 0;
  docs.forEach((doc, i) => {
    ids[i] = doc.id;
    texts[i] = doc.text;
    idEnds[i] = idAt += doc.id.length;
    textEnds[i] = textAt += doc.text.length;
  });
  return { ids: ids.join(''), texts: texts.join(''), idEnds, textEnds };
}

/** The docs of a PackedKeywordDocs (or these docs, when they came unpacked). Throws when the ends do not fit the strings. */
export function unpackKeywordDocs(packed: PackedKeywordDocs | KeywordDoc[]): KeywordDoc[] {
  if (Array.isArray(packed)) return packed;
  const { ids, texts, idEnds, textEnds } = packed;
  const n = idEnds.length;
  if (textEnds.length !== n || (n > 0 && (idEnds[n - 1] !== ids.length || textEnds[n - 1] !== texts.length)))
    throw new Error('Packed keyword docs that do not fit their ends.');
  const docs: KeywordDoc[] = new Array(n);
  let idAt = 0;
  let textAt = 0;
  for (let i = 0; i < n; i++) {
    const idEnd = idEnds[i]!;
    const textEnd = textEnds[i]!;
    if (idEnd < idAt || textEnd < textAt) throw new Error('Packed keyword docs that do not fit their ends.');
    docs[i] = { id: ids.slice(idAt, idEnd), text: texts.slice(textAt, textEnd) };
    idAt = idEnd;
    textAt = textEnd;
  }
  return docs;
}

/** Strings packed for a worker message: joined into one, with where each ends (as PackedKeywordDocs packs ids and texts). */
export interface PackedStrings {
  joined: string;
  /** Where each string ends in `joined`; as many as there are strings. */
  ends: Uint32Array;
}

export function packStrings(strings: readonly string[]): PackedStrings {
  const ends = new Uint32Array(strings.length);
  let at = 0;
  strings.forEach((s, i) => (ends[i] = at += s.length));
  return { joined: strings.join(''), ends };
}

/** The strings of a PackedStrings (or these strings, when they came unpacked). Throws when the ends do not fit the string. */
export function unpackStrings(packed: PackedStrings | string[]): string[] {
  if (Array.isArray(packed)) return packed;
  const { joined, ends } = packed;
  const n = ends.length;
  if (typeof joined !== 'string' || !(ends instanceof Uint32Array) || (n > 0 && ends[n - 1] !== joined.length))
    throw new Error('Packed strings that do not fit their ends.');
  const strings: string[] = new Array(n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const end = ends[i]!;
    if (end < at) throw new Error('Packed strings that do not fit their ends.');
    strings[i] = joined.slice(at, end);
    at = end;
  }
  return strings;
}
