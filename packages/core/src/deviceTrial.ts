// "Automatic", measured: where WebGPU has an adapter, a short timed trial runs on each device and the faster
// one is used, once per model and browser (the figures are remembered). A software WebGPU adapter
// (SwiftShader, llvmpipe...) is measured and shown but never chosen over WASM; a device whose trial failed is
// never chosen. The embedder times a batch of texts, the reranker question-passage pairs, the transformers.js
// chat engine a short answer (its prompt read, then a few tokens written). Pure: the timing happens in the
// workers, the memory in the state layer.
import * as v from 'valibot';
import type { GpuFacts } from './deviceChoice';
import type { ComputeDevice } from './types';

/**
 * One device's trial: items per second over the timed passes (texts for the embedder, pairs for the reranker,
 * tokens read and written for the chat engine; the field keeps its first name, so remembered figures stay
 * readable), or null when the device failed to run it.
 */
export interface DeviceTrial {
  device: ComputeDevice;
  textsPerSecond: number | null;
}

/** What a trial's timed passes did: how many items (texts, pairs or tokens), in how many milliseconds. */
export interface TrialTiming {
  items: number;
  ms: number;
}

/** Why the measured choice is what it is. */
export type MeasuredReason = 'faster' | 'software-gpu' | 'other-failed';

export interface MeasuredChoice {
  device: ComputeDevice;
  reason: MeasuredReason;
  trials: DeviceTrial[];
}

/**
 * The devices worth a trial: WebGPU and WASM where WebGPU has an adapter (a software one included, so its
 * figure can be shown), else none (WASM is the only choice, nothing to measure).
 */
export function devicesToMeasure(caps: GpuFacts): ComputeDevice[] {
  return caps.adapter ? ['webgpu', 'wasm'] : [];
}

/** Pick from measured trials: the faster device that ran, WASM over a software WebGPU adapter always. */
export function pickMeasuredDevice(trials: DeviceTrial[], caps: Pick<GpuFacts, 'software'>): MeasuredChoice {
  const rate = (device: ComputeDevice) => trials.find((t) => t.device === device)?.textsPerSecond ?? null;
  const [gpu, wasm] = [rate('webgpu'), rate('wasm')];
  if (gpu === null || wasm === null) {
    // One of them failed (or was not measured): the one that ran, WASM when neither did.
    const device: ComputeDevice = gpu !== null && !caps.software ? 'webgpu' : 'wasm';
    return { device, reason: 'other-failed', trials };
  }
  if (caps.software) return { device: 'wasm', reason: 'software-gpu', trials };
  return { device: gpu > wasm ? 'webgpu' : 'wasm', reason: 'faster', trials };
}

/** The texts of a trial: a few passages of ordinary length (as chunks are), English and Chinese. */
export const TRIAL_TEXTS: readonly string[] = [
  'Retrieval-augmented generation finds the passages of your own documents that are nearest to a question and gives them to a language model, which answers from them and can cite where each part of the answer came from.',
  'A chunk is a piece of a document, a few hundred characters long; an embedding model turns each chunk into a vector, and texts with similar meaning get vectors that point in similar directions.',
  '检索增强生成先从文档中找出与问题最相近的片段，再把它们交给语言模型，让模型依据这些资料回答问题，并指明答案的出处。',
  'Keyword search ranks chunks by the words they share with the question; vector search by the cosine of their embeddings; hybrid search fuses both rankings into one list.',
  'Volcanoes form where molten rock rises through the crust. Lava at the surface can be hotter than a thousand degrees Celsius, and cools into new stone as it flows away from the vent.',
  'Green tea is steamed or pan-fired soon after picking, so its leaves stay green; black tea is oxidised first, which darkens the leaves and deepens the flavour of the cup.',
  '嵌入模型把每个分块变成一个向量，意思相近的文字得到方向相近的向量，即使它们用词完全不同。',
  'A cross-encoder reads the question and a passage together and scores how well the passage answers it: slower than comparing vectors, but more exact, so it reranks the first results.',
];

/** How many timed passes over TRIAL_TEXTS follow the untimed warm-up pass (first calls compile shaders). */
export const TRIAL_PASSES = 2;

/** Texts per second from a timed run (a run under 1 ms counts as 1 ms: the figure stays finite). */
export const textsPerSecond = (texts: number, ms: number): number => (texts * 1000) / Math.max(ms, 1);

/** Items per second of a trial's timed passes. */
export const trialRate = ({ items, ms }: TrialTiming): number => textsPerSecond(items, ms);

/**
 * The chat engine's trial: a prompt shaped like the app's (instructions, numbered passages, a question; English
 * and Chinese), read once per pass, then CHAT_TRIAL_NEW_TOKENS tokens written at most. Its figure counts the
 * prompt's tokens and the answer's over the whole time: what a RAG answer costs is mostly reading the prompt,
 * then writing, and the device that does both sooner is the one to use.
 */
export function chatTrialMessages(): { role: 'user'; content: string }[] {
  const passages = TRIAL_TEXTS.map((text, i) => `[${i + 1}] ${text}`).join('\n\n');
  return [
    {
      role: 'user',
      content: `Answer the question using only the passages below, and cite them as [n].\n\n${passages}\n\nQuestion: What does an embedding model do with a chunk?`,
    },
  ];
}

/** Tokens the chat trial writes at most in each pass (after reading the prompt). */
export const CHAT_TRIAL_NEW_TOKENS = 8;

/** The items a chat trial pass counts: the prompt's tokens and those written (none known counts as none). */
export const chatTrialTokens = (promptTokens: number | null, writtenTokens: number | null): number => (promptTokens ?? 0) + (writtenTokens ?? 0);

/** What is remembered of a measurement: for which model and browser (adapter included), and the figures. */
const rememberedSchema = v.object({
  version: v.literal(1),
  modelId: v.string(),
  browser: v.string(),
  measuredAt: v.number(),
  trials: v.array(
    v.object({
      device: v.picklist(['webgpu', 'wasm']),
      textsPerSecond: v.nullable(v.pipe(v.number(), v.minValue(0))),
    }),
  ),
});
export type RememberedTrial = v.InferOutput<typeof rememberedSchema>;

/**
 * The remembered trials for this model in this browser, or null: anything unreadable, of another version,
 * for another model or browser, or without a figure for each device is not used (the app measures again).
 */
export function readRememberedTrial(value: unknown, modelId: string, browser: string, devices: readonly ComputeDevice[]): DeviceTrial[] | null {
  const parsed = v.safeParse(rememberedSchema, value);
  if (!parsed.success) return null;
  const memory = parsed.output;
  if (memory.modelId !== modelId || memory.browser !== browser) return null;
  if (!devices.every((d) => memory.trials.some((t) => t.device === d))) return null;
  return memory.trials;
}

/** What to remember after measuring. */
export function rememberTrial(modelId: string, browser: string, trials: DeviceTrial[], now: number): RememberedTrial {
  return { version: 1, modelId, browser, measuredAt: now, trials: trials.map(({ device, textsPerSecond }) => ({ device, textsPerSecond })) };
}
