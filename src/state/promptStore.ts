// Step 5, augmentation: the prompt template the retrieved chunks are put into.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { settingsStorage } from './persistence';
import { DEFAULT_PROMPT_TEMPLATE, DEFAULT_PROMPT_TEMPLATE_ZH } from '../core/prompt';

interface PromptState {
  template: string;
  setTemplate(template: string): void;
  resetTemplate(language: string): void;
}

export const defaultTemplateFor = (language: string) => (language.startsWith('zh') ? DEFAULT_PROMPT_TEMPLATE_ZH : DEFAULT_PROMPT_TEMPLATE);

export const usePromptStore = create<PromptState>()(
  persist(
    (set) => ({
      template: DEFAULT_PROMPT_TEMPLATE,
      setTemplate: (template) => set({ template }),
      resetTemplate: (language) => set({ template: defaultTemplateFor(language) }),
    }),
    { name: 'openbook.prompt', storage: settingsStorage },
  ),
);
