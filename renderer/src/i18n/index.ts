import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './de';
import { en } from './en';

/** The languages the kiosk speaks; the station's config (`language`) picks one. */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What the formatters need of i18next: a key (and values) in, words out. Both `i18n.t` and the hook's `t` fit. */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * The kiosk's i18next instance. All resources are bundled (no backend) and init is synchronous,
 * so the first render already has its words. Components use `useTranslation()`; plain helpers
 * take a `t` and default to `i18n.t`.
 */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, de: { translation: de } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  // React escapes what it renders; escaping here too would show `&amp;` in codes and messages.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export const translate: Translate = (key, values) => i18n.t(key, values);

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** Switches every `useTranslation()` component to `lang`, and the page's `lang` and title with it. */
export function setLanguage(lang: Language): void {
  const apply = () => {
    if (typeof document === 'undefined') return;
    document.documentElement.lang = lang;
    document.title = i18n.t('app.title');
  };
  if (i18n.language === lang) return apply();
  void i18n.changeLanguage(lang).then(apply);
}
