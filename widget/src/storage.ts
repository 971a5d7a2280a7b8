/** A tiny string key-value store (localStorage, or memory where storage is blocked). */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** Keys are per gateway origin, so two widgets of different gateways on one site keep separate sessions. */
export function storageKey(origin: string, name: string): string {
  return `switchboard-widget:${origin}:${name}`;
}

/** localStorage when it works (it throws in some privacy modes and sandboxed iframes), else an in-memory map. */
export function browserStore(): KeyValueStore {
  const memory = new Map<string, string>();
  let storage: Storage | null = null;
  try {
    storage = globalThis.localStorage ?? null;
    const probe = '__switchboard_probe__';
    storage?.setItem(probe, probe);
    storage?.removeItem(probe);
  } catch {
    storage = null;
  }
  return {
    get(key) {
      try {
        return storage ? storage.getItem(key) : memory.get(key) ?? null;
      } catch {
        return memory.get(key) ?? null;
      }
    },
    set(key, value) {
      try {
        if (storage) storage.setItem(key, value);
        else memory.set(key, value);
      } catch {
        memory.set(key, value);
      }
    },
    remove(key) {
      try {
        storage?.removeItem(key);
      } catch {
        // ignore
      }
      memory.delete(key);
    },
  };
}

/** Reads a JSON value; null when absent or unreadable. */
export function readJson<T>(store: KeyValueStore, key: string): T | null {
  const text = store.get(key);
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
