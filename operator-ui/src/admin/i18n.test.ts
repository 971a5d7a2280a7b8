import { afterEach, describe, expect, it } from 'vitest';
import { adminCatalogs, adminEn, at, localeDirection, resolveAdminLanguage, selectAdminLanguage } from './i18n';

afterEach(() => selectAdminLanguage('en'));

describe('admin i18n', () => {
  it('every catalog has a non-empty text for every English key', () => {
    for (const [language, catalog] of Object.entries(adminCatalogs)) {
      for (const key of Object.keys(adminEn) as (keyof typeof adminEn)[]) {
        expect(catalog[key], `${language}:${key}`).toBeTruthy();
      }
    }
  });

  it('fills placeholders', () => {
    expect(at('common.confirmDelete', { name: 'VIP' })).toBe('Delete “VIP”? This cannot be undone.');
    expect(at('timers.inSeconds', { seconds: 300 })).toBe('= 300 s');
  });

  it('falls back to English for languages without a catalog', () => {
    expect(resolveAdminLanguage(['fa-IR', 'ru'])).toBe('en');
    selectAdminLanguage('xx');
    expect(at('admin.title')).toBe('Administration');
  });

  it('writes RTL template locales right to left', () => {
    expect(localeDirection('fa')).toBe('rtl');
    expect(localeDirection('he-IL')).toBe('rtl');
    expect(localeDirection('ru')).toBe('ltr');
    expect(localeDirection('en')).toBe('ltr');
  });
});
