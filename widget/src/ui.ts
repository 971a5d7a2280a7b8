import css from './styles.css?inline';
import type { Locale, Translate } from './i18n';
import type { ChatMessage } from './types';

/** What the view reports; the controller decides. */
export interface ViewHandlers {
  toggle(): void;
  close(): void;
  send(text: string): void;
  input(text: string): void;
  retry(key: string): void;
  sound(on: boolean): void;
  vibration(on: boolean): void;
  changeName(): void;
  /** "Continue in Telegram" in the menu. */
  continueInTelegram(): void;
  nicknameInput(value: string): void;
  nicknameSubmit(value: string): void;
  dismissBanner(key: string): void;
  dismissNotice(): void;
  /** Any click or key press inside the widget (lets audio start). */
  gesture(): void;
}

export interface ViewOptions {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  position: 'left' | 'right';
  t: Translate;
  title: string | null;
  /** The nonce of the widget's script, for the `<style>` fallback under a nonce-based CSP. */
  nonce: string | null;
}

export interface MessageRenderInfo {
  readKey: string | null;
  retryable: ReadonlySet<string>;
}

const ICONS = {
  chat: 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h10V9H7zm0-3v2h10V6H7zm0 6v2h6v-2H7z',
  down: 'M7.4 8.6 12 13.2l4.6-4.6L18 10l-6 6-6-6z',
  close: 'M6.4 5 5 6.4l5.6 5.6L5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z',
  more: 'M12 8a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm0 6a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm0 6a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  send: 'M3 20.5v-7l9-1.5-9-1.5v-7L22 12z',
};

const SVG_NS = 'http://www.w3.org/2000/svg';
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
/** Screen-reader announcements of new messages are at most this often; one due meanwhile replaces the waiting one. */
export const ANNOUNCE_GAP_MS = 1_500;
const FOCUSABLE = 'button, textarea, input, a[href], [tabindex]:not([tabindex="-1"])';

type Attrs = Record<string, string | boolean | null | undefined>;

/**
 * The widget's DOM, inside an open shadow root on a host element appended to `<body>`. No logic beyond showing
 * what it is given and reporting what the customer does; no inline handlers, no HTML parsing of message text.
 */
export class View {
  readonly host: HTMLElement;
  readonly shadow: ShadowRoot;
  private readonly doc: Document;
  private readonly root: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly launcherIcon: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly menuButton: HTMLButtonElement;
  private readonly menu: HTMLElement;
  private readonly soundBox: HTMLInputElement;
  private readonly vibrationBox: HTMLInputElement;
  private readonly changeNameButton: HTMLButtonElement;
  private readonly telegramButton: HTMLButtonElement;
  private readonly offline: HTMLElement;
  private readonly banners: HTMLElement;
  private readonly nickRow: HTMLElement;
  private readonly nickInput: HTMLInputElement;
  private readonly nickSave: HTMLButtonElement;
  private readonly nickError: HTMLElement;
  private readonly log: HTMLElement;
  private readonly intro: HTMLElement;
  private readonly list: HTMLElement;
  private readonly typing: HTMLElement;
  private readonly status: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly noticeText: HTMLElement;
  private readonly live: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly items = new Map<string, { el: HTMLElement; sig: string }>();
  private readonly timeFormat: Intl.DateTimeFormat;
  private readonly dateTimeFormat: Intl.DateTimeFormat;
  private isOpen = false;
  private unread = 0;
  private announceTimer: ReturnType<typeof setTimeout> | null = null;
  private announcement = '';
  private announcedAt = -Infinity;

  constructor(doc: Document, private readonly options: ViewOptions, private readonly on: ViewHandlers) {
    this.doc = doc;
    const t = options.t;
    this.timeFormat = new Intl.DateTimeFormat(options.locale, { hour: '2-digit', minute: '2-digit' });
    this.dateTimeFormat = new Intl.DateTimeFormat(options.locale,
      { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

    this.host = this.el('div', { id: 'switchboard-widget', 'data-switchboard-widget': '' });
    this.shadow = this.host.attachShadow({ mode: 'open' });
    this.adoptStyles();

    this.launcherIcon = this.el('span', { 'aria-hidden': 'true' });
    this.badge = this.el('span', { class: 'badge', 'data-testid': 'sb-unread', 'aria-hidden': 'true', hidden: true });
    this.launcher = this.el('button', {
      class: 'launcher', type: 'button', 'data-testid': 'sb-launcher', 'aria-expanded': 'false',
      'aria-controls': 'sb-panel', 'aria-haspopup': 'dialog',
    }, [this.launcherIcon, this.badge]) as HTMLButtonElement;

    const titleText = options.title || t('title');
    this.menuButton = this.el('button', {
      class: 'icon', type: 'button', 'aria-label': t('menu'), title: t('menu'), 'aria-expanded': 'false',
      'aria-controls': 'sb-menu', 'data-testid': 'sb-menu-button',
    }, [this.icon(ICONS.more)]) as HTMLButtonElement;
    const closeButton = this.el('button', {
      class: 'icon', type: 'button', 'aria-label': t('closeChat'), title: t('closeChat'), 'data-testid': 'sb-close',
    }, [this.icon(ICONS.close)]);
    closeButton.addEventListener('click', () => this.on.close());
    this.menuButton.addEventListener('click', () => this.setMenu(this.menu.hidden));

    this.soundBox = this.el('input', { type: 'checkbox', 'data-testid': 'sb-sound' }) as HTMLInputElement;
    this.vibrationBox = this.el('input', { type: 'checkbox', 'data-testid': 'sb-vibration' }) as HTMLInputElement;
    this.soundBox.addEventListener('change', () => this.on.sound(this.soundBox.checked));
    this.vibrationBox.addEventListener('change', () => this.on.vibration(this.vibrationBox.checked));
    this.changeNameButton = this.el('button', { type: 'button', 'data-testid': 'sb-change-name' },
      [t('changeName')]) as HTMLButtonElement;
    this.changeNameButton.addEventListener('click', () => {
      this.setMenu(false);
      this.on.changeName();
    });
    this.telegramButton = this.el('button', { type: 'button', 'data-testid': 'sb-telegram', hidden: true },
      [t('continueInTelegram')]) as HTMLButtonElement;
    this.telegramButton.addEventListener('click', () => {
      this.setMenu(false);
      this.on.continueInTelegram();
    });
    this.menu = this.el('div', { class: 'menu', id: 'sb-menu', role: 'group', 'aria-label': t('menu'), hidden: true }, [
      this.el('label', {}, [this.soundBox, t('sound')]),
      this.el('label', {}, [this.vibrationBox, t('vibration')]),
      this.changeNameButton,
      this.telegramButton,
    ]);

    const header = this.el('div', { class: 'head' }, [
      this.el('h2', { id: 'sb-title' }, [titleText]), this.menuButton, closeButton, this.menu,
    ]);

    this.offline = this.el('div', { class: 'bar offline', 'data-testid': 'sb-offline', role: 'status', hidden: true },
      [t('offline')]);
    this.banners = this.el('div', { class: 'banners' });

    this.nickInput = this.el('input', {
      id: 'sb-nick', type: 'text', 'data-testid': 'sb-nickname', autocomplete: 'nickname', maxlength: '64',
      'aria-describedby': 'sb-nick-error',
    }) as HTMLInputElement;
    this.nickSave = this.el('button', { type: 'button', 'data-testid': 'sb-nickname-save' },
      [t('nicknameSave')]) as HTMLButtonElement;
    this.nickError = this.el('p', { class: 'err', id: 'sb-nick-error', role: 'alert', hidden: true });
    this.nickRow = this.el('div', { class: 'nick', hidden: true }, [
      this.el('label', { for: 'sb-nick' }, [t('nicknameLabel')]),
      this.el('div', {}, [this.nickInput, this.nickSave]),
      this.nickError,
    ]);
    this.nickInput.addEventListener('input', () => this.on.nicknameInput(this.nickInput.value));
    this.nickSave.addEventListener('click', () => this.on.nicknameSubmit(this.nickInput.value));
    this.nickInput.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      if (this.nickSave.hidden) this.input.focus();
      else this.on.nicknameSubmit(this.nickInput.value);
    });

    this.intro = this.el('p', { class: 'intro', 'data-testid': 'sb-intro' }, [t('intro')]);
    this.list = this.el('ol', { class: 'list', 'aria-label': t('messages') });
    this.log = this.el('div', { class: 'log', role: 'region', 'aria-label': t('messages'), tabindex: '0' },
      [this.intro, this.list]);
    this.typing = this.el('div', { class: 'typing', 'data-testid': 'sb-typing', hidden: true });
    this.status = this.el('div', { class: 'status', 'data-testid': 'sb-status', role: 'status', hidden: true });
    this.noticeText = this.el('span');
    const noticeClose = this.el('button', { class: 'x', type: 'button', 'aria-label': t('dismiss') }, ['×']);
    noticeClose.addEventListener('click', () => this.on.dismissNotice());
    this.notice = this.el('div', { class: 'notice', 'data-testid': 'sb-notice', role: 'status', hidden: true },
      [this.noticeText, noticeClose]);
    // directly in the shadow root, not in the panel: announcements must be heard while the panel is closed (hidden)
    this.live = this.el('div', { class: 'sr', 'aria-live': 'polite', 'aria-atomic': 'true', 'data-testid': 'sb-live',
      dir: options.dir, lang: options.locale });

    this.input = this.el('textarea', {
      id: 'sb-input', rows: '1', 'data-testid': 'sb-input', placeholder: t('placeholder'), maxlength: '4000',
      'aria-label': t('inputLabel'), enterkeyhint: 'send',
    }) as HTMLTextAreaElement;
    this.sendButton = this.el('button', {
      class: 'send', type: 'submit', 'data-testid': 'sb-send', 'aria-label': t('send'), title: t('send'),
    }, [this.icon(ICONS.send)]) as HTMLButtonElement;
    const form = this.el('form', { class: 'composer' }, [
      this.el('label', { class: 'sr', for: 'sb-input' }, [t('inputLabel')]), this.input, this.sendButton,
    ]);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => {
      this.autosize();
      this.on.input(this.input.value);
    });

    this.panel = this.el('div', {
      // not aria-modal: the page behind the panel stays usable
      class: 'panel', id: 'sb-panel', 'data-testid': 'sb-panel', role: 'dialog',
      'aria-labelledby': 'sb-title', dir: options.dir, lang: options.locale, hidden: true,
    }, [header, this.offline, this.banners, this.nickRow, this.log, this.typing, this.status, this.notice, form]);

    this.root = this.el('div', { class: 'root', 'data-position': options.position, dir: options.dir,
      lang: options.locale }, [this.panel, this.launcher]);
    this.shadow.append(this.root, this.live);

    this.launcher.addEventListener('click', () => this.on.toggle());
    this.root.addEventListener('keydown', (e) => this.onKeydown(e));
    this.root.addEventListener('pointerdown', () => this.on.gesture());
    this.root.addEventListener('keydown', () => this.on.gesture());
    this.panel.addEventListener('click', (e) => {
      if (this.menu.hidden) return;
      const path = e.composedPath();
      if (!path.includes(this.menu) && !path.includes(this.menuButton)) this.setMenu(false);
    });
    this.renderLauncher();
  }

  /** Adds the host element to the page. */
  mount(): void {
    (this.doc.body ?? this.doc.documentElement).appendChild(this.host);
  }

  unmount(): void {
    if (this.announceTimer !== null) clearTimeout(this.announceTimer);
    this.announceTimer = null;
    this.host.remove();
  }

  get opened(): boolean {
    return this.isOpen;
  }

  /** Shows or hides the panel; `focus` moves the focus into the panel (open) or back to the launcher (close). */
  setOpen(open: boolean, focus: boolean): void {
    this.isOpen = open;
    this.panel.hidden = !open;
    this.root.classList.toggle('open', open);
    if (!open) this.setMenu(false);
    this.renderLauncher();
    if (open) {
      this.autosize();
      this.scrollToEnd();
      if (focus) this.input.focus();
    } else if (focus) {
      this.launcher.focus();
    }
  }

  setUnread(count: number): void {
    this.unread = count;
    this.renderLauncher();
  }

  setPrefs(sound: boolean, vibration: boolean): void {
    this.soundBox.checked = sound;
    this.vibrationBox.checked = vibration;
  }

  /** Whether "Change name" is offered in the menu (only once there is a conversation). */
  setCanChangeName(can: boolean): void {
    this.changeNameButton.hidden = !can;
  }

  /** Whether "Continue in Telegram" is offered in the menu (once there is a conversation, while a bot is there). */
  setCanContinueInTelegram(can: boolean): void {
    this.telegramButton.hidden = !can;
  }

  /** What the message input holds now. */
  get draft(): string {
    return this.input.value;
  }

  setDraft(text: string): void {
    this.input.value = text;
    this.autosize();
  }

  focusInput(): void {
    this.input.focus();
  }

  /**
   * The nickname row: hidden, or shown with a value; `saveButton` for an existing conversation (PATCH), without it
   * the value goes with the first message.
   */
  setNickname(visible: boolean, value: string | null, saveButton: boolean, focus = false): void {
    this.nickRow.hidden = !visible;
    if (value !== null) this.nickInput.value = value;
    this.nickSave.hidden = !saveButton;
    if (!visible) this.setNicknameError(null);
    if (visible && focus) this.nickInput.focus();
  }

  setNicknameError(text: string | null, focus = false): void {
    this.nickError.textContent = text ?? '';
    this.nickError.hidden = !text;
    this.nickInput.setAttribute('aria-invalid', text ? 'true' : 'false');
    if (text && focus) {
      this.nickRow.hidden = false;
      this.nickInput.focus();
    }
  }

  setOffline(offline: boolean): void {
    this.keepBottom(() => {
      this.offline.hidden = !offline;
    });
  }

  setTyping(text: string | null): void {
    this.keepBottom(() => {
      this.typing.textContent = text ?? '';
      this.typing.hidden = !text;
    });
  }

  setStatusNote(text: string | null): void {
    this.keepBottom(() => {
      this.status.textContent = text ?? '';
      this.status.hidden = !text;
    });
  }

  setNotice(text: string | null): void {
    this.keepBottom(() => {
      this.noticeText.textContent = text ?? '';
      this.notice.hidden = !text;
    });
  }

  setBanners(banners: ReadonlyMap<string, string>): void {
    this.keepBottom(() => this.fillBanners(banners));
  }

  private fillBanners(banners: ReadonlyMap<string, string>): void {
    this.banners.replaceChildren();
    for (const [key, text] of banners) {
      const close = this.el('button', { class: 'x', type: 'button', 'aria-label': this.options.t('dismiss') }, ['×']);
      close.addEventListener('click', () => this.on.dismissBanner(key));
      this.banners.appendChild(this.el('div', {
        class: 'bar banner', 'data-testid': 'sb-banner', 'data-key': key, role: 'status',
      }, [this.el('span', {}, [text]), close]));
    }
  }

  /**
   * Says `text` to screen readers (the polite live region, heard whether the panel is open or not), at most once per
   * {@link ANNOUNCE_GAP_MS}: what comes in meanwhile waits, and only the newest waiting text is said.
   */
  announce(text: string): void {
    this.announcement = text;
    if (this.announceTimer !== null) return;
    const wait = Math.max(50, this.announcedAt + ANNOUNCE_GAP_MS - Date.now());
    this.live.textContent = ''; // so the same text twice is still a change
    this.announceTimer = setTimeout(() => {
      this.announceTimer = null;
      this.announcedAt = Date.now();
      this.live.textContent = this.announcement;
    }, wait);
  }

  /**
   * Renders the timeline: elements are keyed by the message key and only rebuilt when something shown changed, so a
   * confirmed local echo keeps its element (and screen readers do not hear it twice).
   */
  renderMessages(messages: readonly ChatMessage[], info: MessageRenderInfo, scrollToEnd: boolean): void {
    const stick = scrollToEnd || this.nearBottom();
    this.intro.hidden = messages.some((m) => m.kind !== 'note');
    const seen = new Set<string>();
    let previous: Element | null = null;
    for (const m of messages) {
      seen.add(m.key);
      const read = info.readKey === m.key;
      const retry = info.retryable.has(m.key) || m.status === 'failed';
      const sig = [m.status, m.text, m.createdAt, m.authorName, m.kind, m.id, read, retry, !!m.edited, !!m.deleted]
        .join('\u0001');
      let item = this.items.get(m.key);
      if (!item) {
        item = { el: this.el('li', { class: 'msg', 'data-testid': 'sb-message' }), sig: '' };
        this.items.set(m.key, item);
      }
      if (item.sig !== sig) {
        this.fillMessage(item.el, m, read, retry);
        item.sig = sig;
      }
      const expected: Element | null = previous ? previous.nextElementSibling : this.list.firstElementChild;
      if (expected !== item.el) {
        if (previous) previous.after(item.el);
        else this.list.prepend(item.el);
      }
      previous = item.el;
    }
    for (const [key, item] of this.items) {
      if (!seen.has(key)) {
        item.el.remove();
        this.items.delete(key);
      }
    }
    if (stick) this.scrollToEnd();
  }

  scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }

  isDocumentVisible(): boolean {
    return this.doc.visibilityState !== 'hidden';
  }

  private fillMessage(li: HTMLElement, m: ChatMessage, read: boolean, retry: boolean): void {
    const t = this.options.t;
    li.setAttribute('data-direction', m.direction);
    li.setAttribute('data-kind', m.kind);
    li.setAttribute('data-status', m.status);
    if (m.clientMessageId) li.setAttribute('data-client-id', m.clientMessageId);
    else li.removeAttribute('data-client-id');
    if (m.id) li.setAttribute('data-id', m.id);
    else li.removeAttribute('data-id');
    if (m.kind === 'note') li.setAttribute('data-testid', 'sb-note');
    if (m.deleted) li.setAttribute('data-deleted', '');
    else li.removeAttribute('data-deleted');
    const children: Node[] = [];
    if (m.kind === 'operator') {
      children.push(this.el('span', { class: 'author', 'data-testid': 'sb-author' },
        [t('replied', { name: m.authorName ?? t('support') })]));
    } else if (m.kind === 'customer') {
      children.push(this.el('span', { class: 'sr' }, [`${t('you')}:`]));
    }
    children.push(m.deleted
      ? this.el('div', { class: 'bubble', 'data-testid': 'sb-deleted' }, [t('messageDeleted')])
      : this.el('div', { class: 'bubble' }, this.linkify(m.text)));
    if (m.kind !== 'note') {
      const meta: Node[] = [];
      if (m.status === 'sent' || m.status === 'failed') {
        meta.push(this.el('time', { datetime: m.createdAt }, [this.formatTime(m.createdAt)]));
      }
      if (m.edited && !m.deleted) meta.push(this.el('span', { 'data-testid': 'sb-edited' }, [`· ${t('edited')}`]));
      if (m.status === 'pending' || m.status === 'accepted') meta.push(this.text(t('sending')));
      if (m.status === 'failed') meta.push(this.text(t('notSent')));
      if (retry && m.status !== 'sent') {
        const button = this.el('button', { class: 'retry', type: 'button', 'data-testid': 'sb-retry' }, [t('retry')]);
        button.addEventListener('click', () => this.on.retry(m.key));
        meta.push(button);
      }
      if (read) meta.push(this.el('span', { 'data-testid': 'sb-read' }, [`· ${t('read')}`]));
      children.push(this.el('div', { class: 'meta' }, meta));
    }
    li.replaceChildren(...children);
  }

  private formatTime(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    const today = new Date().toDateString() === date.toDateString();
    return (today ? this.timeFormat : this.dateTimeFormat).format(date);
  }

  private linkify(text: string): Node[] {
    const nodes: Node[] = [];
    let last = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
      let url = match[0];
      const trailing = /[.,;:!?)\]]+$/.exec(url);
      if (trailing) url = url.slice(0, -trailing[0].length);
      const start = match.index ?? 0;
      if (start > last) nodes.push(this.text(text.slice(last, start)));
      nodes.push(this.el('a', { href: url, target: '_blank', rel: 'noopener noreferrer nofollow' }, [url]));
      last = start + url.length;
    }
    if (last < text.length) nodes.push(this.text(text.slice(last)));
    return nodes;
  }

  private submit(): void {
    const text = this.input.value;
    if (text.trim() === '') return;
    this.on.send(text);
  }

  private autosize(): void {
    const input = this.input;
    input.style.height = 'auto';
    if (input.scrollHeight > 0) input.style.height = `${Math.min(input.scrollHeight + 2, 140)}px`;
  }

  /** Runs a change that resizes the message log and keeps the newest message in view if it was. */
  private keepBottom(change: () => void): void {
    const stick = this.isOpen && this.nearBottom();
    change();
    if (stick) this.scrollToEnd();
  }

  private nearBottom(): boolean {
    const log = this.log;
    return log.scrollHeight - log.scrollTop - log.clientHeight < 60;
  }

  private setMenu(open: boolean): void {
    this.menu.hidden = !open;
    this.menuButton.setAttribute('aria-expanded', String(open));
    if (open) this.soundBox.focus();
  }

  private renderLauncher(): void {
    const t = this.options.t;
    const count = this.isOpen ? 0 : this.unread;
    this.badge.textContent = count > 99 ? '99+' : String(count);
    this.badge.hidden = count === 0;
    this.launcher.setAttribute('aria-expanded', String(this.isOpen));
    const label = this.isOpen ? t('closeChat') : t('openChat');
    this.launcher.setAttribute('aria-label', count ? `${label} (${t('unread', { n: count })})` : label);
    this.launcher.title = label;
    this.launcherIcon.replaceChildren(this.icon(this.isOpen ? ICONS.down : ICONS.chat));
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.isOpen) {
      e.stopPropagation();
      if (!this.menu.hidden) {
        this.setMenu(false);
        this.menuButton.focus();
      } else {
        this.on.close();
      }
      return;
    }
    if (e.key !== 'Tab' || !this.isOpen) return;
    const active = this.shadow.activeElement;
    if (!active || !this.panel.contains(active)) return;
    const focusables = Array.from(this.panel.querySelectorAll<HTMLElement>(FOCUSABLE))
      .filter((el) => !(el as HTMLButtonElement).disabled && !el.closest('[hidden]'));
    if (focusables.length === 0) return;
    const first = focusables[0];
    const last = focusables[focusables.length - 1];
    if (e.shiftKey && active === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    }
  }

  private adoptStyles(): void {
    const shadow = this.shadow as ShadowRoot & { adoptedStyleSheets?: CSSStyleSheet[] };
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      shadow.adoptedStyleSheets = [sheet];
      if (shadow.adoptedStyleSheets.length === 1) return;
    } catch {
      // no constructable stylesheets (older Safari, jsdom): fall back to a <style> element in the shadow root
    }
    const style = this.doc.createElement('style');
    if (this.options.nonce) style.nonce = this.options.nonce;
    style.textContent = css;
    this.shadow.appendChild(style);
  }

  private icon(path: string): SVGElement {
    const svg = this.doc.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const p = this.doc.createElementNS(SVG_NS, 'path');
    p.setAttribute('d', path);
    svg.appendChild(p);
    return svg;
  }

  private text(value: string): Text {
    return this.doc.createTextNode(value);
  }

  private el(tag: string, attrs: Attrs = {}, children: (Node | string)[] = []): HTMLElement {
    const el = this.doc.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === false || value === null || value === undefined) continue;
      if (name === 'hidden') el.hidden = true;
      else el.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children) el.append(typeof child === 'string' ? this.text(child) : child);
    return el;
  }
}
