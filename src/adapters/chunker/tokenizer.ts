// The embedding model's own tokenizer (transformers.js AutoTokenizer), loaded in the chunker worker from
// the same place the embedder loads the model from: the site's models/<id>/ or the hub. It counts tokens
// for the token chunker and for the truncation check (the model cuts a passage after maxTokens tokens).
// The built-in LSA embedder has no tokenizer to download: its tokens are the app's own keyword tokens
// (core/retrieval/tokenize.ts), the terms it weighs.
import { AutoTokenizer } from '@huggingface/transformers';
import { resolveModelLocation, type ModelLocation, type ModelSource } from '../transformers/modelLocation';
import { configureEnvironment } from '../transformers/configureEnvironment';
import { rawMessage } from '../transformers/loadErrorPatterns';
import { tokenize } from '@openbook/core/retrieval/tokenize';

/** Which tokenizer, and where to get it. */
export interface TokenizerRef {
  modelId: string;
  selfHostedOnly?: boolean;
  /** Put before every passage by the embedder (e.g. 'passage: '): it takes tokens too. */
  passagePrefix: string;
  maxTokens: number;
  source: ModelSource;
  /** Load from this folder (Node tests) instead of asking the site. */
  localModelPath?: string;
  /** The built-in embedder's tokens (the app's keyword tokeniser): nothing to load. */
  builtin?: boolean;
}

export interface LoadedTokenizer {
  /** Tokens of a text, without special tokens. */
  count(text: string): number;
  /** Tokens the embedding model sees for a passage: prefix and special tokens ([CLS], [SEP]) included. */
  countPassage(text: string): number;
}

interface Encoder {
  encode(text: string, options?: { add_special_tokens?: boolean }): number[];
}

const loaded = new Map<string, Promise<LoadedTokenizer>>();

export function loadTokenizer(ref: TokenizerRef): Promise<LoadedTokenizer> {
  const key = `${ref.modelId}|${ref.localModelPath ?? `${ref.source.basePath}|${ref.source.remoteHost}`}|${ref.passagePrefix}`;
  let tokenizer = loaded.get(key);
  if (!tokenizer) {
    tokenizer = load(ref);
    loaded.set(key, tokenizer);
    tokenizer.catch(() => loaded.delete(key)); // a failed load is tried again next time
  }
  return tokenizer;
}

/** The built-in embedder's tokens: the terms the app's keyword tokeniser finds (words, CJK words and bigrams). */
const builtinTokenizer: LoadedTokenizer = {
  count: (text) => tokenize(text).length,
  countPassage: (text) => tokenize(text).length,
};

async function load(ref: TokenizerRef): Promise<LoadedTokenizer> {
  if (ref.builtin) return builtinTokenizer;
  let location: ModelLocation;
  try {
    location = await resolveModelLocation({ id: ref.modelId, selfHostedOnly: ref.selfHostedOnly }, ref.source, ref);
  } catch (error) {
    throw new Error(`Could not load the tokenizer of "${ref.modelId}": ${rawMessage(error)}`);
  }
  configureEnvironment(location);
  let encoder: Encoder;
  try {
    encoder = (await AutoTokenizer.from_pretrained(ref.modelId)) as unknown as Encoder;
  } catch (error) {
    const where = location.from === 'site' ? 'this site' : location.remoteHost.replace(/\/$/, '');
    throw new Error(`Could not load the tokenizer of "${ref.modelId}" from ${where}: ${rawMessage(error)}`);
  }
  return {
    count: (text) => encoder.encode(text, { add_special_tokens: false }).length,
    countPassage: (text) => encoder.encode(ref.passagePrefix + text, { add_special_tokens: true }).length,
  };
}
