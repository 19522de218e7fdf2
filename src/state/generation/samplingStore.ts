// How the model answers, for every engine: the system prompt, temperature, top-p and the answer's maximum
// length. Settings, kept in localStorage. Until the user edits it, the system prompt is the default of the
// interface language.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { settingsStorage } from '../runtime/persistence';
import * as v from 'valibot';
import { stringUpTo, numberIn, integerIn, MAX_TEMPLATE_LENGTH, schemaPersistOptions } from '../runtime/persistedSchema';
import { DEFAULT_SYSTEM_PROMPT, DEFAULT_SYSTEM_PROMPT_ZH } from '@openbook/core/prompt';
import type { ChatMessage, GenerateOptions } from '../../adapters/generator/generator';

export const SAMPLING_LIMITS = {
  temperature: { min: 0, max: 2, step: 0.05 },
  topP: { min: 0.05, max: 1, step: 0.05 },
  maxTokens: { min: 16, max: 8192, step: 16 },
} as const;

export const DEFAULT_SAMPLING = { temperature: 0.2, topP: 0.95, maxTokens: 512 };

export interface SamplingSettings {
  temperature: number;
  topP: number;
  maxTokens: number;
}

interface SamplingState extends SamplingSettings {
  /** The user's system prompt, or null for the default of the interface language. */
  customSystem: string | null;
  set(change: Partial<SamplingSettings>): void;
  setSystemPrompt(text: string | null): void;
}

const clamp = (x: number, { min, max }: { min: number; max: number }, fallback: number) => (Number.isFinite(x) ? Math.min(max, Math.max(min, x)) : fallback);

export const defaultSystemPromptFor = (language: string) => (language.startsWith('zh') ? DEFAULT_SYSTEM_PROMPT_ZH : DEFAULT_SYSTEM_PROMPT);

export const useSamplingStore = create<SamplingState>()(
  persist(
    (set) => ({
      ...DEFAULT_SAMPLING,
      customSystem: null,
      set: (change) =>
        set((s) => ({
          temperature: clamp(change.temperature ?? s.temperature, SAMPLING_LIMITS.temperature, s.temperature),
          topP: clamp(change.topP ?? s.topP, SAMPLING_LIMITS.topP, s.topP),
          maxTokens: Math.round(clamp(change.maxTokens ?? s.maxTokens, SAMPLING_LIMITS.maxTokens, s.maxTokens)),
        })),
      setSystemPrompt: (customSystem) => set({ customSystem }),
    }),
    {
      name: 'openbook.sampling',
      storage: settingsStorage,
      partialize: (s) => ({ temperature: s.temperature, topP: s.topP, maxTokens: s.maxTokens, customSystem: s.customSystem }),
      ...schemaPersistOptions<SamplingState>('openbook.sampling', {
        temperature: numberIn(SAMPLING_LIMITS.temperature.min, SAMPLING_LIMITS.temperature.max),
        topP: numberIn(SAMPLING_LIMITS.topP.min, SAMPLING_LIMITS.topP.max),
        maxTokens: integerIn(SAMPLING_LIMITS.maxTokens.min, SAMPLING_LIMITS.maxTokens.max),
        customSystem: v.nullable(stringUpTo(MAX_TEMPLATE_LENGTH)),
      }),
    },
  ),
);

/** The system prompt in force for this interface language ('' sends no system message). */
export const systemPromptIn = (custom: string | null, uiLanguage: string) => custom ?? defaultSystemPromptFor(uiLanguage);

/** The options every engine is given. */
export function generateOptions(s: SamplingSettings): GenerateOptions {
  return { temperature: s.temperature, topP: s.topP, maxTokens: s.maxTokens };
}

/** The chat sent to a model: the system prompt (when there is one), then the prompt as the user's message. */
export function chatMessages(system: string, prompt: string): ChatMessage[] {
  return system.trim()
    ? [
        { role: 'system', content: system },
        { role: 'user', content: prompt },
      ]
    : [{ role: 'user', content: prompt }];
}
