// Comparing two answers to the same question: is the second one the same answer, and if not, how much of
// it is shared? Pure: no DOM, no libraries.
//
// "Changed" means the texts differ once whitespace is normalised (the same model with the same settings at
// temperature 0 writes the same text for the same prompt, so any difference is the prompt's doing).
// "Overlap" is the token-level F1 of the two answers (as in SQuAD): words, numbers and citations count as
// tokens, and each Han, kana or Hangul character is a token of its own (Chinese has no spaces).

export interface AnswerDifference {
  /** The texts differ (whitespace aside). */
  changed: boolean;
  /** Token-level F1 between the answers, 0..1; 1 for two empty answers. */
  overlap: number;
}

const TOKEN = /\[\d+\]|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}]+/gu;

/** The answer's tokens, lower-cased: words, numbers, "[n]" citations, and single CJK characters. */
export function answerTokens(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().match(TOKEN) ?? []).slice();
}

const normalise = (text: string) => text.normalize('NFKC').replace(/\s+/gu, ' ').trim();

/** Token-level F1 of two answers, 0..1 (1 when both have no tokens, 0 when one has none). */
export function tokenOverlap(a: string, b: string): number {
  const ta = answerTokens(a);
  const tb = answerTokens(b);
  if (ta.length === 0 && tb.length === 0) return 1;
  if (ta.length === 0 || tb.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const t of ta) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of tb) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      common++;
      counts.set(t, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / tb.length;
  const recall = common / ta.length;
  return (2 * precision * recall) / (precision + recall);
}

/** How `answer` differs from `reference`. */
export function compareAnswers(reference: string, answer: string): AnswerDifference {
  const changed = normalise(reference) !== normalise(answer);
  return { changed, overlap: changed ? tokenOverlap(reference, answer) : 1 };
}
