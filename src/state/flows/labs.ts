// The labs, run on the current question and its prompt (the chunks the context budget kept, the template,
// the system prompt): the chosen chunk placed first, in the middle and last; and leave-one-out attribution.
// Each answers several prompts in turn with the loaded model (see answerSeries).
import { distinctPositions, placeAt } from '@openbook/core/labs/contextOrder';
import { withoutChunk } from '@openbook/core/labs/leaveOneOut';
import { fillPrompt, type PromptChunk } from '@openbook/core/prompt';
import { promptChunks, promptToSend } from '../augment/filledPrompt';
import { templateIn, usePromptStore } from '../augment/promptStore';
import { useDocumentsStore } from '../documents/documentsStore';
import { answerSeries, canAnswerSeries, startSeries, type SeriesAnswer } from '../generation/answerSeries';
import { systemPromptIn, useSamplingStore } from '../generation/samplingStore';
import { useRetrievalStore } from '../retrieval/retrievalStore';
import { useLabStore } from '../labs/labStore';

interface LabInputs {
  question: string;
  template: string;
  system: string;
  /** The chunks the prompt holds, best first. */
  ranked: PromptChunk[];
  /** The same chunks in the prompt's order (best first, or best-first-and-last with that option). */
  inPrompt: PromptChunk[];
}

async function labInputs(uiLanguage: string): Promise<LabInputs | null> {
  const prompt = await promptToSend(uiLanguage);
  const run = useRetrievalStore.getState().last;
  if (!prompt || !run) return null;
  const all = promptChunks(run, useDocumentsStore.getState().documents);
  return {
    question: run.question,
    template: templateIn(usePromptStore.getState().custom, uiLanguage),
    system: systemPromptIn(useSamplingStore.getState().customSystem, uiLanguage),
    ranked: all.slice(0, prompt.budget.kept),
    inPrompt: prompt.order.map((i) => all[i]!),
  };
}

/** Answer the prompts in turn, the lab marked running meanwhile. */
async function runSeries(prompts: readonly string[], system: string, update: Parameters<typeof answerSeries>[2]): Promise<void> {
  useLabStore.setState({ running: true });
  try {
    await answerSeries(prompts, system, update);
  } finally {
    useLabStore.setState({ running: false });
  }
}

const apply = <T extends SeriesAnswer>(answers: T[], index: number, change: (a: SeriesAnswer) => SeriesAnswer): T[] =>
  answers.map((a, i) => (i === index ? ({ ...a, ...change(a) } as T) : a));

/** Answer with the chosen chunk first, in the middle and last (the positions the context has). */
export async function runPositionsLab(uiLanguage: string): Promise<void> {
  if (!canAnswerSeries()) return;
  const inputs = await labInputs(uiLanguage);
  if (!inputs || inputs.ranked.length === 0) return;
  const target = Math.min(useLabStore.getState().target, inputs.ranked.length - 1);
  const positions = distinctPositions(inputs.ranked.length);
  const prompts = positions.map((position) => {
    const arranged = placeAt(inputs.ranked, target, position);
    return { position, filled: fillPrompt(inputs.template, inputs.question, arranged), targetNumber: arranged.indexOf(inputs.ranked[target]!) + 1 };
  });
  const series = startSeries(prompts.map((p) => p.filled.text));
  useLabStore.setState({
    target,
    positions: { question: inputs.question, chunks: inputs.ranked, target, answers: prompts.map((p, i) => ({ ...series[i]!, ...p })) },
  });
  await runSeries(
    series.map((s) => s.prompt),
    inputs.system,
    (index, change) => useLabStore.setState((s) => ({ positions: s.positions && { ...s.positions, answers: apply(s.positions.answers, index, change) } })),
  );
}

/** Answer with every chunk, then once with each chunk left out (the others keeping their numbers). */
export async function runLeaveOneOut(uiLanguage: string): Promise<void> {
  if (!canAnswerSeries()) return;
  const inputs = await labInputs(uiLanguage);
  if (!inputs || inputs.inPrompt.length === 0) return;
  const { question, template, inPrompt } = inputs;
  const variants = [
    { left: null, filled: fillPrompt(template, question, inPrompt) },
    ...inPrompt.map((_, left) => ({ left, filled: fillPrompt(template, question, withoutChunk(inPrompt, left)) })),
  ];
  const series = startSeries(variants.map((v) => v.filled.text));
  useLabStore.setState({ leaveOneOut: { question, chunks: inPrompt, answers: variants.map((v, i) => ({ ...series[i]!, ...v })) } });
  await runSeries(
    series.map((s) => s.prompt),
    inputs.system,
    (index, change) =>
      useLabStore.setState((s) => ({ leaveOneOut: s.leaveOneOut && { ...s.leaveOneOut, answers: apply(s.leaveOneOut.answers, index, change) } })),
  );
}
