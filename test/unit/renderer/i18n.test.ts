import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createStore } from 'zustand/vanilla';
import { de } from '../../../renderer/src/i18n/de';
import { en } from '../../../renderer/src/i18n/en';
import { i18n, setLanguage } from '../../../renderer/src/i18n';
import { followStationLanguage } from '../../../renderer/src/i18n/follow-station';

type Tree = { [key: string]: string | Tree | undefined };

/** Every leaf key, dotted: `bag.none`, `errors.more_one`, `override.reasons.other`. */
function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const dotted = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [dotted] : value ? keysOf(value, dotted) : [];
  });
}

/** Plural forms (`_one`, `_other`, …) are used as their base key. */
const baseKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

const enKeys = keysOf(en as Tree);
const deKeys = keysOf(de as Tree);

const rendererSrc = path.resolve(__dirname, '../../../renderer/src');
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** `t('bag.none')`, `t("errors.more", { count })`, `i18n.t('app.title')`: the literal keys the sources use. */
function usedKeys(): Array<{ file: string; key: string }> {
  const call = /\bt\(\s*(['"`])([^'"`$]+)\1/g;
  return sourceFiles(rendererSrc).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(call)].map((match) => ({ file: path.relative(rendererSrc, file), key: match[2] ?? '' }));
  });
}

describe('kiosk translations', () => {
  // The screens German must cover in full (login, PIN entry, lock, bag, session, supervisor approval).
  const required = ['login', 'lock', 'bag', 'session', 'override'];

  it.each(required)('German has every English %s.* key', (namespace) => {
    const missing = enKeys.filter((key) => key.startsWith(`${namespace}.`) && !deKeys.includes(key));
    expect(missing).toEqual([]);
  });

  it('German has no key English lacks', () => {
    expect(deKeys.filter((key) => !enKeys.includes(key))).toEqual([]);
  });

  it('no translation is empty', () => {
    for (const tree of [en, de]) {
      const empty = keysOf(tree as Tree).filter((key) => !i18n.getResource(tree === en ? 'en' : 'de', 'translation', key));
      expect(empty).toEqual([]);
    }
  });

  it('every key the renderer uses exists in English', () => {
    const used = usedKeys();
    expect(used.length).toBeGreaterThan(30); // the regex still finds the calls
    const known = new Set(enKeys.map(baseKey));
    expect(used.filter(({ key }) => !known.has(key))).toEqual([]);
  });

  it('keeps interpolation placeholders the same in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of deKeys) {
      expect([key, placeholders(i18n.getResource('de', 'translation', key) as string)])
        .toEqual([key, placeholders(i18n.getResource('en', 'translation', key) as string)]);
    }
  });
});

describe('the i18next instance', () => {
  afterEach(() => setLanguage('en'));

  it('speaks English by default, with plurals and unescaped values', () => {
    expect(i18n.language).toBe('en');
    expect(i18n.t('actions.closeBag')).toBe('Close bag');
    expect(i18n.t('errors.more', { count: 1 })).toBe('1 more after this one');
    expect(i18n.t('login.pinFor', { name: 'Ann & <Bo>' })).toBe('PIN for Ann & <Bo>');
  });

  it('switches to German with setLanguage, German plurals included', () => {
    setLanguage('de');
    expect(i18n.language).toBe('de');
    expect(i18n.t('bag.none')).toBe('Kein Beutel offen');
    expect(i18n.t('errors.more', { count: 1 })).toBe('Danach noch 1 weitere Meldung');
    expect(i18n.t('errors.more', { count: 3 })).toBe('Danach noch 3 weitere Meldungen');
  });

  it('follows the language of the station state as states arrive', () => {
    const store = createStore<{ state: { language?: string } | null }>(() => ({ state: null }));
    const stop = followStationLanguage(store);
    expect(i18n.language).toBe('en');
    store.setState({ state: { language: 'de' } });
    expect(i18n.language).toBe('de');
    store.setState({ state: {} }); // an older station that does not say: stay
    expect(i18n.language).toBe('de');
    store.setState({ state: { language: 'en' } });
    expect(i18n.language).toBe('en');
    stop();
  });
});
