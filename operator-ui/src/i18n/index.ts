import { type Catalog, type MessageKey, en } from './en';

export type { MessageKey } from './en';

/** Catalogs by language code; add one here (same keys as `en`) to translate the console. */
export const catalogs: Record<string, Catalog> = { en };

/** Languages written right to left (primary subtags). */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** `rtl` or `ltr` for a BCP 47 tag such as `he-IL` (by its primary language subtag). */
export function textDirection(languageTag: string | undefined | null): 'rtl' | 'ltr' {
  const primary = (languageTag ?? '').toLowerCase().split(/[-_]/)[0];
  return RTL_LANGUAGES.has(primary) ? 'rtl' : 'ltr';
}

/** The first of the browser's preferred languages that has a catalog, else `en`. */
export function resolveCatalogLanguage(preferred: readonly string[]): string {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (catalogs[primary]) return primary;
  }
  return 'en';
}

/** Fills `{name}` placeholders from `params`; unknown placeholders stay as they are. */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

let active: Catalog = en;

/** Chooses the catalog used by {@link t}. */
export function selectCatalog(language: string): void {
  active = catalogs[language] ?? en;
}

/** The UI text for `key` in the active catalog. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return format(active[key] ?? en[key], params);
}

/**
 * Sets `<html lang>` and `<html dir>` from the browser's preferred language (so a Hebrew or Arabic browser gets a
 * right-to-left layout) and picks the catalog. Returns the direction for Mantine's DirectionProvider.
 */
export function applyDocumentLocale(doc: Document, preferred: readonly string[]): 'rtl' | 'ltr' {
  const browserLanguage = preferred[0] ?? 'en';
  const direction = textDirection(browserLanguage);
  selectCatalog(resolveCatalogLanguage(preferred));
  doc.documentElement.lang = browserLanguage;
  doc.documentElement.dir = direction;
  return direction;
}
