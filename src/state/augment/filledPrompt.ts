// The augmented prompt: the template filled with the last question and as many of its retrieved chunks as
// fit into the chosen model's context window (the context budget), best-ranked first, or, with the option,
// best-first-and-last (the weakest in the middle).
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fillPrompt, type FilledPrompt, type PromptChunk } from '@openbook/core/prompt';
import { bothEndsOrder } from '@openbook/core/labs/contextOrder';
import { CHAT_TOKENS_PER_MESSAGE, estimateTokens, planContextBudget, tokenUpperBound, type ContextBudget } from '@openbook/core/contextBudget';
import type { RetrievalRun } from '../retrieval/retrievalStore';
import { useRetrievalStore } from '../retrieval/retrievalStore';
import { templateIn, usePromptStore } from './promptStore';
import { useDocumentsStore } from '../documents/documentsStore';
import { useGenerationStore } from '../generation/generationStore';
import { systemPromptIn, useSamplingStore } from '../generation/samplingStore';
import { useEndpointStore } from '../generation/endpointStore';
import { countsKey, ensureTokenCounts, useTokenCountStore, type PromptParts, type PromptPartsCounts } from './tokenCountStore';
import { CHAT_MODELS } from '../../adapters/generator/chatModels';
import type { TransformersChatModelInfo } from '../../adapters/generator/transformersChatModels';
import type { GenerationEngine } from '../generation/generationEngines';
import type { SourceDocument } from '@openbook/core/types';

export interface PromptBudget extends ContextBudget {
  /** True when the counts come from the model's own tokenizer; false for an estimate. */
  exact: boolean;
}

/** The prompt as sent, with the budget that decided which chunks are in it. */
export interface BudgetedPrompt extends FilledPrompt {
  budget: PromptBudget;
  /** How many chunks retrieval returned (the budget may have kept fewer). */
  retrieved: number;
  /** For each chunk in the prompt, numbered [1]..[kept], the index of its chunk in the retrieval's results. */
  order: number[];
}

/** The retrieval's results in the prompt's order: the chunk that each number [1]..[kept] stands for. */
export const resultsInPromptOrder = <T>(order: readonly number[], results: readonly T[]): T[] =>
  order.flatMap((i) => (i < results.length ? [results[i]!] : []));

/** The order of the kept chunks in the prompt, as indices into the retrieval's results (best first). */
export const contextOrderFor = (kept: number, orderBothEnds: boolean): number[] => (orderBothEnds ? bothEndsOrder(kept) : [...Array(kept).keys()]);

export function promptChunks(run: RetrievalRun, documents: readonly SourceDocument[]): PromptChunk[] {
  const names = new Map(documents.map((d) => [d.id, d.name]));
  // Parent-child: the prompt gets each parent (merged where hits share one), not the matched chunks.
  if (run.parents) return run.parents.map((p) => ({ text: p.text, source: names.get(p.docId) ?? p.docId }));
  return run.results.map((r) => ({ text: r.chunk.text, source: names.get(r.chunk.docId) ?? r.chunk.docId }));
}

/** The template filled with every retrieved chunk (no budget). */
export function buildFilledPrompt(template: string, run: RetrievalRun, documents: SourceDocument[]): FilledPrompt {
  return fillPrompt(template, run.question, promptChunks(run, documents));
}

/** The parts whose tokens the budget counts, as they stand in the prompt. */
export function promptParts(full: FilledPrompt, template: string, question: string, system: string): PromptParts {
  const chunks: string[] = [];
  for (const seg of full.segments) {
    if (seg.chunkNumber === undefined) continue;
    chunks[seg.chunkNumber - 1] = (chunks[seg.chunkNumber - 1] ?? '') + seg.text;
  }
  return { system, base: fillPrompt(template, question, []).text, chunks: Array.from(chunks, (c) => c ?? '') };
}

/** The chosen model's context window, in tokens. */
export function contextWindowFor(
  engine: GenerationEngine,
  modelId: string,
  transformersModels: readonly TransformersChatModelInfo[],
  endpointWindow: number,
): number {
  if (engine === 'openai') return endpointWindow;
  if (engine === 'webllm') return CHAT_MODELS.find((m) => m.id === modelId)?.contextWindow ?? 4096;
  return transformersModels.find((m) => m.id === modelId)?.contextWindow ?? 2048;
}

function budgetOf(parts: PromptParts, counts: PromptPartsCounts | null, contextWindow: number, maxTokens: number): PromptBudget {
  const c = counts ?? { system: estimateTokens(parts.system), base: estimateTokens(parts.base), chunks: parts.chunks.map(estimateTokens) };
  const messages = parts.system.trim() ? 2 : 1;
  const baseTokens = (parts.system.trim() ? c.system : 0) + c.base + messages * CHAT_TOKENS_PER_MESSAGE;
  return { ...planContextBudget({ baseTokens, chunkTokens: c.chunks, contextWindow, maxTokens }), exact: counts !== null };
}

interface BudgetContext {
  template: string;
  orderBothEnds: boolean;
  run: RetrievalRun;
  documents: SourceDocument[];
  system: string;
  contextWindow: number;
  maxTokens: number;
  /** The loaded model, when it is the chosen one (its tokenizer counts); null otherwise. */
  modelKey: string | null;
  countsKey: string | null;
  counts: PromptPartsCounts | null;
}

function budgeted(ctx: BudgetContext): { prompt: BudgetedPrompt; parts: PromptParts } {
  const chunks = promptChunks(ctx.run, ctx.documents);
  const full = fillPrompt(ctx.template, ctx.run.question, chunks);
  const parts = promptParts(full, ctx.template, ctx.run.question, ctx.system);
  const exact = ctx.modelKey !== null && ctx.countsKey === countsKey(ctx.modelKey, parts) ? ctx.counts : null;
  const budget = budgetOf(parts, exact, ctx.contextWindow, ctx.maxTokens);
  const order = contextOrderFor(budget.kept, ctx.orderBothEnds);
  const inOrder = order.every((index, i) => index === i);
  const filled =
    budget.kept === chunks.length && inOrder
      ? full
      : fillPrompt(
          ctx.template,
          ctx.run.question,
          order.map((i) => chunks[i]!),
        );
  return { prompt: { ...filled, budget, retrieved: chunks.length, order }, parts };
}

/** The loaded model's identity when it is the chosen one, else null. */
function loadedModelKey(s: { engine: GenerationEngine; modelId: string; loadedEngine: GenerationEngine | null; loadedModelId: string | null }) {
  return s.loadedEngine === s.engine && s.loadedModelId === s.modelId ? `${s.engine}:${s.modelId}` : null;
}

function contextNow(uiLanguage: string): BudgetContext | null {
  const run = useRetrievalStore.getState().last;
  if (!run) return null;
  const gen = useGenerationStore.getState();
  const sampling = useSamplingStore.getState();
  const counts = useTokenCountStore.getState();
  const prompt = usePromptStore.getState();
  return {
    template: templateIn(prompt.custom, uiLanguage),
    orderBothEnds: prompt.orderBothEnds,
    run,
    documents: useDocumentsStore.getState().documents,
    system: systemPromptIn(sampling.customSystem, uiLanguage),
    contextWindow: contextWindowFor(gen.engine, gen.modelId, gen.transformersModels, useEndpointStore.getState().contextWindow),
    maxTokens: sampling.maxTokens,
    modelKey: loadedModelKey(gen),
    countsKey: counts.key,
    counts: counts.counts,
  };
}

/** The prompt to send for the last retrieval, in the template in force, within the budget. */
export function currentFilledPrompt(uiLanguage: string): BudgetedPrompt | null {
  const ctx = contextNow(uiLanguage);
  return ctx ? budgeted(ctx).prompt : null;
}

/**
 * The same, once the loaded model's tokenizer (if it has one) has counted the parts; without waiting for it
 * when every chunk fits even at one token per byte (then no count can change the prompt).
 */
export async function promptToSend(uiLanguage: string): Promise<BudgetedPrompt | null> {
  const ctx = contextNow(uiLanguage);
  if (!ctx) return null;
  if (ctx.modelKey) {
    const { parts } = budgeted(ctx);
    const counting = ensureTokenCounts(ctx.modelKey, parts);
    const bound = budgetOf(parts, upperBounds(parts), ctx.contextWindow, ctx.maxTokens);
    if (bound.dropped.length > 0) await counting;
  }
  return currentFilledPrompt(uiLanguage);
}

function upperBounds(parts: PromptParts): PromptPartsCounts {
  // Plus a few tokens per part, for a tokenizer that adds a start token to each.
  const bound = (t: string) => tokenUpperBound(t) + 2;
  return { system: bound(parts.system), base: bound(parts.base), chunks: parts.chunks.map(bound) };
}

/** The filled prompt for the last retrieval, or null before the first question; counts tokens when it can. */
export function useFilledPrompt(): BudgetedPrompt | null {
  const { language } = useTranslation().i18n;
  const template = templateIn(
    usePromptStore((s) => s.custom),
    language,
  );
  const orderBothEnds = usePromptStore((s) => s.orderBothEnds);
  const run = useRetrievalStore((s) => s.last);
  const documents = useDocumentsStore((s) => s.documents);
  const system = systemPromptIn(
    useSamplingStore((s) => s.customSystem),
    language,
  );
  const maxTokens = useSamplingStore((s) => s.maxTokens);
  const engine = useGenerationStore((s) => s.engine);
  const modelId = useGenerationStore((s) => s.modelId);
  const loadedEngine = useGenerationStore((s) => s.loadedEngine);
  const loadedModelId = useGenerationStore((s) => s.loadedModelId);
  const transformersModels = useGenerationStore((s) => s.transformersModels);
  const endpointWindow = useEndpointStore((s) => s.contextWindow);
  const counted = useTokenCountStore();
  const result = useMemo(() => {
    if (!run) return null;
    return budgeted({
      template,
      orderBothEnds,
      run,
      documents,
      system,
      contextWindow: contextWindowFor(engine, modelId, transformersModels, endpointWindow),
      maxTokens,
      modelKey: loadedModelKey({ engine, modelId, loadedEngine, loadedModelId }),
      countsKey: counted.key,
      counts: counted.counts,
    });
  }, [template, orderBothEnds, run, documents, system, maxTokens, engine, modelId, loadedEngine, loadedModelId, transformersModels, endpointWindow, counted]);
  const modelKey = loadedModelKey({ engine, modelId, loadedEngine, loadedModelId });
  const needsCounts = result && modelKey && !result.prompt.budget.exact ? result.parts : null;
  useEffect(() => {
    if (needsCounts && modelKey) void ensureTokenCounts(modelKey, needsCounts);
  }, [needsCounts, modelKey]);
  return result?.prompt ?? null;
}
