// Invariants of chunkText on English, Chinese, mixed and adversarial text, and of graphemeBoundaries.
import { describe, expect, it } from 'vitest';
import type { Chunk, ChunkingOptions } from './types';
import { chunkText, maxOverlap, validateChunkingOptions } from './chunking';
import { countCodePoints, graphemeBoundaries } from './unicodeText';
import { mulberry32 } from './testing/seededRandom';

// ---- Helpers ----

const prng = mulberry32;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Reference boundaries straight from Intl.Segmenter (fine for texts of a few thousand characters). */
function referenceBoundaries(text: string): Set<number> {
  const cached = referenceCache.get(text);
  if (cached) return cached;
  const set = new Set<number>([text.length]);
  for (const s of segmenter.segment(text)) set.add(s.index);
  referenceCache.set(text, set);
  return set;
}
const referenceCache = new Map<string, Set<number>>();

const cp = (s: string) => [...s].length;
const isWs = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

interface CheckOptions {
  /** Whether every chunk must fit in chunkSize (false only for texts with giant grapheme clusters). */
  sizeLimit?: boolean;
}

/** Checks every invariant; collects the problems so that one failure names them all. */
function checkInvariants(text: string, chunks: Chunk[], options: ChunkingOptions, docId = 'doc', check: CheckOptions = {}) {
  const boundaries = referenceBoundaries(text);
  const covered = new Uint8Array(text.length);
  const problems: string[] = [];
  const fail = (i: number, what: string) => problems.length < 10 && problems.push(`chunk ${i} [${chunks[i]!.start}, ${chunks[i]!.end}): ${what}`);
  chunks.forEach((c, i) => {
    if (c.id !== `${docId}#${i}` || c.docId !== docId || c.index !== i) fail(i, `id ${c.id}, docId ${c.docId}, index ${c.index}`);
    if (c.text !== text.slice(c.start, c.end)) fail(i, 'text is not the slice');
    if (c.end <= c.start) fail(i, 'empty');
    if (check.sizeLimit !== false && cp(c.text) > options.chunkSize) fail(i, `${cp(c.text)} code points`);
    if (isWs(c.text[0])) fail(i, 'starts with whitespace');
    if (isWs(c.text[c.text.length - 1])) fail(i, 'ends with whitespace');
    if (!boundaries.has(c.start)) fail(i, 'start splits a grapheme');
    if (!boundaries.has(c.end)) fail(i, 'end splits a grapheme');
    covered.fill(1, c.start, c.end);
    if (i > 0) {
      const prev = chunks[i - 1]!;
      if (c.start <= prev.start) fail(i, 'does not start after the previous chunk');
      if (c.end <= prev.end) fail(i, 'does not end after the previous chunk');
      if (c.start < prev.end && cp(text.slice(c.start, prev.end)) > options.overlap) fail(i, 'overlaps too much');
    }
  });
  for (let i = 0; i < text.length; i++) {
    if (!covered[i] && !isWs(text[i]) && problems.length < 10) problems.push(`character ${i} (${JSON.stringify(text[i])}) is in no chunk`);
  }
  expect(problems, JSON.stringify(options)).toEqual([]);
}

function overlapOf(text: string, prev: Chunk, next: Chunk): number {
  return next.start < prev.end ? cp(text.slice(next.start, prev.end)) : 0;
}

const CLOSERS = /["')”’」』）]/;

/**
 * Whether the window of `size` code points from `start` holds a sentence end (。！？, or . ! ? before
 * whitespace, each with any closing quotes) whose chunk would be at least half the window.
 */
function sentenceEndInSecondHalf(text: string, start: number, size: number): boolean {
  const chars = [...text.slice(start, start + 4 * size + 8)];
  for (let k = Math.ceil(size / 2) - 1; k < size && k < chars.length; k++) {
    const cjk = /[。！？]/.test(chars[k]!);
    if (!cjk && !/[.!?]/.test(chars[k]!)) continue;
    let j = k + 1;
    while (j < chars.length && CLOSERS.test(chars[j]!)) j++;
    if (j <= size && (cjk || j >= chars.length || /\s/.test(chars[j]!))) return true;
  }
  return false;
}

/** Whether a chunk ends at a sentence end, a line break or a paragraph break. */
function endsAtSentenceOrBetter(text: string, c: Chunk): boolean {
  return /[。！？；…][”’」』）]*$/.test(c.text) || /[.!?]["')”’]*$/.test(c.text) || /^[ \t]*\r?\n/.test(text.slice(c.end));
}

// ---- Texts ----

const ENGLISH = `Retrieval-augmented generation (RAG) is a technique that lets a language model answer questions about documents it was never trained on. Instead of relying only on what the model memorized, the system first searches a collection of documents for passages that look relevant to the question. Those passages are then pasted into the prompt, and the model is asked to answer using them.

The documents are split into chunks before anything else happens. A chunk should be small enough to be specific, but large enough to carry a complete thought! If chunks are too small, a single fact may be cut in half; if they are too large, the retrieved text is diluted with unrelated material. Overlap between neighbouring chunks reduces the chance that an important sentence falls exactly on a boundary.

Each chunk is turned into a vector by an embedding model. Vectors of texts with similar meanings point in similar directions, so the cosine of the angle between two vectors is a useful measure of relatedness. When a question arrives, it is embedded with the same model, and the chunks whose vectors are closest to it are returned.

Does this always work? No. Retrieval can miss a passage that uses different words, and the model can still ignore the context it was given. Still, RAG is cheap, transparent and easy to update: adding a document means embedding it, not retraining the model.`;

const CHINESE = `检索增强生成（Retrieval-Augmented Generation，简称 RAG）是一种让大语言模型回答其训练数据之外问题的方法。它并不完全依赖模型在训练中记住的知识，而是先在文档集合中检索与问题相关的段落。随后，这些段落被放进提示词里，模型再根据它们生成答案。

在一切开始之前，文档需要被切分成若干片段。片段应当足够小，才能保持内容集中；又要足够大，才能承载一个完整的意思！如果片段太小，一个事实可能被从中间截断；如果片段太大，检索到的文字就会混入许多无关的内容。相邻片段之间保留一定的重叠，可以降低关键句子恰好落在边界上的风险。

每个片段都会被嵌入模型转换成一个向量。意思相近的文本，其向量的方向也相近，因此两个向量夹角的余弦值是衡量相关程度的好办法。当用户提出问题时，系统用同一个模型把问题也转换成向量，然后返回与之最接近的若干片段。

这种方法总是有效吗？并不是。检索可能漏掉措辞不同的段落，模型也可能忽视提供给它的资料。尽管如此，检索增强生成成本低、过程透明、更新方便：加入一篇新文档只需要为它计算向量，而不必重新训练模型。正如一位工程师所说：“先检索，再生成。”这句话概括了它的全部思路。`;

const MIXED = `Openbook 是一个在浏览器中运行的 RAG 演示。It splits documents into chunks，然后用 embedding 模型计算向量。Emoji such as 👩‍💻 and 👨‍👩‍👧‍👦 must stay whole; so must 🇨🇳🇺🇸 flags, e\u0301 with a combining accent, and 𠮷 outside the BMP。

第二段：混合中英文 text, with punctuation; colons: and “引号”。Short line.
Another line without an ending
最后一句！`;

const WORDS_EN = [
  'retrieval',
  'augmented',
  'generation',
  'the',
  'model',
  'reads',
  'a',
  'chunk',
  'of',
  'text',
  'vector',
  'search',
  'index',
  'query',
  'answer',
  'browser',
  'naïve',
  'café',
  'embedding',
  'I',
];
const WORDS_ZH = ['检索', '增强', '生成', '模型', '向量', '文本', '片段', '问题', '答案', '浏览器', '嵌入', '语义', '相似度', '的', '是', '在'];
const PUNCT_EN = ['.', ',', '!', '?', ';', ':', '."', '?)', '...'];
const PUNCT_ZH = ['。', '，', '！', '？', '、', '；', '：', '……', '。”', '！」'];
const SPECIAL = [
  '👩‍💻',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🇨🇳',
  '🇺🇸🇨🇳',
  '👍🏽',
  'e\u0301',
  'a\u0308\u0323',
  '𠮷',
  '𝒳𝒴',
  '한국어',
  '\u1100\u1161\u11a8',
  'ภาษาไทย',
  'नमस्ते',
  'مرحبا',
  '1️⃣',
  'ｶﾞ',
  '〰️',
];
const SPACES = [' ', ' ', ' ', '  ', '\t', '\u00a0', '\u3000'];
const NEWLINES = ['\n', '\n\n', '\r\n', '\n \n', '\r\n\r\n', '\n\n\n'];

/** A random mix of words, CJK, punctuation, emoji, whitespace and the occasional very long word. */
function generateText(seed: number, length: number): string {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  // Each text leans towards one style, so that there are long CJK runs and long English runs.
  const zhShare = rand();
  let out = rand() < 0.2 ? pick(SPACES) : '';
  while (out.length < length) {
    const r = rand();
    if (r < 0.5) {
      if (rand() < zhShare) out += pick(WORDS_ZH);
      else out += pick(WORDS_EN) + (rand() < 0.8 ? ' ' : '');
    } else if (r < 0.62) out += rand() < zhShare ? pick(PUNCT_ZH) : pick(PUNCT_EN) + ' ';
    else if (r < 0.72) out += pick(SPACES);
    else if (r < 0.77) out += pick(NEWLINES);
    else if (r < 0.85) out += pick(SPECIAL);
    else if (r < 0.86) out += 'x'.repeat(20 + Math.floor(rand() * 300)) + ' ';
    else if (r < 0.87) out += '长'.repeat(20 + Math.floor(rand() * 200));
    else if (r < 0.88) out += '😀'.repeat(5 + Math.floor(rand() * 60));
    else out += rand() < zhShare ? pick(WORDS_ZH) : pick(WORDS_EN) + ' ';
  }
  return out + (rand() < 0.3 ? pick(NEWLINES) : '');
}

// ---- Tests ----

describe('validateChunkingOptions', () => {
  it('accepts sensible settings', () => {
    expect(validateChunkingOptions({ chunkSize: 500, overlap: 50 })).toBeNull();
    expect(validateChunkingOptions({ chunkSize: 20, overlap: 0 })).toBeNull();
    expect(validateChunkingOptions({ chunkSize: 20, overlap: 9 })).toBeNull();
    expect(validateChunkingOptions({ chunkSize: 8000, overlap: 3999 })).toBeNull();
    expect(validateChunkingOptions({ chunkSize: 21, overlap: 10 })).toBeNull();
  });

  it('reports each problem as a code', () => {
    expect(validateChunkingOptions({ chunkSize: 100.5, overlap: 0 })).toBe('not-integer');
    expect(validateChunkingOptions({ chunkSize: 100, overlap: 1.5 })).toBe('not-integer');
    expect(validateChunkingOptions({ chunkSize: Number.NaN, overlap: 0 })).toBe('not-integer');
    expect(validateChunkingOptions({ chunkSize: Infinity, overlap: 0 })).toBe('not-integer');
    expect(validateChunkingOptions({ chunkSize: 19, overlap: 0 })).toBe('size-too-small');
    expect(validateChunkingOptions({ chunkSize: -5, overlap: 0 })).toBe('size-too-small');
    expect(validateChunkingOptions({ chunkSize: 8001, overlap: 0 })).toBe('size-too-large');
    expect(validateChunkingOptions({ chunkSize: 100, overlap: -1 })).toBe('overlap-negative');
    expect(validateChunkingOptions({ chunkSize: 100, overlap: 50 })).toBe('overlap-too-large');
    expect(validateChunkingOptions({ chunkSize: 20, overlap: 10 })).toBe('overlap-too-large');
    expect(validateChunkingOptions({ chunkSize: 21, overlap: 11 })).toBe('overlap-too-large');
  });

  it('maxOverlap is the largest overlap below half the size', () => {
    expect(maxOverlap(20)).toBe(9);
    expect(maxOverlap(21)).toBe(10);
    expect(maxOverlap(500)).toBe(249);
  });

  it('chunkText refuses invalid settings', () => {
    expect(() => chunkText('d', 'some text', { chunkSize: 10, overlap: 0 })).toThrow(/size-too-small/);
  });
});

describe('chunkText basics', () => {
  it('returns nothing for empty or whitespace-only text', () => {
    expect(chunkText('d', '', { chunkSize: 100, overlap: 10 })).toEqual([]);
    expect(chunkText('d', ' \n\t\r\n \u3000\u00a0 ', { chunkSize: 100, overlap: 10 })).toEqual([]);
  });

  it('keeps a short text as one chunk without its surrounding whitespace', () => {
    const text = '\n  Hello, world.  \n';
    expect(chunkText('a', text, { chunkSize: 100, overlap: 10 })).toEqual([{ id: 'a#0', docId: 'a', index: 0, start: 3, end: 16, text: 'Hello, world.' }]);
  });

  it('counts code points, not UTF-16 units', () => {
    const text = '𠮷'.repeat(20); // 40 UTF-16 units, 20 code points
    const chunks = chunkText('d', text, { chunkSize: 20, overlap: 0 });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.end).toBe(40);
  });

  it('prefers a paragraph break over later sentence ends', () => {
    const text = 'First sentence here. Second sentence here.\n\nThird one. Fourth one. Fifth one is longer.';
    const chunks = chunkText('d', text, { chunkSize: 70, overlap: 0 });
    expect(chunks[0]!.text).toBe('First sentence here. Second sentence here.');
  });

  it('prefers a line break over a later sentence end', () => {
    const text = 'alpha beta gamma delta epsilon zeta\nEta theta. Iota kappa lambda mu nu xi omicron';
    expect(chunkText('d', text, { chunkSize: 50, overlap: 0 })[0]!.text).toBe('alpha beta gamma delta epsilon zeta');
  });

  it('ignores breaks in the first half of the window when the second half has one', () => {
    const text = 'Short intro.\n\nThen a long sentence continues here. And more text follows after it for a while.';
    // The paragraph break is 12 code points in, the sentence end 49: with a window of 60, the sentence end wins.
    expect(chunkText('d', text, { chunkSize: 60, overlap: 0 })[0]!.text).toBe('Short intro.\n\nThen a long sentence continues here.');
    // With nothing in the second half, the early break still beats a cut in the middle of a word.
    const long = `Short intro. ${'x'.repeat(100)}`;
    expect(chunkText('d', long, { chunkSize: 60, overlap: 0 })[0]!.text).toBe('Short intro.');
  });

  it('prefers a sentence end over a later comma, and a comma over a later space', () => {
    const sentence = chunkText('d', 'Alpha beta gamma delta. Epsilon zeta, eta theta iota kappa lambda mu', { chunkSize: 40, overlap: 0 });
    expect(sentence[0]!.text).toBe('Alpha beta gamma delta.');
    const clause = chunkText('d', 'Alpha beta gamma delta, epsilon zeta eta theta iota kappa lambda mu', { chunkSize: 40, overlap: 0 });
    expect(clause[0]!.text).toBe('Alpha beta gamma delta,');
    const space = chunkText('d', 'Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu', { chunkSize: 40, overlap: 0 });
    expect(space[0]!.text).toBe('Alpha beta gamma delta epsilon zeta eta');
  });

  it('does not take a decimal point or a time for a break', () => {
    const text = 'Pi is 3.14159265 and noon is 12:00:00 o’clock, roughly speaking here';
    const inside = (p: number, token: string) => p > text.indexOf(token) && p < text.indexOf(token) + token.length;
    for (const chunkSize of [20, 25, 30]) {
      for (const c of chunkText('d', text, { chunkSize, overlap: 0 })) {
        for (const p of [c.start, c.end]) {
          expect(inside(p, '3.14159265')).toBe(false);
          expect(inside(p, '12:00:00')).toBe(false);
        }
      }
    }
  });

  it('breaks after the closing quote that follows a sentence end', () => {
    const en = chunkText('d', 'He said "Stop here." Then everybody left the room quietly.', { chunkSize: 40, overlap: 0 });
    expect(en[0]!.text).toBe('He said "Stop here."');
    const zh = chunkText('d', '他说：“先检索，再生成。”大家都同意这个看法，然后开始动手实现整个系统。', { chunkSize: 20, overlap: 0 });
    expect(zh[0]!.text).toBe('他说：“先检索，再生成。”');
  });

  it('cuts Chinese without spaces at ，、 when there is no sentence end', () => {
    const text = '检索增强生成先从文档中找出相关片段，再把片段交给语言模型、由模型生成最终的答案并注明出处';
    const chunks = chunkText('d', text, { chunkSize: 30, overlap: 0 });
    expect(chunks[0]!.text).toBe('检索增强生成先从文档中找出相关片段，再把片段交给语言模型、');
    checkInvariants(text, chunks, { chunkSize: 30, overlap: 0 }, 'd');
  });

  it('hard-cuts a very long word at the size limit and still overlaps', () => {
    const text = 'x'.repeat(1000);
    const options = { chunkSize: 50, overlap: 10 };
    const chunks = chunkText('d', text, options);
    checkInvariants(text, chunks, options, 'd');
    for (const c of chunks.slice(0, -1)) expect(c.text.length).toBe(50);
    for (let i = 1; i < chunks.length; i++) expect(overlapOf(text, chunks[i - 1]!, chunks[i]!)).toBe(10);
  });

  it('keeps a grapheme cluster longer than the chunk size whole', () => {
    const zalgo = 'a' + '\u0301\u0316\u0317'.repeat(20); // one cluster of 61 code points
    const text = `word ${zalgo} end`;
    const chunks = chunkText('d', text, { chunkSize: 20, overlap: 5 });
    checkInvariants(text, chunks, { chunkSize: 20, overlap: 5 }, 'd', { sizeLimit: false });
    expect(chunks.some((c) => c.text === zalgo)).toBe(true);
  });

  it('never splits emoji ZWJ sequences, flags, combining marks or surrogate pairs', () => {
    const text = Array.from({ length: 60 }, (_, i) => ['👨‍👩‍👧‍👦', '🏳️‍🌈', '🇨🇳', 'e\u0301', '𠮷', '👍🏽', 'a\u0308\u0323'][i % 7]).join('');
    for (const chunkSize of [20, 21, 22, 23, 29, 31]) {
      for (const overlap of [0, 3, maxOverlap(chunkSize)]) checkInvariants(text, chunkText('d', text, { chunkSize, overlap }), { chunkSize, overlap }, 'd');
    }
  });

  it('keeps whitespace that a combining mark attaches to (the one case where a chunk may start with whitespace)', () => {
    const text = 'alpha beta gamma delta epsilon \u0301zeta eta theta iota kappa lambda mu nu xi omicron pi';
    const chunks = chunkText('d', text, { chunkSize: 20, overlap: 0 });
    const covered = chunks.some((c) => c.start <= text.indexOf('\u0301') - 1 && c.end > text.indexOf('\u0301'));
    expect(covered).toBe(true);
    for (const c of chunks) expect(c.text).toBe(text.slice(c.start, c.end));
  });

  it('handles CRLF line endings', () => {
    const text = 'Line one is here.\r\nLine two is here.\r\n\r\nParagraph two starts here and goes on.\r\n';
    const options = { chunkSize: 30, overlap: 5 };
    const chunks = chunkText('d', text, options);
    checkInvariants(text, chunks, options, 'd');
    expect(chunks[0]!.text).toBe('Line one is here.');
  });
});

describe('chunkText on prose', () => {
  it('English: invariants, sentence ends, and word-aligned overlaps', () => {
    for (const [chunkSize, overlap] of [
      [200, 40],
      [300, 0],
      [120, 30],
      [500, 100],
    ] as const) {
      const options = { chunkSize, overlap };
      const chunks = chunkText('en', ENGLISH, options);
      checkInvariants(ENGLISH, chunks, options, 'en');
      for (const [i, c] of chunks.entries()) {
        if (i === chunks.length - 1) continue;
        if (sentenceEndInSecondHalf(ENGLISH, c.start, chunkSize)) expect(endsAtSentenceOrBetter(ENGLISH, c), `chunk ${i}: ${c.text}`).toBe(true);
        if (overlap > 0) {
          const next = chunks[i + 1]!;
          const shared = overlapOf(ENGLISH, c, next);
          expect(shared).toBeGreaterThan(0);
          expect(shared).toBeLessThanOrEqual(overlap);
          expect(isWs(ENGLISH[next.start - 1]), `chunk ${i + 1} starts mid-word`).toBe(true);
        }
      }
    }
  });

  it('Chinese: invariants, and chunks end at 。！？ when the window has one', () => {
    let checked = 0;
    for (const chunkSize of [20, 30, 45, 60, 80, 100, 150, 200, 300]) {
      for (const overlap of [0, 5, Math.floor(chunkSize / 4), maxOverlap(chunkSize)]) {
        const options = { chunkSize, overlap };
        const chunks = chunkText('zh', CHINESE, options);
        checkInvariants(CHINESE, chunks, options, 'zh');
        for (const [i, c] of chunks.entries()) {
          if (i === chunks.length - 1) continue;
          if (!sentenceEndInSecondHalf(CHINESE, c.start, chunkSize)) continue;
          checked++;
          expect(endsAtSentenceOrBetter(CHINESE, c), `chunk ${i} (${chunkSize}/${overlap}) ends with ${JSON.stringify(c.text.slice(-5))}`).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('mixed Chinese, English and emoji keep all invariants', () => {
    for (let chunkSize = 20; chunkSize <= 260; chunkSize += 7) {
      for (const overlap of [0, 1, Math.floor(maxOverlap(chunkSize) / 2), maxOverlap(chunkSize)]) {
        const options = { chunkSize, overlap };
        checkInvariants(MIXED, chunkText('mix', MIXED, options), options, 'mix');
      }
    }
  });
});

describe('chunkText on generated texts', () => {
  const sizes = [20, 23, 37, 64, 100, 151, 257, 500];
  for (let seed = 1; seed <= 40; seed++) {
    it(`seed ${seed}`, () => {
      const rand = prng(seed * 7919);
      const text = generateText(seed, 300 + Math.floor(rand() * 4000));
      for (const chunkSize of sizes) {
        for (const overlap of [0, 1, Math.floor(rand() * maxOverlap(chunkSize)), maxOverlap(chunkSize)]) {
          const options = { chunkSize, overlap };
          checkInvariants(text, chunkText(`g${seed}`, text, options), options, `g${seed}`);
        }
      }
    });
  }
});

describe('graphemeBoundaries', () => {
  const expectSameAsSegmenter = (text: string) => {
    const b = graphemeBoundaries(text);
    const reference = referenceBoundaries(text);
    const mismatches: number[] = [];
    for (let p = 0; p <= text.length; p++) if (Boolean(b[p]) !== reference.has(p)) mismatches.push(p);
    expect(mismatches).toEqual([]);
  };

  it('agrees with Intl.Segmenter on prose and generated text', () => {
    expectSameAsSegmenter(ENGLISH);
    expectSameAsSegmenter(CHINESE);
    expectSameAsSegmenter(MIXED);
    for (let seed = 100; seed < 120; seed++) expectSameAsSegmenter(generateText(seed, 3000));
  });

  it('agrees on long runs that need several segmenter pieces', () => {
    expectSameAsSegmenter('🇨🇳'.repeat(1500)); // regional indicator pairs
    expectSameAsSegmenter('🇨' + '🇨🇳'.repeat(1500) + 'x'); // odd count
    expectSameAsSegmenter('ภาษาไทยเป็นภาษาที่ไม่เว้นวรรคระหว่างคำ'.repeat(100));
    expectSameAsSegmenter('नमस्ते दुनिया क्षत्रिय '.repeat(150));
    expectSameAsSegmenter('👨‍👩‍👧‍👦👍🏽🏳️‍🌈'.repeat(300));
    expectSameAsSegmenter('a' + '\u0301'.repeat(3000) + 'b');
    expectSameAsSegmenter('\u1100\u1161\u11a8\u1100'.repeat(600));
  });

  it('agrees on Prepend, CR LF, controls and lone surrogates', () => {
    expectSameAsSegmenter('\u0600123 \u0600 x\u06dd١٢ \u070fa\u08e2b \u0d4eക');
    expectSameAsSegmenter('a\r\nb\n\rc\r\r\n\u0301\n\u0301');
    expectSameAsSegmenter('a\ud800b\udc00c\ud83d');
    expectSameAsSegmenter('\u200d©\u200d®x\u200d👍 ©\ufe0f');
  });
});

// Speed is measured by `npm run bench`, not asserted here.
describe('chunkText on a large text', () => {
  it('chunks 1 MB of mixed text within the size limit', () => {
    let text = '';
    for (let i = 0; text.length < 1_000_000; i++) text += i % 2 ? ENGLISH + '\n\n' : CHINESE + '\n\n';
    const chunks = chunkText('big', text, { chunkSize: 500, overlap: 50 });
    expect(chunks.length).toBeGreaterThan(2000);
    expect(chunks.at(-1)!.end).toBe(text.trimEnd().length);
    expect(countCodePoints(text, chunks[0]!.start, chunks[0]!.end)).toBeLessThanOrEqual(500);
  });
});
