import { Notification, Portal, Stack } from '@mantine/core';
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { t } from '../i18n';

export interface Notice {
  id: number;
  message: string;
  /** Mantine colour: red for refusals and failures, the primary colour otherwise. */
  color: string;
  title?: string;
}

export type Notify = (message: string, options?: { color?: string; title?: string }) => void;

const NoticeContext = createContext<Notify>(() => {});

/**
 * Shows a short-lived notification at the bottom start, over the list rather than the buttons (e.g. the 409
 * problem detail "Anna already claimed it").
 */
export function useNotify(): Notify {
  return useContext(NoticeContext);
}

/**
 * Holds the notifications shown at the bottom start of the screen (away from the action buttons and the reply
 * box); each disappears after `timeoutMs` or when dismissed. Repeated identical texts are shown once.
 */
export function NoticeProvider({ children, timeoutMs = 6_000 }: { children: ReactNode; timeoutMs?: number }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setNotices((list) => list.filter((n) => n.id !== id));
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
  }, []);

  const notify = useCallback<Notify>((message, options) => {
    const id = nextId.current++;
    const notice: Notice = { id, message, color: options?.color ?? 'red', title: options?.title };
    setNotices((list) => [...list.filter((n) => n.message !== message), notice].slice(-4));
    timers.current.set(id, setTimeout(() => dismiss(id), timeoutMs));
  }, [dismiss, timeoutMs]);

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  const value = useMemo(() => notify, [notify]);
  return (
    <NoticeContext.Provider value={value}>
      {children}
      <Portal>
        <Stack gap="xs" pos="fixed" bottom={16} style={{ insetInlineStart: 16, zIndex: 1000, width: 360, maxWidth: 'calc(100vw - 32px)' }}
          role="status" aria-live="polite">
          {notices.map((notice) => (
            <Notification key={notice.id} color={notice.color} title={notice.title} withBorder
              onClose={() => dismiss(notice.id)} closeButtonProps={{ 'aria-label': t('notice.dismiss') }}
              data-testid="notice">
              {notice.message}
            </Notification>
          ))}
        </Stack>
      </Portal>
    </NoticeContext.Provider>
  );
}
