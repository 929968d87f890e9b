/** i18next with zh-CN (default) and English; the choice is kept in localStorage. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { messages } from './messages.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'custos.lang';

function initialLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
}

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: messages.zh }, en: { translation: messages.en } },
    lng: initialLanguage(),
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}

export async function switchLanguage(): Promise<void> {
  const next: Language = i18next.language === 'en' ? 'zh-CN' : 'en';
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  await i18next.changeLanguage(next);
}

/** Which text of a {zh, en} pair the current language reads. */
export function pick(text: { zh?: string; en?: string } | undefined, language: string): string {
  if (!text) return '';
  return (language === 'en' ? text.en : text.zh) ?? text.zh ?? text.en ?? '';
}
