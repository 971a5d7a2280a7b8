import { describe, expect, it } from 'vitest';
import { CATALOGS, chooseLocale, direction, format, LOCALES, translator } from './i18n';

describe('chooseLocale', () => {
  it('prefers data-locale, then <html lang>, then the browser, by primary subtag', () => {
    expect(chooseLocale('ru', 'fa', ['en'])).toBe('ru');
    expect(chooseLocale(null, 'fa-IR', ['ru'])).toBe('fa');
    expect(chooseLocale(undefined, '', ['ru-RU', 'en'])).toBe('ru');
    expect(chooseLocale('FA', null, [])).toBe('fa');
    expect(chooseLocale('en_GB', 'ru', [])).toBe('en');
  });

  it('skips unsupported languages and falls back to English', () => {
    expect(chooseLocale('de', 'fr', ['es', 'ru'])).toBe('ru');
    expect(chooseLocale('de', 'fr', ['es'])).toBe('en');
    expect(chooseLocale(null, null, [null, undefined])).toBe('en');
  });

  it('writes Persian right to left', () => {
    expect(direction('fa')).toBe('rtl');
    expect(direction('ru')).toBe('ltr');
    expect(direction('en')).toBe('ltr');
  });
});

describe('catalogs', () => {
  const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
  const english = CATALOGS.en;

  it.each(LOCALES)('%s has every key, non-empty, with the same placeholders as English', (locale) => {
    const catalog = CATALOGS[locale];
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(catalog)) {
      expect(text.trim(), `${locale}.${key}`).not.toBe('');
      expect(placeholders(text), `${locale}.${key}`).toEqual(placeholders(english[key as keyof typeof english]));
    }
  });

  it('is really translated (no English left in ru and fa for sentences)', () => {
    for (const locale of ['ru', 'fa'] as const) {
      const same = Object.keys(english).filter((k) => CATALOGS[locale][k as keyof typeof english]
        === english[k as keyof typeof english]);
      expect(same, locale).toEqual([]);
    }
  });

  it('formats placeholders', () => {
    expect(format('{name} replied', { name: 'Anna' })).toBe('Anna replied');
    expect(format('{a}{b}', { a: 1 })).toBe('1{b}');
    expect(translator('ru')('typing', { name: 'Анна' })).toBe('Анна печатает…');
    expect(translator('fa')('replied', { name: 'Anna' })).toBe('Anna پاسخ داد');
  });
});
