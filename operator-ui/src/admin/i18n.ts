import { format, textDirection } from '../i18n';

/**
 * English texts of the admin pages. To translate, add a catalog with the same keys (e.g. `ru`, `fa`) to
 * {@link adminCatalogs}; `{name}` placeholders are filled by {@link at}. Layout direction (RTL for fa, he, ar, …)
 * comes from `<html dir>` set by `src/i18n`, and the admin components use logical alignment only (start/end), so an
 * RTL catalog needs no code change.
 */
export const adminEn = {
  'admin.title': 'Administration',
  'admin.close': 'Back to conversations',
  'admin.tab.operators': 'Operators',
  'admin.tab.templates': 'System messages',
  'admin.tab.timers': 'Timers',
  'admin.tab.canned': 'Canned responses',
  'admin.tab.tags': 'Tags',
  'admin.tab.audit': 'Audit log',
  'admin.tab.records': 'Records',

  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.edit': 'Edit',
  'common.delete': 'Delete',
  'common.create': 'Create',
  'common.reload': 'Reload',
  'common.loading': 'Loading…',
  'common.saved': 'Saved',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.none': '—',
  'common.loadFailed': 'Could not load: {reason}',
  'common.confirmDelete': 'Delete “{name}”? This cannot be undone.',
  'common.confirmTitle': 'Please confirm',
  'common.unsaved': 'Unsaved changes',
  'error.network': 'network error',

  'operators.username': 'Username',
  'operators.displayName': 'Display name',
  'operators.role': 'Role',
  'operators.active': 'Active',
  'operators.actions': 'Actions',
  'operators.password': 'Password',
  'operators.newPassword': 'New password (leave empty to keep)',
  'operators.role.ADMIN': 'Admin',
  'operators.role.OPERATOR': 'Operator',
  'operators.create': 'New operator',
  'operators.createSubmit': 'Create operator',
  'operators.created': 'Operator {username} created',
  'operators.edit': 'Edit {username}',
  'operators.deactivate': 'Deactivate',
  'operators.reactivate': 'Reactivate',
  'operators.inactive': 'Inactive',
  'operators.you': 'you',
  'operators.empty': 'No operators',
  'operators.audit': 'Audit',
  'operators.auditTitle': 'Audit of {username}',
  'operators.auditEmpty': 'No changes recorded for this operator',
  'operators.error.usernameRequired': 'Username is required',
  'operators.error.usernameFormat': 'No spaces, at most {max} characters',
  'operators.error.displayNameRequired': 'Display name is required',
  'operators.error.displayNameLength': 'At most {max} characters',
  'operators.error.passwordShort': 'At least {min} characters',
  'operators.error.passwordLong': 'At most {max} bytes',

  'templates.empty': 'No system messages',
  'templates.select': 'Select a system message to edit it',
  'templates.key.welcome_message': 'Welcome message',
  'templates.key.waiting_for_agent': 'Waiting for an agent',
  'templates.key.conversation_reopened': 'Conversation reopened',
  'templates.key.unclaimed_reminder_5m': 'First reminder (unclaimed)',
  'templates.key.unclaimed_reminder_15m_pin': 'Second reminder (unclaimed, pinned)',
  'templates.key.closed_history_note': 'Closed conversation history note',
  'templates.key.closing_message': 'Default closing message',
  'templates.texts': 'Text per language',
  'templates.textLabel': 'Text ({locale})',
  'templates.addLocale': 'Add language',
  'templates.localePlaceholder': 'e.g. de or pt-BR',
  'templates.removeLocale': 'Remove {locale}',
  'templates.placeholders': 'Placeholders: {list}',
  'templates.flags': 'Where it appears',
  'templates.flag.widgetBanner': 'Banner in the web widget',
  'templates.flag.transcriptBubble': 'Bubble in the transcript',
  'templates.flag.telegram': 'Sent to Telegram',
  'templates.flag.pin': 'Pinned in Telegram',
  'templates.rateLimit': 'Rate limit (seconds, 0 = none)',
  'templates.updatedAt': 'Last changed {time}',
  'templates.error.localeFormat': 'Use a language code such as de, pt-BR',
  'templates.error.localeExists': '{locale} is already there',
  'templates.error.noText': 'Enter the text for at least one language',
  'templates.error.rateLimit': 'Enter whole seconds, 0 or more',
  'templates.warn.noEnglish': 'No English text: English is the fallback for other languages',
  'templates.warn.unknownPlaceholder': 'Unknown placeholder {placeholder} in {locale}',

  'timers.firstReminder': 'First reminder to operators (unclaimed)',
  'timers.secondReminder': 'Second reminder, pinned (unclaimed)',
  'timers.autoCloseUnanswered': 'Auto-close when nobody answered',
  'timers.autoCloseReplied': 'Auto-close after the operator replied and the customer went quiet',
  'timers.unit': 'Unit',
  'timers.unit.seconds': 'seconds',
  'timers.unit.minutes': 'minutes',
  'timers.unit.hours': 'hours',
  'timers.unit.days': 'days',
  'timers.disabled': 'Disabled (0)',
  'timers.inSeconds': '= {seconds} s',
  'timers.hint': '0 disables a timer.',
  'timers.error.required': 'Enter a number (0 disables)',
  'timers.error.negative': 'Must be 0 or more',
  'timers.error.fraction': 'Must be a whole number of seconds',
  'timers.error.tooLarge': 'At most {max} days',
  'timers.warn.secondBeforeFirst': 'The second reminder fires before or together with the first one',
  'timers.warn.closeBeforeReminder': 'Auto-close fires before the reminders',

  'canned.search': 'Search',
  'canned.category': 'Category',
  'canned.allCategories': 'All categories',
  'canned.title': 'Title',
  'canned.text': 'Text',
  'canned.shortcut': 'Shortcut',
  'canned.shared': 'Shared with all operators',
  'canned.sharedShort': 'Shared',
  'canned.personal': 'Personal',
  'canned.usage': 'Used',
  'canned.create': 'New canned response',
  'canned.edit': 'Edit canned response',
  'canned.empty': 'No canned responses',
  'canned.error.titleRequired': 'Title is required',
  'canned.error.textRequired': 'Text is required',
  'canned.error.tooLong': 'At most {max} characters',
  'canned.error.shortcutFormat': '1–32 of a–z, 0–9, _ or -',

  'tags.name': 'Name',
  'tags.color': 'Colour',
  'tags.create': 'Add tag',
  'tags.empty': 'No tags',
  'tags.error.nameRequired': 'Name is required',
  'tags.error.nameLength': 'At most {max} characters',
  'tags.error.color': 'Use a colour like #1e90ff',

  'audit.time': 'Time',
  'audit.actor': 'Who',
  'audit.action': 'Action',
  'audit.conversation': 'Conversation',
  'audit.change': 'Change',
  'audit.filterAction': 'Action (e.g. conversation.closed)',
  'audit.filterActor': 'Operator id',
  'audit.apply': 'Filter',
  'audit.loadMore': 'Load more',
  'audit.empty': 'No audit entries',
  'audit.system': 'system',

  'records.filterTitle': 'Delete closed conversations',
  'records.filterHint': 'Deletes every conversation that was closed before the start of this day (your time zone), with its messages, notes, tags and timers. Open and blocked conversations are kept.',
  'records.closedBefore': 'Closed before',
  'records.filterSubmit': 'Delete closed conversations…',
  'records.idsTitle': 'Delete conversations by id',
  'records.idsHint': 'One conversation id per line (any status, at most {max}); unknown ids are skipped.',
  'records.ids': 'Conversation ids',
  'records.idsCount': '{count} ids',
  'records.idsSubmit': 'Delete these conversations…',
  'records.confirmFilter': 'Delete every conversation closed before {date}? Their messages, notes and tags go too. This cannot be undone.',
  'records.confirmIds': 'Delete {count} conversations with their messages, notes and tags? This cannot be undone.',
  'records.confirm': 'Delete for good',
  'records.deleted': 'Deleted {deleted} conversations.',
  'records.error.dateRequired': 'Choose a date',
  'records.error.dateFormat': 'Enter a date as YYYY-MM-DD',
  'records.error.dateFuture': 'The date cannot be after today',
  'records.error.idsRequired': 'Enter at least one conversation id',
  'records.error.idsInvalid': '{count} entries are not conversation ids (UUIDs)',
  'records.error.idsTooMany': 'At most {max} ids at once',
} as const;

export type AdminKey = keyof typeof adminEn;
export type AdminCatalog = Record<AdminKey, string>;

/** Admin catalogs by language code (same codes as `src/i18n`). */
export const adminCatalogs: Record<string, AdminCatalog> = { en: adminEn };

let activeLanguage: string | null = null;

/** The first of `preferred` (BCP 47 tags) that has an admin catalog, by primary subtag; else `en`. */
export function resolveAdminLanguage(preferred: readonly string[]): string {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (adminCatalogs[primary]) return primary;
  }
  return 'en';
}

/** Chooses the admin catalog used by {@link at} (falls back to English for unknown languages). */
export function selectAdminLanguage(language: string): void {
  activeLanguage = language;
}

function currentCatalog(): AdminCatalog {
  if (activeLanguage === null) {
    const lang = typeof document === 'undefined' ? 'en' : document.documentElement.lang || 'en';
    activeLanguage = resolveAdminLanguage([lang]);
  }
  return adminCatalogs[activeLanguage] ?? adminEn;
}

/** The admin UI text for `key` in the active language; `{name}` placeholders are filled from `params`. */
export function at(key: AdminKey, params?: Record<string, string | number>): string {
  return format(currentCatalog()[key] ?? adminEn[key] ?? key, params);
}

/** `rtl` for a template locale such as `fa` or `he`, so its text box is written in the right direction. */
export function localeDirection(locale: string): 'rtl' | 'ltr' {
  return textDirection(locale);
}
