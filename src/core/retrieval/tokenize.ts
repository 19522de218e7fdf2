// Tokens for keyword search (BM25), in English, Chinese and Japanese alike. Pure: Intl only.
//
// The text is NFKC-normalised (full-width Latin and digits become ASCII), split into words with
// Intl.Segmenter (word granularity: dictionary-based for Han, kana and Thai, spaces and punctuation
// elsewhere), only word-like segments are kept, lower-cased, and an English possessive "'s" is dropped.
// ICU splits Chinese by a dictionary, and a word it does not know, or a compound, can fall apart
// differently in the question and in the text; so every run of Han / kana characters longer than two
// also gives its overlapping character bigrams (as Lucene's CJK analyser does). A two-character word
// is its own bigram and is not added twice.

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Han ideographs, hiragana, katakana (and the prolonged sound mark), Hangul syllables. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々〆]/u;

export function isCjk(char: string): boolean {
  return CJK.test(char);
}

/** A run of consecutive CJK word segments: its characters, and where its two-character words start. */
interface CjkRun {
  chars: string[];
  pairWordsAt: Set<number>;
}

/** Overlapping character bigrams of a run, except those that are already a two-character word. */
function pushCjkBigrams(run: CjkRun, out: string[]): void {
  const { chars, pairWordsAt } = run;
  if (chars.length <= 2) return;
  for (let i = 0; i + 1 < chars.length; i++) if (!pairWordsAt.has(i)) out.push(chars[i]! + chars[i + 1]!);
}

/** The keyword-search tokens of a text, in order (repeats kept: BM25 counts them). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  let run: CjkRun = { chars: [], pairWordsAt: new Set() };
  const endRun = () => {
    pushCjkBigrams(run, out);
    if (run.chars.length > 0) run = { chars: [], pairWordsAt: new Set() };
  };
  for (const part of segmenter.segment(text.normalize('NFKC'))) {
    if (!part.isWordLike) {
      if (part.segment.trim() !== '') endRun(); // punctuation ends a run; a space between CJK words does not matter
      continue;
    }
    const word = part.segment.toLowerCase().replace(/['’]s$/u, '');
    if (word === '') continue;
    out.push(word);
    const chars = [...word];
    if (chars.every(isCjk)) {
      if (chars.length === 2) run.pairWordsAt.add(run.chars.length);
      run.chars.push(...chars);
    } else {
      endRun();
    }
  }
  endRun();
  return out;
}

/** The distinct tokens of a query, in first-seen order (a repeated word does not count twice). */
export function queryTokens(query: string): string[] {
  return [...new Set(tokenize(query))];
}
