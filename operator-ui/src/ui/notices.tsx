import { Notification, Portal, Stack, UnstyledButton } from '@mantine/core';
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { t } from '../i18n';

export interface Notice {
  id: number;
  message: string;
  /** Mantine colour: red for refusals and failures, the primary colour otherwise. */
  color: string;
  title?: string;
  /** Clicking the text runs this and dismisses the notice (e.g. "open the conversation"). */
  onClick?: () => void;
  /** `data-kind` of the notice (e.g. `reminder`). */
  kind?: string;
  /** `data-conversation-id` of the notice, when it is about one conversation. */
  conversationId?: string;
}

export interface NotifyOptions {
  color?: string;
  title?: string;
  onClick?: () => void;
  kind?: string;
  conversationId?: string;
  /** How long it stays (ms); the provider's default otherwise. */
  timeoutMs?: number;
}

export type Notify = (message: string, options?: NotifyOptions) => void;

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
 * box); each disappears after `timeoutMs` (or its own) or when dismissed. Repeated identical texts are shown once.
 * A notice with `onClick` has its text as a button (`notice-action`) that runs it and dismisses the notice.
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
    const notice: Notice = {
      id, message, color: options?.color ?? 'red', title: options?.title, onClick: options?.onClick,
      kind: options?.kind, conversationId: options?.conversationId,
    };
    setNotices((list) => [...list.filter((n) => n.message !== message), notice].slice(-4));
    timers.current.set(id, setTimeout(() => dismiss(id), options?.timeoutMs ?? timeoutMs));
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
              data-testid="notice" data-kind={notice.kind} data-conversation-id={notice.conversationId}>
              {notice.onClick ? (
                <UnstyledButton w="100%" ta="start" fz="sm" data-testid="notice-action"
                  onClick={() => { dismiss(notice.id); notice.onClick?.(); }}>
                  {notice.message}
                </UnstyledButton>
              ) : notice.message}
            </Notification>
          ))}
        </Stack>
      </Portal>
    </NoticeContext.Provider>
  );
}
