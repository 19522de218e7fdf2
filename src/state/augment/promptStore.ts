// Step 5, augmentation: the prompt template the retrieved chunks are put into. Until the user edits it,
// the template is the default for the interface language.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { settingsStorage } from '../runtime/persistence';
import * as v from 'valibot';
import { stringUpTo, MAX_TEMPLATE_LENGTH, schemaPersistOptions } from '../runtime/persistedSchema';
import { DEFAULT_PROMPT_TEMPLATE, DEFAULT_PROMPT_TEMPLATE_ZH } from '@openbook/core/prompt';

interface PromptState {
  /** The user's template, or null for the default template of the interface language. */
  custom: string | null;
  /**
   * Order the context best-first-and-last (ranks 1, 3, 5 … 4, 2), so that the weakest chunks stand in the
   * middle, where models use the context least ("lost in the middle"). Off: best first.
   */
  orderBothEnds: boolean;
  setTemplate(template: string): void;
  setOrderBothEnds(on: boolean): void;
  resetToDefault(language: string): void;
}

export const defaultTemplateFor = (language: string) => (language.startsWith('zh') ? DEFAULT_PROMPT_TEMPLATE_ZH : DEFAULT_PROMPT_TEMPLATE);

export const usePromptStore = create<PromptState>()(
  persist(
    (set) => ({
      custom: null,
      orderBothEnds: false,
      setTemplate: (custom) => set({ custom }),
      setOrderBothEnds: (orderBothEnds) => set({ orderBothEnds }),
      // The default of the interface language stays a default (it follows a language switch); the other
      // language's default is kept as chosen.
      resetToDefault: (language) => set({ custom: language === 'interface' ? null : defaultTemplateFor(language) }),
    }),
    {
      name: 'openbook.prompt',
      storage: settingsStorage,
      // The ordering option is written only when on: off is the default, and settings saved before it existed read the same.
      partialize: (s) => ({ custom: s.custom, ...(s.orderBothEnds ? { orderBothEnds: true } : {}) }),
      ...schemaPersistOptions<PromptState>('openbook.prompt', { custom: v.nullable(stringUpTo(MAX_TEMPLATE_LENGTH)), orderBothEnds: v.boolean() }),
    },
  ),
);

/** The template in force for this interface language. */
export const templateIn = (custom: string | null, uiLanguage: string) => custom ?? defaultTemplateFor(uiLanguage);
