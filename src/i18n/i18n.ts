// i18next set-up: English and Simplified Chinese. The language choice is remembered in localStorage;
// the first visit follows the browser's language. The Chinese strings are a chunk of their own, loaded
// only for Chinese (i18nReady waits for them at start; setLanguage before switching), to keep them off an
// English first screen.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh', label: '简体中文' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'openbook.language';

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    /* storage may be unavailable (private mode); fall through */
  }
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  // Chinese is added when it is first needed (loadLanguage): until then i18next must not treat it as missing.
  partialBundledLanguages: true,
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
});

/** Load a language's strings once (English is bundled; Chinese comes from its own chunk). */
async function loadLanguage(lang: Language): Promise<void> {
  if (lang === 'en' || i18n.hasResourceBundle(lang, 'translation')) return;
  const { zh } = await import('./zh');
  i18n.addResourceBundle('zh', 'translation', zh, true, true);
}

function applyLanguage(lang: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/** Resolves once the first language's strings are in (at once for English): main.tsx renders after it. */
export const i18nReady: Promise<void> = (async () => {
  const lang = initialLanguage();
  try {
    await loadLanguage(lang);
    await i18n.changeLanguage(lang);
  } catch {
    /* the Chinese chunk did not load: the page stays in English */
  }
  applyLanguage(i18n.language);
})();

export async function setLanguage(lang: Language): Promise<void> {
  await loadLanguage(lang);
  await i18n.changeLanguage(lang);
  applyLanguage(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* not fatal */
  }
}

export default i18n;
