/** The widget's languages; `fa` is written right to left. */
export const LOCALES = ['en', 'ru', 'fa'] as const;
export type Locale = (typeof LOCALES)[number];

const RTL = new Set<string>(['fa']);

const en = {
  title: 'Chat with us',
  intro: 'Hi! Ask us anything — we usually reply within a few minutes.',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  unread: '{n} unread',
  menu: 'Settings',
  sound: 'Sound',
  vibration: 'Vibration',
  changeName: 'Change name',
  messages: 'Messages',
  inputLabel: 'Message',
  placeholder: 'Write a message…',
  send: 'Send',
  nicknameLabel: 'Your name (optional)',
  nicknameSave: 'Save',
  nicknameSaved: 'Thanks, we will call you {name}.',
  nicknameLength: 'Please use 2 to 32 characters.',
  nicknameLink: 'A name cannot contain links.',
  nicknameChars: 'A name cannot contain special control characters.',
  you: 'You',
  replied: '{name} replied',
  support: 'Support',
  joined: '{name} joined the conversation',
  sending: 'Sending…',
  notSent: 'Not sent',
  retry: 'Retry',
  read: 'Read',
  typing: '{name} is typing…',
  offline: 'Connection lost. Reconnecting…',
  closed: 'This conversation was closed. Write a message to start again.',
  rateLimited: 'You are writing a little too fast. Please wait {seconds} s — we will send it then.',
  rateLimitedName: 'Your name was changed too often. Please try again in {minutes} min.',
  unavailable: 'We could not reach the chat. Your message is saved and will be sent as soon as possible.',
  sessionLost: 'Your chat session has expired. Your next message starts a new conversation.',
  tooLong: 'That message is too long (at most {max} characters).',
  error: 'Something went wrong. Please try again.',
  dismiss: 'Dismiss',
  newMessage: 'New message from {name}: {text}',
  continueInTelegram: 'Continue in Telegram',
  edited: 'edited',
  messageDeleted: 'Message deleted',
};

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;

const ru: Catalog = {
  title: 'Напишите нам',
  intro: 'Здравствуйте! Задайте любой вопрос — обычно мы отвечаем за несколько минут.',
  openChat: 'Открыть чат',
  closeChat: 'Закрыть чат',
  unread: 'Непрочитанных: {n}',
  menu: 'Настройки',
  sound: 'Звук',
  vibration: 'Вибрация',
  changeName: 'Изменить имя',
  messages: 'Сообщения',
  inputLabel: 'Сообщение',
  placeholder: 'Напишите сообщение…',
  send: 'Отправить',
  nicknameLabel: 'Ваше имя (необязательно)',
  nicknameSave: 'Сохранить',
  nicknameSaved: 'Спасибо, будем обращаться к вам: {name}.',
  nicknameLength: 'Имя должно быть от 2 до 32 символов.',
  nicknameLink: 'Имя не может содержать ссылки.',
  nicknameChars: 'Имя не может содержать управляющие символы.',
  you: 'Вы',
  replied: '{name} ответил(а)',
  support: 'Поддержка',
  joined: '{name} присоединился(-ась) к разговору',
  sending: 'Отправка…',
  notSent: 'Не отправлено',
  retry: 'Повторить',
  read: 'Прочитано',
  typing: '{name} печатает…',
  offline: 'Нет соединения. Переподключаемся…',
  closed: 'Этот разговор завершён. Напишите сообщение, чтобы начать снова.',
  rateLimited: 'Вы пишете слишком быстро. Подождите {seconds} с — мы отправим сообщение потом.',
  rateLimitedName: 'Имя меняли слишком часто. Попробуйте снова через {minutes} мин.',
  unavailable: 'Не удалось связаться с чатом. Сообщение сохранено и будет отправлено, как только получится.',
  sessionLost: 'Сессия чата истекла. Следующее сообщение начнёт новый разговор.',
  tooLong: 'Сообщение слишком длинное (не более {max} символов).',
  error: 'Что-то пошло не так. Попробуйте ещё раз.',
  dismiss: 'Закрыть',
  newMessage: 'Новое сообщение от {name}: {text}',
  continueInTelegram: 'Продолжить в Telegram',
  edited: 'изменено',
  messageDeleted: 'Сообщение удалено',
};

const fa: Catalog = {
  title: 'با ما گفتگو کنید',
  intro: 'سلام! هر سؤالی دارید بپرسید — معمولاً در چند دقیقه پاسخ می‌دهیم.',
  openChat: 'باز کردن گفتگو',
  closeChat: 'بستن گفتگو',
  unread: '{n} پیام خوانده‌نشده',
  menu: 'تنظیمات',
  sound: 'صدا',
  vibration: 'لرزش',
  changeName: 'تغییر نام',
  messages: 'پیام‌ها',
  inputLabel: 'پیام',
  placeholder: 'پیامی بنویسید…',
  send: 'ارسال',
  nicknameLabel: 'نام شما (اختیاری)',
  nicknameSave: 'ذخیره',
  nicknameSaved: 'سپاس، شما را {name} صدا می‌زنیم.',
  nicknameLength: 'لطفاً بین ۲ تا ۳۲ نویسه وارد کنید.',
  nicknameLink: 'نام نمی‌تواند پیوند داشته باشد.',
  nicknameChars: 'نام نمی‌تواند نویسه‌های کنترلی داشته باشد.',
  you: 'شما',
  replied: '{name} پاسخ داد',
  support: 'پشتیبانی',
  joined: '{name} به گفتگو پیوست',
  sending: 'در حال ارسال…',
  notSent: 'ارسال نشد',
  retry: 'تلاش دوباره',
  read: 'خوانده شد',
  typing: '{name} در حال نوشتن است…',
  offline: 'اتصال قطع شد. در حال اتصال دوباره…',
  closed: 'این گفتگو بسته شد. برای شروع دوباره پیامی بنویسید.',
  rateLimited: 'کمی سریع می‌نویسید. لطفاً {seconds} ثانیه صبر کنید — پیام شما پس از آن ارسال می‌شود.',
  rateLimitedName: 'نام شما بیش از حد تغییر کرده است. لطفاً {minutes} دقیقه دیگر دوباره امتحان کنید.',
  unavailable: 'دسترسی به گفتگو ممکن نشد. پیام شما نگه داشته شده و در اولین فرصت ارسال می‌شود.',
  sessionLost: 'نشست گفتگوی شما منقضی شده است. پیام بعدی شما گفتگوی تازه‌ای را آغاز می‌کند.',
  tooLong: 'این پیام خیلی طولانی است (حداکثر {max} نویسه).',
  error: 'مشکلی پیش آمد. لطفاً دوباره تلاش کنید.',
  dismiss: 'بستن',
  newMessage: 'پیام تازه از {name}: {text}',
  continueInTelegram: 'ادامه در تلگرام',
  edited: 'ویرایش‌شده',
  messageDeleted: 'پیام حذف شد',
};

export const CATALOGS: Record<Locale, Catalog> = { en, ru, fa };

function normalise(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(primary) ? (primary as Locale) : null;
}

/**
 * The widget's language: the first supported one of `data-locale`, the host page's `<html lang>`, then the browser's
 * languages (`navigator.languages`, else `navigator.language`), by primary subtag (`ru-RU` → `ru`); `en` otherwise.
 */
export function chooseLocale(dataLocale: string | null | undefined, htmlLang: string | null | undefined,
                             browserLanguages: readonly (string | null | undefined)[]): Locale {
  for (const candidate of [dataLocale, htmlLang, ...browserLanguages]) {
    const locale = normalise(candidate);
    if (locale) return locale;
  }
  return 'en';
}

/** `rtl` for right-to-left languages. */
export function direction(locale: Locale): 'rtl' | 'ltr' {
  return RTL.has(locale) ? 'rtl' : 'ltr';
}

/** Replaces `{name}` placeholders; unknown placeholders stay as they are. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translator for `locale`, falling back to English for a missing entry. */
export function translator(locale: Locale): Translate {
  const catalog = CATALOGS[locale];
  return (key, params) => format(catalog[key] ?? en[key], params);
}
