import { i18n, isLanguage, setLanguage } from './index';

/** The little of the station store the language follower reads, so it does not care how the rest is shaped. */
interface LanguageSource {
  getState(): { state: { language?: string } | null };
  subscribe(listener: (view: { state: { language?: string } | null }) => void): () => void;
}

/**
 * Keeps the kiosk in the station's language: whenever a state arrives whose `language` (from the
 * station config) differs from the current one, switches to it. A state without one leaves it be.
 */
export function followStationLanguage(store: LanguageSource): () => void {
  const follow = (view: { state: { language?: string } | null }) => {
    const lang = view.state?.language;
    if (isLanguage(lang) && lang !== i18n.language) setLanguage(lang);
  };
  follow(store.getState());
  return store.subscribe(follow);
}
