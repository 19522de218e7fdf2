// tokenize() keeps the tokens of each dictionary-script run it has segmented (tokenize.ts, runCache): the
// tokens must be exactly those of the plain definition (the words outside the dictionary scripts, then
// each run's ICU words and CJK bigrams, runs in order), whether the runs come from the cache or not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dictionaryTokens } from '../testing/dictionaryTokens';
import { mulberry32 } from '../testing/seededRandom';
import { clearTokenizeCache, tokenize } from './tokenize';

const DICT_CHAR = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}`;
const W = String.raw`(?:(?![${DICT_CHAR}])[\p{L}\p{M}\p{N}_])`;
const RUNS = new RegExp(String.raw`[${DICT_CHAR}]+|${W}+(?:['’.]${W}+|,\p{N}+)*`, 'gu');
const DICT_START = new RegExp(`^[${DICT_CHAR}]`, 'u');

/** The tokens as defined, with no cache and no scan: the regular expression's words, then the runs' tokens. */
function reference(text: string): string[] {
  const runs = text.normalize('NFKC').toLowerCase().match(RUNS) ?? [];
  const words = runs.filter((run) => !DICT_START.test(run)).map((run) => (run.length > 2 && /['’]s$/.test(run) ? run.slice(0, -2) : run));
  const dictionaryRuns = runs.filter((run) => DICT_START.test(run));
  return [...words, ...(dictionaryRuns.length > 0 ? dictionaryTokens(dictionaryRuns.join('\n')) : [])];
}

const PIECES = [
  'Retrieval',
  "model's",
  'U.S.A',
  '3.14',
  '1,200',
  'ＲＡＧ',
  'café',
  '熔岩的温度',
  '检索增强生成',
  '向量数据库',
  '的',
  '东京都に住んでいます',
  'カタカナー',
  '々',
  '𠀀𠀁',
  '𩸽',
  '😀',
  '👩‍💻',
  '🇨🇳',
  'ภาษาไทย',
  '한국어',
  'Привет',
  '。',
  '，',
  '、',
  ' ',
  '\n',
  '-',
];

describe('tokenize with its run cache', () => {
  it('gives the defined tokens on mixed English, Chinese, Japanese, Korean, Thai and emoji text, cold and warm', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 25 }), fc.boolean(), (parts, spaced) => {
        const text = parts.join(spaced ? ' ' : '');
        const expected = reference(text);
        clearTokenizeCache();
        expect(tokenize(text)).toEqual(expected); // every run segmented
        expect(tokenize(text)).toEqual(expected); // every run from the cache
      }),
      { numRuns: 2000, seed: 16 },
    );
  });

  it('gives the same tokens when some runs are cached and others are not, a run repeated in one text included', () => {
    const rand = mulberry32(16);
    clearTokenizeCache();
    for (let i = 0; i < 3000; i++) {
      const n = 1 + Math.floor(rand() * 20);
      let text = '';
      for (let j = 0; j < n; j++) text += PIECES[Math.floor(rand() * PIECES.length)];
      const repeated = `${text}。${text}`;
      expect(tokenize(repeated), JSON.stringify(repeated)).toEqual(reference(repeated));
    }
  });

  it('keeps long runs out of the cache and still tokenises them as defined', () => {
    const long = '检索增强生成是一种把外部知识库中的相关内容检索出来再交给大语言模型生成答案的方法'.repeat(3);
    clearTokenizeCache();
    const first = tokenize(long);
    expect(first).toEqual(reference(long));
    expect(tokenize(long)).toEqual(first);
  });
});
