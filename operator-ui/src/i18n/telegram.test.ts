import { afterEach, describe, expect, it } from 'vitest';
import { resolveTelegramLanguage, selectTelegramLanguage, telegramCatalogs, telegramEn, tt } from './telegram';

afterEach(() => selectTelegramLanguage('en'));

describe('Telegram feature texts', () => {
  it('have en, ru and fa with a non-empty text for every key and the same placeholders', () => {
    expect(Object.keys(telegramCatalogs).sort()).toEqual(['en', 'fa', 'ru']);
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [language, catalog] of Object.entries(telegramCatalogs)) {
      expect(Object.keys(catalog).sort(), language).toEqual(Object.keys(telegramEn).sort());
      for (const key of Object.keys(telegramEn) as (keyof typeof telegramEn)[]) {
        expect(catalog[key], `${language}:${key}`).toBeTruthy();
        expect(placeholders(catalog[key]), `${language}:${key}`).toEqual(placeholders(telegramEn[key]));
      }
    }
  });

  it('picks the language by primary subtag and falls back to English', () => {
    expect(resolveTelegramLanguage(['fa-IR'])).toBe('fa');
    expect(resolveTelegramLanguage(['ru-RU', 'en'])).toBe('ru');
    expect(resolveTelegramLanguage(['de'])).toBe('en');
    selectTelegramLanguage('ru');
    expect(tt('tg.message.retry')).toBe('Повторить');
    selectTelegramLanguage('xx');
    expect(tt('tg.blocked.banner', { date: '21 Nov' }))
      .toBe('The customer blocked the bot on 21 Nov. Telegram will refuse messages until they unblock it.');
  });
});
