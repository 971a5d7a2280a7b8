import { describe, expect, it } from 'vitest';
import type { SystemMessageTemplate } from './adminApi';
import {
  type TemplateAction, type TemplateDraft, draftFromTemplate, localeError, normalizeLocale, parseRateLimit,
  templateChanged, templateReducer, unknownPlaceholders, validateTemplate,
} from './templates';

const welcome: SystemMessageTemplate = {
  key: 'welcome_message',
  texts: { ru: 'Здравствуйте, {customerName}!', en: 'Hello {customerName}, you are {codename}.', de: 'Hallo' },
  widgetBanner: true,
  transcriptBubble: true,
  telegram: true,
  pin: false,
  rateLimitSeconds: 3600,
  updatedAt: '2025-01-01T00:00:00Z',
};

function apply(draft: TemplateDraft, ...actions: TemplateAction[]): TemplateDraft {
  return actions.reduce(templateReducer, draft);
}

describe('draftFromTemplate', () => {
  it('always offers en, ru and fa first, then the other locales of the template', () => {
    const draft = draftFromTemplate(welcome);
    expect(draft.locales).toEqual(['en', 'ru', 'fa', 'de']);
    expect(draft.texts).toEqual({ en: welcome.texts.en, ru: welcome.texts.ru, fa: '', de: 'Hallo' });
    expect(draft.flags).toEqual({ widgetBanner: true, transcriptBubble: true, telegram: true, pin: false });
    expect(draft.rateLimit).toBe(3600);
  });

  it('tolerates a template without texts', () => {
    const draft = draftFromTemplate({ ...welcome, texts: {} });
    expect(draft.locales).toEqual(['en', 'ru', 'fa']);
    expect(validateTemplate(draft).errors).toEqual([{ key: 'templates.error.noText' }]);
  });
});

describe('templateReducer', () => {
  it('edits texts, flags and the rate limit without touching the original', () => {
    const draft = draftFromTemplate(welcome);
    const next = apply(draft,
      { type: 'text', locale: 'fa', text: 'سلام {customerName}' },
      { type: 'flag', flag: 'pin', value: true },
      { type: 'rateLimit', value: '60' });
    expect(next.texts.fa).toBe('سلام {customerName}');
    expect(next.flags.pin).toBe(true);
    expect(next.rateLimit).toBe('60');
    expect(draft.texts.fa).toBe('');
    expect(draft.flags.pin).toBe(false);
  });

  it('ignores text for a locale that is not in the draft', () => {
    const draft = draftFromTemplate(welcome);
    expect(templateReducer(draft, { type: 'text', locale: 'xx', text: 'x' })).toBe(draft);
  });

  it('adds a normalized locale once, sorted after the defaults', () => {
    const draft = apply(draftFromTemplate(welcome), { type: 'addLocale', locale: 'pt_br' }, { type: 'addLocale', locale: 'PT-BR' },
      { type: 'addLocale', locale: 'ar' });
    expect(draft.locales).toEqual(['en', 'ru', 'fa', 'ar', 'de', 'pt-BR']);
    expect(draft.texts['pt-BR']).toBe('');
  });

  it('ignores an invalid locale', () => {
    const draft = draftFromTemplate(welcome);
    expect(templateReducer(draft, { type: 'addLocale', locale: 'english!' })).toBe(draft);
  });

  it('removes added locales but keeps en, ru and fa', () => {
    const draft = apply(draftFromTemplate(welcome), { type: 'removeLocale', locale: 'de' }, { type: 'removeLocale', locale: 'ru' });
    expect(draft.locales).toEqual(['en', 'ru', 'fa']);
    expect('de' in draft.texts).toBe(false);
    expect(validateTemplate(draft).update?.texts).toEqual({ en: welcome.texts.en, ru: welcome.texts.ru });
  });

  it('reset goes back to the saved template', () => {
    const edited = apply(draftFromTemplate(welcome), { type: 'text', locale: 'en', text: 'changed' });
    expect(templateReducer(edited, { type: 'reset', template: welcome })).toEqual(draftFromTemplate(welcome));
  });
});

describe('locales', () => {
  it('normalizes case and separators', () => {
    expect(normalizeLocale(' EN ')).toBe('en');
    expect(normalizeLocale('pt_br')).toBe('pt-BR');
    expect(normalizeLocale('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(normalizeLocale('es-419')).toBe('es-419');
    expect(normalizeLocale('e')).toBeNull();
    expect(normalizeLocale('en us')).toBeNull();
    expect(normalizeLocale('')).toBeNull();
  });

  it('explains why a locale cannot be added', () => {
    const draft = draftFromTemplate(welcome);
    expect(localeError(draft, 'RU')).toBe('templates.error.localeExists');
    expect(localeError(draft, '??')).toBe('templates.error.localeFormat');
    expect(localeError(draft, 'he')).toBeNull();
  });
});

describe('validateTemplate', () => {
  it('builds the PUT body: non-blank texts as typed, flags, rate limit in seconds', () => {
    const draft = apply(draftFromTemplate(welcome), { type: 'text', locale: 'de', text: '   ' }, { type: 'rateLimit', value: '120' });
    expect(validateTemplate(draft)).toEqual({
      update: {
        texts: { en: welcome.texts.en, ru: welcome.texts.ru },
        widgetBanner: true,
        transcriptBubble: true,
        telegram: true,
        pin: false,
        rateLimitSeconds: 120,
      },
      errors: [],
      rateLimitError: null,
      warnings: [],
    });
  });

  it('refuses a bad rate limit', () => {
    for (const value of ['', '-1', '1.5', 'abc']) {
      const result = validateTemplate(apply(draftFromTemplate(welcome), { type: 'rateLimit', value }));
      expect(result.update).toBeNull();
      expect(result.rateLimitError).toBe('templates.error.rateLimit');
    }
  });

  it('refuses a template without any text', () => {
    const draft = apply(draftFromTemplate(welcome),
      { type: 'text', locale: 'en', text: '' }, { type: 'text', locale: 'ru', text: ' ' }, { type: 'removeLocale', locale: 'de' });
    const result = validateTemplate(draft);
    expect(result.update).toBeNull();
    expect(result.errors).toEqual([{ key: 'templates.error.noText' }]);
  });

  it('warns about a missing English text and unknown placeholders without blocking', () => {
    const draft = apply(draftFromTemplate(welcome),
      { type: 'text', locale: 'en', text: '' }, { type: 'text', locale: 'ru', text: 'Привет, {name} ({codename}) {name}' });
    const result = validateTemplate(draft);
    expect(result.update).not.toBeNull();
    expect(result.warnings).toEqual([
      { key: 'templates.warn.noEnglish' },
      { key: 'templates.warn.unknownPlaceholder', params: { placeholder: '{name}', locale: 'ru' } },
    ]);
  });
});

describe('helpers', () => {
  it('finds unknown placeholders only', () => {
    expect(unknownPlaceholders('{codename} {customerName} {operatorName}')).toEqual([]);
    expect(unknownPlaceholders('{Codename} {x} {x} { y } {1}')).toEqual(['{Codename}', '{x}']);
  });

  it('parses the rate limit as whole seconds', () => {
    expect(parseRateLimit(0)).toBe(0);
    expect(parseRateLimit(' 30 ')).toBe(30);
    expect(parseRateLimit(2.5)).toBeNull();
    expect(parseRateLimit('99999999999')).toBeNull();
  });

  it('templateChanged is false for an untouched draft and true after any effective change', () => {
    const draft = draftFromTemplate(welcome);
    expect(templateChanged(draft, welcome)).toBe(false);
    expect(templateChanged(apply(draft, { type: 'addLocale', locale: 'he' }), welcome)).toBe(false);
    expect(templateChanged(apply(draft, { type: 'rateLimit', value: '3600' }), welcome)).toBe(false);
    expect(templateChanged(apply(draft, { type: 'text', locale: 'fa', text: 'سلام' }), welcome)).toBe(true);
    expect(templateChanged(apply(draft, { type: 'text', locale: 'en', text: 'Hi' }), welcome)).toBe(true);
    expect(templateChanged(apply(draft, { type: 'removeLocale', locale: 'de' }), welcome)).toBe(true);
    expect(templateChanged(apply(draft, { type: 'flag', flag: 'telegram', value: false }), welcome)).toBe(true);
    expect(templateChanged(apply(draft, { type: 'rateLimit', value: '0' }), welcome)).toBe(true);
  });
});
