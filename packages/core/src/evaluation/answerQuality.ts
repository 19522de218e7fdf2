// Answer quality, from scores a judge gives (a cross-encoder's 0..1 relevance of a text to another, or a
// chat model's 0..1 verdict): pure splitting and aggregation, so that hand-made answers test it.
//   - the answer is split into sentences (. ! ? and 。！？, a line break), each with the [n] it cites;
//   - a sentence is SUPPORTED when some retrieved chunk's support score for it is at least the threshold;
//     groundedness = supported sentences ÷ sentences (null for an empty answer);
//   - a citation [n] is CORRECT when chunk n's support score for its sentence is at least the threshold;
//     citation correctness = correct citations ÷ citations (null when the answer cites nothing);
//   - answer relevance = the judge's score of the answer for the question (0..1);
//   - the RAG gain = the answer with retrieval minus the answer to the question alone, for groundedness
//     (both measured against the same retrieved chunks) and for relevance.
import { splitCitations } from '../citations';

export interface AnswerSentence {
  /** The sentence without its citation markers. */
  text: string;
  /** 1-based numbers of the chunks it cites. */
  citations: number[];
}

const SENTENCE_END = /(?<=[.!?。！？])\s*|\n+/u;

/** The answer's sentences, with their citations (numbers beyond `chunkCount` are not citations). */
export function splitAnswerSentences(answer: string, chunkCount: number): AnswerSentence[] {
  // Split before stripping citations, so that "…stone [1]." stays one sentence with its [1].
  const pieces = answer
    .replace(/([.!?。！？])\s*(\[[\d\s,，、]+\])/gu, ' $2$1') // "stone. [1]" → "stone [1]." (the citation belongs to the sentence before)
    .split(SENTENCE_END);
  const out: AnswerSentence[] = [];
  for (const piece of pieces) {
    const parts = splitCitations(piece, chunkCount);
    const text = parts
      .filter((p) => p.kind === 'text')
      .map((p) => p.text)
      .join('')
      .replace(/\[\s*[,，、\s]*\]/gu, '')
      .replace(/\s+([.!?。！？,，])/gu, '$1')
      .replace(/\s+/gu, ' ')
      .trim();
    const citations = [...new Set(parts.flatMap((p) => (p.kind === 'citation' ? [p.chunkNumber] : [])))];
    if (/[\p{L}\p{N}]/u.test(text)) out.push({ text, citations });
    else if (citations.length > 0 && out.length > 0) out.at(-1)!.citations.push(...citations.filter((c) => !out.at(-1)!.citations.includes(c)));
  }
  return out;
}

export interface CitationCheck {
  chunk: number;
  score: number;
  supports: boolean;
}

export interface SentenceJudgement extends AnswerSentence {
  /** The support score of each retrieved chunk for this sentence (index 0 = chunk [1]). */
  support: number[];
  /** The best-supporting chunk (1-based) and its score, or null when no chunk was retrieved. */
  best: { chunk: number; score: number } | null;
  supported: boolean;
  citationChecks: CitationCheck[];
}

export interface AnswerJudgement {
  sentences: SentenceJudgement[];
  /** Supported sentences ÷ sentences, null for an answer without sentences. */
  groundedness: number | null;
  /** Correct citations ÷ citations, null when there is no citation. */
  citationCorrectness: number | null;
  citations: number;
  /** The judge's 0..1 score of the answer for the question, null when not judged. */
  relevance: number | null;
}

/** Judge an answer from the support scores (sentence × chunk) and its relevance score. */
export function judgeAnswer(
  sentences: readonly AnswerSentence[],
  support: readonly (readonly number[])[],
  relevance: number | null,
  threshold: number,
): AnswerJudgement {
  let supportedCount = 0;
  let citations = 0;
  let correct = 0;
  const judged = sentences.map((s, i): SentenceJudgement => {
    const scores = [...(support[i] ?? [])];
    let best: SentenceJudgement['best'] = null;
    scores.forEach((score, j) => {
      if (!best || score > best.score) best = { chunk: j + 1, score };
    });
    const supported = best !== null && (best as { score: number }).score >= threshold;
    if (supported) supportedCount++;
    const citationChecks = s.citations.map((chunk) => {
      const score = scores[chunk - 1] ?? 0;
      return { chunk, score, supports: score >= threshold };
    });
    citations += citationChecks.length;
    correct += citationChecks.filter((c) => c.supports).length;
    return { ...s, support: scores, best, supported, citationChecks };
  });
  return {
    sentences: judged,
    groundedness: sentences.length ? supportedCount / sentences.length : null,
    citationCorrectness: citations ? correct / citations : null,
    citations,
    relevance,
  };
}

export interface RagGain {
  groundedness: number | null;
  relevance: number | null;
}

/** With retrieval minus without, per measure (null where either is missing). */
export function ragGain(withRetrieval: AnswerJudgement, without: AnswerJudgement): RagGain {
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  return { groundedness: diff(withRetrieval.groundedness, without.groundedness), relevance: diff(withRetrieval.relevance, without.relevance) };
}

/** Means over questions (nulls left out; null when none). */
export function meanOf(values: readonly (number | null)[]): number | null {
  const xs = values.filter((x): x is number => x !== null && Number.isFinite(x));
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** The rubric the chat model judges with, shown to the user as it is sent. {claim}, {evidence}. */
export const JUDGE_RUBRIC = `You check whether a claim is supported by the evidence.
Answer YES if everything the claim states can be found in the evidence, NO otherwise. Reply with YES or NO only.

Evidence:
{evidence}

Claim: {claim}`;

/** The rubric filled for one claim. */
export function judgePrompt(rubric: string, claim: string, evidence: string): string {
  return rubric.replace(/\{(claim|evidence)\}/g, (_, name: string) => (name === 'claim' ? claim : evidence));
}

/** A judge's reply as a score: 1 for yes (是), 0 for no (否), null when it says neither first. */
export function judgeVerdict(reply: string): number | null {
  const first = reply.trim().toLowerCase();
  if (/^(yes|是|supported)/u.test(first)) return 1;
  if (/^(no|否|不|not)/u.test(first)) return 0;
  return null;
}
