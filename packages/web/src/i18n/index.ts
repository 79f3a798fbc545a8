import { DEFAULT_LANGUAGE, LANGUAGES, type Language, RTL_LANGUAGES } from '@epeople/contracts';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ar } from './ar.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';

export const TRANSLATIONS = { ar, fr, en } as const;

/** Where the chosen language is kept on this device (signed-in users also keep it on /me). */
export const LANGUAGE_STORAGE_KEY = 'epeople.language';

/** Each language's name written in that language, for the switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = { ar: 'العربية', fr: 'Français', en: 'English' };

/** Formatting locales: Tunisia writes Arabic with Western digits (ar-TN). */
export const LOCALES: Record<Language, string> = { ar: 'ar-TN', fr: 'fr-TN', en: 'en-GB' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function directionOf(language: Language): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}

export function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/** `lang` and `dir` on <html> drive fonts, screen readers, and the logical CSS of every page. */
export function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : DEFAULT_LANGUAGE;
}

export async function initI18n(language: Language): Promise<typeof i18next> {
  applyDocumentLanguage(language);
  await i18next.use(initReactI18next).init({
    resources: {
      ar: { translation: ar },
      fr: { translation: fr },
      en: { translation: en },
    },
    lng: language,
    supportedLngs: [...LANGUAGES],
    // Every key exists in all three languages (a unit test checks): no silent fallback.
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

/** Switches the interface language on this device; the caller also saves it on /me when signed in. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Private browsing may refuse storage; the choice still holds for this visit.
  }
  await i18next.changeLanguage(language);
  applyDocumentLanguage(language);
}
