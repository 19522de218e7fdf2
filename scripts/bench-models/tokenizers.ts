// Tokenizers of the real vocabulary sizes, generated deterministically: the corpus's words (corpus.ts) as
// whole tokens, so that a text takes about as many tokens as with the real vocabulary, every character they
// use, then seeded filler tokens up to the real size (they make the embedding tables, and the tokenizer's own
// lookups, as large as the real ones).
//   WordPiece, uncased (BERT, all-MiniLM-L6-v2, ms-marco-MiniLM-L-6-v2): 30,522 tokens.
//   Unigram / SentencePiece (XLM-R, multilingual-e5-small): 250,002 tokens (the model's table has 250,037 rows).
//   Byte-level BPE (SmolLM2): 49,152 tokens, with merges and ChatML special tokens.
import { mulberry32 } from '@openbook/core/testing/seededRandom';
import { corpusTexts } from './corpus.ts';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;
const PUNCTUATION = /[\p{P}\p{S}]/u;

/** Words with their counts, most frequent first: runs of letters/digits, each CJK character and punctuation apart. */
function corpusWords(lowercase: boolean): string[] {
  const counts = new Map<string, number>();
  for (const text of corpusTexts()) {
    for (const m of (lowercase ? text.toLowerCase() : text).matchAll(/[\p{L}\p{N}]+|[^\s]/gu)) {
      for (const word of CJK.test(m[0]) ? [...m[0]] : [m[0]]) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
}

/** Seeded pronounceable filler words, never the same twice and never one of `taken`. */
function* fillers(seed: number, taken: Set<string>): Generator<string> {
  const rand = mulberry32(seed);
  const consonants = 'bcdfghjklmnprstvwxz';
  const vowels = 'aeiouy';
  for (;;) {
    let word = '';
    const syllables = 2 + Math.floor(rand() * 3);
    for (let s = 0; s < syllables; s++) word += consonants[Math.floor(rand() * consonants.length)]! + vowels[Math.floor(rand() * vowels.length)]!;
    if (rand() < 0.5) word += consonants[Math.floor(rand() * consonants.length)]!;
    if (!taken.has(word)) {
      taken.add(word);
      yield word;
    }
  }
}

const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).filter((c) => c !== ' ');

// ---------------------------------------------------------------------------------------------------
// WordPiece (BERT uncased)

export const BERT_VOCAB = 30522;

export function wordPieceTokenizer(): { tokenizerJson: unknown; tokenizerConfigJson: unknown } {
  const tokens: string[] = ['[PAD]', ...Array.from({ length: 99 }, (_, i) => `[unused${i}]`), '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
  const seen = new Set(tokens);
  const add = (t: string) => {
    if (!seen.has(t) && tokens.length < BERT_VOCAB) {
      seen.add(t);
      tokens.push(t);
    }
  };
  const words = corpusWords(true);
  for (const c of [...ASCII.map((c) => c.toLowerCase()), ...words.flatMap((w) => [...w])]) add(c);
  for (const c of [...'abcdefghijklmnopqrstuvwxyz0123456789']) add(`##${c}`);
  for (const w of words) add(w);
  const filler = fillers(0x30522, new Set(seen));
  while (tokens.length < BERT_VOCAB) {
    const word = filler.next().value as string;
    add(tokens.length % 3 === 0 ? `##${word}` : word);
  }
  const vocab = Object.fromEntries(tokens.map((t, i) => [t, i]));
  const special = (content: string) => ({ id: vocab[content], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  return {
    tokenizerJson: {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].map(special),
      normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: {
        type: 'TemplateProcessing',
        single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
        pair: [
          { SpecialToken: { id: '[CLS]', type_id: 0 } },
          { Sequence: { id: 'A', type_id: 0 } },
          { SpecialToken: { id: '[SEP]', type_id: 0 } },
          { Sequence: { id: 'B', type_id: 1 } },
          { SpecialToken: { id: '[SEP]', type_id: 1 } },
        ],
        special_tokens: {
          '[CLS]': { id: '[CLS]', ids: [101], tokens: ['[CLS]'] },
          '[SEP]': { id: '[SEP]', ids: [102], tokens: ['[SEP]'] },
        },
      },
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
    },
    tokenizerConfigJson: {
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      tokenize_chinese_chars: true,
      strip_accents: null,
      model_max_length: 512,
      clean_up_tokenization_spaces: true,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Unigram (XLM-R's SentencePiece)

export const XLMR_TOKENIZER_VOCAB = 250002;
export const XLMR_MODEL_VOCAB = 250037;

export function unigramTokenizer(): { tokenizerJson: unknown; tokenizerConfigJson: unknown } {
  const pieces: Array<[string, number]> = [
    ['<s>', 0],
    ['<pad>', 0],
    ['</s>', 0],
    ['<unk>', 0],
  ];
  const seen = new Set(pieces.map(([p]) => p));
  const add = (piece: string, score: number) => {
    if (!seen.has(piece) && pieces.length < XLMR_TOKENIZER_VOCAB - 1) {
      seen.add(piece);
      pieces.push([piece, score]);
    }
  };
  const words = corpusWords(false);
  add('▁', -3);
  words.forEach((w, rank) => {
    // Whole words after a space; CJK characters and punctuation also stand alone (no space before them).
    add(`▁${w}`, -4 - rank * 1e-4);
    if (CJK.test(w) || PUNCTUATION.test(w)) add(w, -4.5 - rank * 1e-4);
  });
  for (const c of [...ASCII, ...words.flatMap((w) => [...w])]) add(c, -12);
  const filler = fillers(0x250002, new Set(seen));
  for (let i = 0; pieces.length < XLMR_TOKENIZER_VOCAB - 1; i++) {
    const word = filler.next().value as string;
    add(i % 2 === 0 ? `▁${word}` : word, -14 - i * 1e-6);
  }
  pieces.push(['<mask>', 0]);
  const id = (p: string) => pieces.findIndex(([x]) => x === p);
  const special = (content: string) => ({
    id: id(content),
    content,
    single_word: false,
    lstrip: content === '<mask>',
    rstrip: false,
    normalized: false,
    special: true,
  });
  return {
    tokenizerJson: {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: ['<s>', '<pad>', '</s>', '<unk>', '<mask>'].map(special),
      normalizer: { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' },
      pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
      post_processor: {
        type: 'TemplateProcessing',
        single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
        pair: [
          { SpecialToken: { id: '<s>', type_id: 0 } },
          { Sequence: { id: 'A', type_id: 0 } },
          { SpecialToken: { id: '</s>', type_id: 0 } },
          { SpecialToken: { id: '</s>', type_id: 0 } },
          { Sequence: { id: 'B', type_id: 0 } },
          { SpecialToken: { id: '</s>', type_id: 0 } },
        ],
        special_tokens: {
          '<s>': { id: '<s>', ids: [0], tokens: ['<s>'] },
          '</s>': { id: '</s>', ids: [2], tokens: ['</s>'] },
        },
      },
      decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
      model: { type: 'Unigram', unk_id: 3, vocab: pieces, byte_fallback: false },
    },
    tokenizerConfigJson: {
      tokenizer_class: 'XLMRobertaTokenizer',
      model_max_length: 512,
      bos_token: '<s>',
      eos_token: '</s>',
      cls_token: '<s>',
      sep_token: '</s>',
      pad_token: '<pad>',
      unk_token: '<unk>',
      mask_token: '<mask>',
      clean_up_tokenization_spaces: true,
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Byte-level BPE (GPT-2 style, as SmolLM2's)

export const SMOLLM_VOCAB = 49152;

/** GPT-2's map of the 256 byte values to printable characters. */
function bytesToUnicode(): string[] {
  const printable = [
    ...Array.from({ length: 94 }, (_, i) => 33 + i),
    ...Array.from({ length: 12 }, (_, i) => 161 + i),
    ...Array.from({ length: 82 }, (_, i) => 174 + i),
  ];
  const map: string[] = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) map[b] = String.fromCodePoint(printable.includes(b) ? b : 256 + extra++);
  return map;
}

export const CHATML_SPECIAL = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'] as const;

export function byteBpeTokenizer(): { tokenizerJson: unknown; tokenizerConfigJson: unknown } {
  const byteChar = bytesToUnicode();
  const encoder = new TextEncoder();
  const toBytes = (s: string) => [...encoder.encode(s)].map((b) => byteChar[b]!).join('');
  const tokens: string[] = [...CHATML_SPECIAL, ...byteChar];
  const seen = new Set(tokens);
  const merges: string[] = [];
  /** Add merges that build `symbols` left to right into one token (each prefix a token of its own). */
  const addWord = (symbols: string[]) => {
    let left = symbols[0]!;
    for (let i = 1; i < symbols.length && tokens.length < SMOLLM_VOCAB; i++) {
      const merged = left + symbols[i]!;
      if (!seen.has(merged)) {
        seen.add(merged);
        tokens.push(merged);
        merges.push(`${left} ${symbols[i]!}`);
      }
      left = merged;
    }
  };
  const wordSymbols = (w: string) => [...toBytes(w)];
  for (const w of corpusWords(false)) {
    if (/^[\p{L}\p{N}]+$/u.test(w) && !CJK.test(w)) {
      addWord(wordSymbols(` ${w}`));
      addWord(wordSymbols(w));
    } else if (CJK.test(w)) addWord(wordSymbols(w));
  }
  const filler = fillers(0x49152, new Set());
  while (tokens.length < SMOLLM_VOCAB) addWord(wordSymbols(` ${filler.next().value as string}`));
  const vocab = Object.fromEntries(tokens.map((t, i) => [t, i]));
  const chatTemplate =
    "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
  return {
    tokenizerJson: {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: CHATML_SPECIAL.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
      normalizer: null,
      pre_tokenizer: {
        type: 'Sequence',
        pretokenizers: [
          { type: 'Digits', individual_digits: true },
          { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
        ],
      },
      post_processor: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
      decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
      model: {
        type: 'BPE',
        dropout: null,
        unk_token: null,
        continuing_subword_prefix: null,
        end_of_word_suffix: null,
        fuse_unk: false,
        byte_fallback: false,
        vocab,
        merges,
      },
    },
    tokenizerConfigJson: {
      tokenizer_class: 'GPT2Tokenizer',
      model_max_length: 8192,
      bos_token: '<|im_start|>',
      eos_token: '<|im_end|>',
      pad_token: '<|im_end|>',
      unk_token: '<|endoftext|>',
      add_prefix_space: false,
      clean_up_tokenization_spaces: false,
      chat_template: chatTemplate,
    },
  };
}
