import { Button, Group, Popover, Stack, Text, Textarea } from '@mantine/core';
import { type KeyboardEvent, type SyntheticEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CannedResponse } from '../api/types';
import { newIdempotencyKey } from '../format/ids';
import { t } from '../i18n';
import { TypingNotifier } from '../live/typing';
import {
  type ShortcutToken,
  type TextEdit,
  expandOnSpace,
  expandShortcut,
  insertSeparated,
  replaceRange,
  shortcutTokenAt,
  suggestShortcuts,
} from '../state/cannedShortcut';
import { CannedItem, CannedPicker } from './CannedPicker';
import { useConsoleData } from './consoleData';
import { useLatest } from './hooks';
import { errorText, useServices } from './services';

/**
 * Reply composer: Enter sends, Shift+Enter inserts a new line, Send is disabled while the text is blank. The text
 * is sent trimmed; a retry of the same text after a failure reuses its Idempotency-Key, so it is stored at most once.
 *
 * Canned responses: the picker button inserts one at the caret; typing `/shortcut` then Space or Tab replaces it
 * with the response text, and after `/` an autocomplete lists matching responses (↑/↓, Enter or Tab picks, Esc
 * hides). Every use is counted (`POST /api/canned-responses/{id}/use`).
 *
 * Typing: `onTyping(true)` while the operator edits a non-blank text (at most once a second), `onTyping(false)` after
 * 3 s without input, on send, when the text is cleared and when the box goes away (see `TypingNotifier`).
 */
export function ReplyBox({ onSend, onTyping, disabledReason = null }: {
  onSend: (text: string, idempotencyKey: string) => Promise<void>;
  onTyping?: (active: boolean) => void;
  /** Why replying is not possible now (closed, blocked), or null. */
  disabledReason?: string | null;
}) {
  const { api } = useServices();
  const { canned, reloadCanned } = useConsoleData();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [token, setToken] = useState<ShortcutToken | null>(null);
  const [active, setActive] = useState(0);
  const attempt = useRef<{ text: string; key: string } | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const typingHandler = useLatest(onTyping);
  const [typing] = useState(() => new TypingNotifier((on) => typingHandler.current?.(on)));
  const blank = text.trim() === '';
  const disabled = disabledReason !== null;
  const suggestions = token ? suggestShortcuts(token.query, canned) : [];
  const suggesting = suggestions.length > 0 && !disabled;

  useEffect(() => () => typing.stop(), [typing]);

  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    const el = input.current;
    if (caret === null || !el) return;
    pendingCaret.current = null;
    el.focus();
    el.setSelectionRange(caret, caret);
  }, [text]);

  function used(response: CannedResponse) {
    api.useCannedResponse(response.id).catch(() => {
      // the usage count is statistics only
    });
  }

  function edited(value: string) {
    if (value.trim() === '') typing.stop();
    else typing.input();
  }

  function apply(edit: TextEdit, response: CannedResponse) {
    pendingCaret.current = edit.caret;
    setText(edit.text);
    edited(edit.text);
    setToken(null);
    used(response);
  }

  function trackToken(value: string, caret: number | null) {
    const next = caret === null ? null : shortcutTokenAt(value, caret);
    if (next && !token) reloadCanned(); // a fresh `/`: pick up responses added meanwhile
    if (next?.query !== token?.query || next?.start !== token?.start) setActive(0);
    setToken(next);
  }

  function pick(response: CannedResponse) {
    if (!token) return;
    apply(replaceRange(text, token.start, token.end, response.text), response);
  }

  function insert(response: CannedResponse) {
    const el = input.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? start;
    apply(insertSeparated(text, start, end, response.text), response);
  }

  async function submit() {
    const value = text.trim();
    if (!value || sending || disabled) return;
    if (!attempt.current || attempt.current.text !== value) attempt.current = { text: value, key: newIdempotencyKey() };
    typing.stop();
    setSending(true);
    setError(null);
    try {
      await onSend(value, attempt.current.key);
      attempt.current = null;
      setText('');
      setToken(null);
    } catch (failure) {
      setError(t('reply.failed', { reason: errorText(failure) }));
    } finally {
      setSending(false);
      input.current?.focus();
    }
  }

  function onChange(event: SyntheticEvent<HTMLTextAreaElement>) {
    const el = event.currentTarget;
    const value = el.value;
    const caret = el.selectionStart ?? value.length;
    const expanded = expandOnSpace(value, caret, canned);
    if (expanded) {
      apply(expanded, expanded.response);
      return;
    }
    setText(value);
    edited(value);
    trackToken(value, caret);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.nativeEvent.isComposing) return;
    const plain = !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey;
    if (suggesting) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + suggestions.length) % suggestions.length);
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && plain) {
        event.preventDefault();
        pick(suggestions[Math.min(active, suggestions.length - 1)]);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setToken(null);
        return;
      }
    }
    if (event.key === 'Tab' && plain) {
      const el = event.currentTarget;
      if (el.selectionStart === el.selectionEnd) {
        const expanded = expandShortcut(text, el.selectionStart, canned);
        if (expanded) {
          event.preventDefault();
          apply(expanded, expanded.response);
          return;
        }
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void submit();
    }
  }

  return (
    <Stack gap={4} p="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
      {error && (
        <Text size="xs" c="red" role="alert" data-testid="reply-error">{error}</Text>
      )}
      <Group align="flex-end" wrap="nowrap" gap="xs">
        <CannedPicker onPick={insert} disabled={disabled} />
        <Popover opened={suggesting} position="top-start" width="target" shadow="md" trapFocus={false}
          returnFocus={false} withinPortal>
          <Popover.Target>
            <Textarea
              ref={input}
              style={{ flex: 1 }}
              aria-label={t('reply.label')}
              placeholder={disabledReason ?? t('reply.placeholder')}
              disabled={disabled}
              autosize
              minRows={1}
              maxRows={8}
              value={text}
              onChange={onChange}
              onKeyDown={onKeyDown}
              onSelect={(event) => trackToken(event.currentTarget.value, event.currentTarget.selectionStart)}
              onBlur={() => setToken(null)}
              aria-autocomplete="list"
              aria-expanded={suggesting}
              data-testid="reply-input"
            />
          </Popover.Target>
          <Popover.Dropdown p={4}>
            <Stack gap={2} role="listbox" aria-label={t('canned.suggestions', { query: `/${token?.query ?? ''}` })}
              data-testid="canned-suggestions">
              {suggestions.map((response, index) => (
                <CannedItem key={response.id} response={response} source="autocomplete" active={index === active}
                  onClick={() => pick(response)} />
              ))}
            </Stack>
          </Popover.Dropdown>
        </Popover>
        <Button onClick={() => void submit()} disabled={blank || sending || disabled} loading={sending} data-testid="reply-send">
          {t('reply.send')}
        </Button>
      </Group>
    </Stack>
  );
}
