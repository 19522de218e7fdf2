// Token counts of the prompt's parts with the loaded model's own tokenizer, where the engine has one at hand
// (transformers.js, in its worker); the budget falls back to an estimate until they arrive, and for engines
// without one (WebLLM, an endpoint).
import { create } from 'zustand';
import { currentGenerator } from '../generation/chatGenerator';

export interface PromptPartsCounts {
  system: number;
  base: number;
  chunks: number[];
}

interface TokenCountState {
  /** What the counts are of: the loaded model and the texts. */
  key: string | null;
  counts: PromptPartsCounts | null;
}

export const useTokenCountStore = create<TokenCountState>()(() => ({ key: null, counts: null }));

export interface PromptParts {
  system: string;
  /** The prompt without any chunk. */
  base: string;
  /** Each chunk's block as it stands in the prompt. */
  chunks: string[];
}

export const countsKey = (modelKey: string, parts: PromptParts) => JSON.stringify([modelKey, parts.system, parts.base, parts.chunks]);

const inFlight = new Map<string, Promise<void>>();
/** Counts already made, per model and text: the system prompt, the template and most chunks come back. */
const known = new Map<string, Map<string, number>>();
const KNOWN_LIMIT = 5000;

/** Count the parts with the loaded model's tokenizer, if it has one; never throws (the estimate stays). */
export function ensureTokenCounts(modelKey: string, parts: PromptParts): Promise<void> {
  const generator = currentGenerator();
  if (!generator?.countTokens) return Promise.resolve();
  const key = countsKey(modelKey, parts);
  if (useTokenCountStore.getState().key === key) return Promise.resolve();
  let counting = inFlight.get(key);
  if (!counting) {
    let cache = known.get(modelKey);
    if (!cache || cache.size > KNOWN_LIMIT) known.set(modelKey, (cache = new Map()));
    const texts = [parts.system, parts.base, ...parts.chunks];
    const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
    const counted = missing.length ? generator.countTokens(missing) : Promise.resolve([]);
    counting = counted
      .then((counts) => {
        missing.forEach((text, i) => cache.set(text, counts[i] ?? 0));
        const [system = 0, base = 0, ...chunks] = texts.map((t) => cache.get(t) ?? 0);
        useTokenCountStore.setState({ key, counts: { system, base, chunks } });
      })
      .catch(() => undefined) // the model went away meanwhile: the estimate stands
      .finally(() => inFlight.delete(key));
    inFlight.set(key, counting);
  }
  return counting;
}
