import type { SystemMessageTemplate, SystemMessageTemplateUpdate } from './adminApi';
import type { AdminKey } from './i18n';

/** Locales always offered in the editor, in this order; others follow alphabetically. */
export const DEFAULT_LOCALES = ['en', 'ru', 'fa'] as const;

/** Placeholders the server fills in system messages. */
export const PLACEHOLDERS = ['{codename}', '{customerName}', '{operatorName}'] as const;

export type TemplateFlag = 'widgetBanner' | 'transcriptBubble' | 'telegram' | 'pin';
export const TEMPLATE_FLAGS: readonly TemplateFlag[] = ['widgetBanner', 'transcriptBubble', 'telegram', 'pin'];

/** The editor's state for one template. `rateLimit` is the raw field value (string while typing). */
export interface TemplateDraft {
  key: string;
  locales: string[];
  texts: Record<string, string>;
  flags: Record<TemplateFlag, boolean>;
  rateLimit: number | string;
}

export type TemplateAction =
  | { type: 'text'; locale: string; text: string }
  | { type: 'addLocale'; locale: string }
  | { type: 'removeLocale'; locale: string }
  | { type: 'flag'; flag: TemplateFlag; value: boolean }
  | { type: 'rateLimit'; value: number | string }
  | { type: 'reset'; template: SystemMessageTemplate };

function sortLocales(locales: Iterable<string>): string[] {
  const unique = [...new Set(locales)];
  const defaults = DEFAULT_LOCALES.filter((locale) => unique.includes(locale));
  const others = unique.filter((locale) => !(DEFAULT_LOCALES as readonly string[]).includes(locale)).sort();
  return [...defaults, ...others];
}

/** A draft of `template`: en, ru and fa always present (empty when missing), then its other locales. */
export function draftFromTemplate(template: SystemMessageTemplate): TemplateDraft {
  const texts: Record<string, string> = {};
  for (const locale of DEFAULT_LOCALES) texts[locale] = '';
  for (const [locale, text] of Object.entries(template.texts ?? {})) texts[locale] = text ?? '';
  return {
    key: template.key,
    locales: sortLocales([...DEFAULT_LOCALES, ...Object.keys(template.texts ?? {})]),
    texts,
    flags: {
      widgetBanner: !!template.widgetBanner,
      transcriptBubble: !!template.transcriptBubble,
      telegram: !!template.telegram,
      pin: !!template.pin,
    },
    rateLimit: template.rateLimitSeconds ?? 0,
  };
}

/**
 * A BCP 47-ish locale in canonical case (`pt_br` → `pt-BR`, `ZH-hant` → `zh-Hant`), or null when it does not look
 * like one (2–3 letter language, then 2–8 character subtags).
 */
export function normalizeLocale(input: string): string | null {
  const text = input.trim().replace(/_/g, '-');
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(text)) return null;
  const [language, ...subtags] = text.split('-');
  return [
    language.toLowerCase(),
    ...subtags.map((subtag) => {
      if (/^[a-zA-Z]{2}$/.test(subtag)) return subtag.toUpperCase();
      if (/^[a-zA-Z]{4}$/.test(subtag)) return subtag[0].toUpperCase() + subtag.slice(1).toLowerCase();
      return subtag.toLowerCase();
    }),
  ].join('-');
}

/** Why `input` cannot be added to `draft` (error key), or null when it can. */
export function localeError(draft: TemplateDraft, input: string): AdminKey | null {
  const locale = normalizeLocale(input);
  if (!locale) return 'templates.error.localeFormat';
  if (draft.locales.includes(locale)) return 'templates.error.localeExists';
  return null;
}

export function templateReducer(draft: TemplateDraft, action: TemplateAction): TemplateDraft {
  switch (action.type) {
    case 'text':
      if (!draft.locales.includes(action.locale)) return draft;
      return { ...draft, texts: { ...draft.texts, [action.locale]: action.text } };
    case 'addLocale': {
      const locale = normalizeLocale(action.locale);
      if (!locale || draft.locales.includes(locale)) return draft;
      return { ...draft, locales: sortLocales([...draft.locales, locale]), texts: { ...draft.texts, [locale]: '' } };
    }
    case 'removeLocale': {
      // the default locales stay (an empty text is simply not saved)
      if ((DEFAULT_LOCALES as readonly string[]).includes(action.locale)) return draft;
      const texts = { ...draft.texts };
      delete texts[action.locale];
      return { ...draft, locales: draft.locales.filter((locale) => locale !== action.locale), texts };
    }
    case 'flag':
      return { ...draft, flags: { ...draft.flags, [action.flag]: action.value } };
    case 'rateLimit':
      return { ...draft, rateLimit: action.value };
    case 'reset':
      return draftFromTemplate(action.template);
  }
}

/** The rate limit as whole seconds ≥ 0, or null when the field is invalid. */
export function parseRateLimit(value: number | string): number | null {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (!/^\d+$/.test(text)) return null;
  const seconds = Number(text);
  return Number.isSafeInteger(seconds) && seconds <= 2_147_483_647 ? seconds : null;
}

/** `{name}` placeholders in `text` the server does not know (each once, in order of appearance). */
export function unknownPlaceholders(text: string): string[] {
  const found = text.match(/\{[A-Za-z_][A-Za-z0-9_]*\}/g) ?? [];
  return [...new Set(found.filter((placeholder) => !(PLACEHOLDERS as readonly string[]).includes(placeholder)))];
}

export interface TemplateProblem {
  key: AdminKey;
  params?: Record<string, string>;
}

export interface TemplateValidation {
  /** The PUT body when the draft may be saved, else null. */
  update: SystemMessageTemplateUpdate | null;
  errors: TemplateProblem[];
  rateLimitError: AdminKey | null;
  warnings: TemplateProblem[];
}

/**
 * Validates a draft and builds the PUT body: texts that are blank are left out (that locale then falls back), at
 * least one text is required, the rate limit is whole seconds ≥ 0. Warns (without blocking) about a missing English
 * text and unknown placeholders.
 */
export function validateTemplate(draft: TemplateDraft): TemplateValidation {
  const texts: Record<string, string> = {};
  for (const locale of draft.locales) {
    const text = draft.texts[locale] ?? '';
    if (text.trim() !== '') texts[locale] = text;
  }
  const errors: TemplateProblem[] = [];
  const warnings: TemplateProblem[] = [];
  if (Object.keys(texts).length === 0) errors.push({ key: 'templates.error.noText' });
  else if (!texts.en) warnings.push({ key: 'templates.warn.noEnglish' });
  for (const [locale, text] of Object.entries(texts)) {
    for (const placeholder of unknownPlaceholders(text)) {
      warnings.push({ key: 'templates.warn.unknownPlaceholder', params: { placeholder, locale } });
    }
  }
  const rateLimitSeconds = parseRateLimit(draft.rateLimit);
  const rateLimitError: AdminKey | null = rateLimitSeconds === null ? 'templates.error.rateLimit' : null;
  const update = errors.length === 0 && rateLimitSeconds !== null
    ? { texts, ...draft.flags, rateLimitSeconds }
    : null;
  return { update, errors, rateLimitError, warnings };
}

/** Whether the draft would save something different from `template`. */
export function templateChanged(draft: TemplateDraft, template: SystemMessageTemplate): boolean {
  const { update } = validateTemplate(draft);
  if (!update) return true;
  const savedTexts = Object.entries(template.texts ?? {}).filter(([, text]) => (text ?? '').trim() !== '');
  const draftTexts = Object.entries(update.texts);
  if (savedTexts.length !== draftTexts.length) return true;
  if (savedTexts.some(([locale, text]) => update.texts[locale] !== text)) return true;
  return TEMPLATE_FLAGS.some((flag) => update[flag] !== !!template[flag])
    || update.rateLimitSeconds !== (template.rateLimitSeconds ?? 0);
}
