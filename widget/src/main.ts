import { chooseLocale } from './i18n';
import { browserStore, type KeyValueStore } from './storage';
import { Widget, type WidgetConfig } from './widget';

/**
 * Entry of widget.<hash>.js (an IIFE, global `SwitchboardWidget`). It reads its configuration from its own
 * `<script>` element (the loader /widget.js copies its data-* attributes onto it): `data-gateway` (origin of the
 * gateway; default: the origin the script came from), `data-position` (`right` | `left`), `data-locale`
 * (`en` | `ru` | `fa`; default: `<html lang>`, then the browser's languages), `data-title` (panel heading).
 */
const script = (document.currentScript as HTMLScriptElement | null)
  ?? document.querySelector<HTMLScriptElement>('script[src*="/widget/widget."], script[data-switchboard-widget]');

function sessionStore(): KeyValueStore {
  const memory = new Map<string, string>();
  let storage: Storage | null = null;
  try {
    storage = window.sessionStorage;
  } catch {
    storage = null;
  }
  return {
    get: (key) => {
      try {
        return storage ? storage.getItem(key) : memory.get(key) ?? null;
      } catch {
        return memory.get(key) ?? null;
      }
    },
    set: (key, value) => {
      try {
        if (storage) storage.setItem(key, value);
        else memory.set(key, value);
      } catch {
        memory.set(key, value);
      }
    },
    remove: (key) => {
      try {
        storage?.removeItem(key);
      } catch {
        // ignore
      }
      memory.delete(key);
    },
  };
}

function originOf(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

function config(): WidgetConfig {
  const data = script?.dataset ?? {};
  const origin = originOf(data.gateway) ?? originOf(script?.src) ?? location.origin;
  return {
    origin,
    position: data.position === 'left' ? 'left' : 'right',
    locale: chooseLocale(data.locale, document.documentElement.lang,
      navigator.languages?.length ? navigator.languages : [navigator.language]),
    title: data.title ?? null,
    nonce: script?.nonce || null,
  };
}

type Global = typeof globalThis & { __switchboardWidget?: Widget };

let widget: Widget | null = null;

function start(): void {
  const g = globalThis as Global;
  if (g.__switchboardWidget) {
    widget = g.__switchboardWidget;
    return;
  }
  widget = new Widget(config(), {
    window,
    document,
    fetch: (input, init) => fetch(input, init),
    store: browserStore(),
    tabStore: sessionStore(),
    locks: typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null,
  });
  g.__switchboardWidget = widget;
  widget.mount();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();

/** Opens the chat panel (for a "Contact us" link on the host page: `SwitchboardWidget.open()`). */
export function open(): void {
  widget?.open();
}

/** Closes the chat panel. */
export function close(): void {
  widget?.close();
}

/** Opens or closes the chat panel. */
export function toggle(): void {
  widget?.toggle();
}
