// The context budget: how many of the retrieved chunks fit into the model's context window, next to the
// template, the question, the system prompt and the room kept for the answer. Pure: token counts in,
// which chunks fit out. Chunks are ranked (the first is the best match), so the lowest-ranked go first, and
// the ones kept keep their numbers [1]..[n].

export interface BudgetInput {
  /** Tokens of everything but the chunks: system prompt, template with the question, chat formatting. */
  baseTokens: number;
  /** Tokens of each chunk's block in the prompt (its "[n] (source)" label and separator included), by rank. */
  chunkTokens: readonly number[];
  /** Tokens the model takes in all: prompt plus answer. */
  contextWindow: number;
  /** Tokens kept free for the answer. */
  maxTokens: number;
}

export interface ContextBudget {
  /** How many chunks fit: the first `kept` by rank. */
  kept: number;
  /** The 0-based ranks of the chunks left out, best first. */
  dropped: number[];
  /** Tokens of the prompt as sent (base plus the kept chunks). */
  promptTokens: number;
  /** Tokens the prompt may use: the window less the answer's room. */
  available: number;
  contextWindow: number;
  maxTokens: number;
  /** False when even the prompt without any chunk does not fit (the answer's room, or the window, is too small). */
  baseFits: boolean;
}

export function planContextBudget({ baseTokens, chunkTokens, contextWindow, maxTokens }: BudgetInput): ContextBudget {
  const available = Math.max(0, contextWindow - maxTokens);
  let used = baseTokens;
  let kept = 0;
  // Rank order, and stop at the first that does not fit: a lower-ranked chunk never takes the place of a
  // better one, and the numbers [1]..[kept] stay those of the retrieval results.
  for (const tokens of chunkTokens) {
    if (used + tokens > available) break;
    used += tokens;
    kept++;
  }
  return {
    kept,
    dropped: chunkTokens.map((_, i) => i).slice(kept),
    promptTokens: used,
    available,
    contextWindow,
    maxTokens,
    baseFits: baseTokens <= available,
  };
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u3000-\u303f\uff00-\uffef]/u;

/**
 * A token count for when the model's tokenizer is not at hand: about one token per CJK character and per
 * four other characters, rounded up per run of text. Errs a little on the high side for English, so that
 * an estimated prompt rarely overflows; it is shown as an estimate.
 */
export function estimateTokens(text: string): number {
  let cjk = 0;
  let other = 0;
  for (const ch of text) {
    if (CJK.test(ch)) cjk++;
    else other++;
  }
  return cjk + Math.ceil(other / 4);
}

/** Tokens a chat template adds around each message (role markers, separators): an allowance, not a count. */
export const CHAT_TOKENS_PER_MESSAGE = 6;

/**
 * An upper bound on any tokenizer's count for a text, without the tokenizer: its UTF-8 bytes. A token of a
 * byte-level BPE (GPT-2, Llama 3, Qwen, SmolLM) or of SentencePiece with byte fallback covers at least one
 * byte. When a prompt fits even at this count, the exact count cannot change which chunks fit.
 */
export function tokenUpperBound(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
