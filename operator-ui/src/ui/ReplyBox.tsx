import { Button, Group, Popover, Stack, Text, Textarea } from '@mantine/core';
import {
  type ClipboardEvent,
  type DragEvent,
  type KeyboardEvent,
  type SyntheticEvent,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { CannedResponse } from '../api/types';
import { newIdempotencyKey } from '../format/ids';
import { uploadRefusal } from '../format/media';
import { t } from '../i18n';
import { tt } from '../i18n/telegram';
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
import { AttachmentPreview } from './AttachmentPreview';
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
 *
 * Files (when `onSendFile` is given): the attach button, dropping a file on the composer or pasting one attaches it;
 * the preview shows it and the text box becomes its caption. Too large files (photos over 10 MB, others over 50 MB)
 * are refused here with a clear message; the server's problem detail (413…) shows when it refuses.
 */
export function ReplyBox({ onSend, onTyping, onSendFile, disabledReason = null }: {
  onSend: (text: string, idempotencyKey: string) => Promise<void>;
  onTyping?: (active: boolean) => void;
  /** Sends a file with its caption (may be blank) under a client message id. */
  onSendFile?: (file: File, caption: string, clientMessageId: string) => Promise<void>;
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
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const fileAttempt = useRef<{ file: File; key: string } | null>(null);
  const blank = text.trim() === '' && !file;
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

  function attach(candidate: File | null | undefined) {
    if (!candidate || !onSendFile || disabled) return;
    const refusal = uploadRefusal(candidate);
    if (refusal) {
      setError(tt(refusal.key, refusal.params));
      return;
    }
    setError(null);
    setFile(candidate);
    input.current?.focus();
  }

  async function submitFile(attached: File) {
    if (!onSendFile) return;
    if (!fileAttempt.current || fileAttempt.current.file !== attached) fileAttempt.current = { file: attached, key: newIdempotencyKey() };
    typing.stop();
    setSending(true);
    setError(null);
    try {
      await onSendFile(attached, text.trim(), fileAttempt.current.key);
      fileAttempt.current = null;
      setFile(null);
      setText('');
      setToken(null);
    } catch (failure) {
      setError(tt('tg.attach.failed', { reason: errorText(failure) }));
    } finally {
      setSending(false);
      input.current?.focus();
    }
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const pasted = Array.from(event.clipboardData?.files ?? [])[0];
    if (!pasted || !onSendFile) return;
    event.preventDefault();
    attach(pasted);
  }

  function onDragOver(event: DragEvent<HTMLDivElement>) {
    if (!onSendFile || disabled || !Array.from(event.dataTransfer?.types ?? []).includes('Files')) return;
    event.preventDefault();
    setDragging(true);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    if (!onSendFile || disabled) return;
    event.preventDefault();
    setDragging(false);
    attach(event.dataTransfer?.files?.[0]);
  }

  async function submit() {
    if (file && !sending && !disabled) {
      await submitFile(file);
      return;
    }
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
    <Stack gap={4} p="sm" onDragOver={onDragOver} onDragLeave={() => setDragging(false)} onDrop={onDrop}
      data-testid="reply-box" data-dragging={dragging ? 'true' : undefined}
      style={{
        borderTop: '1px solid var(--mantine-color-default-border)',
        outline: dragging ? '2px dashed var(--mantine-color-indigo-5)' : undefined,
      }}>
      {error && (
        <Text size="xs" c="red" role="alert" data-testid="reply-error">{error}</Text>
      )}
      {dragging && <Text size="xs" c="indigo">{tt('tg.attach.drop')}</Text>}
      {file && <AttachmentPreview file={file} onRemove={() => { setFile(null); fileAttempt.current = null; }} />}
      <Group align="flex-end" wrap="nowrap" gap="xs">
        <CannedPicker onPick={insert} disabled={disabled} />
        {onSendFile && (
          <>
            <Button variant="default" px={8} onClick={() => fileInput.current?.click()} disabled={disabled || sending}
              aria-label={tt('tg.attach.button')} title={tt('tg.attach.button')} data-testid="reply-attach">📎</Button>
            <input ref={fileInput} type="file" hidden data-testid="reply-file-input"
              onChange={(event) => {
                attach(event.currentTarget.files?.[0]);
                event.currentTarget.value = '';
              }} />
          </>
        )}
        <Popover opened={suggesting} position="top-start" width="target" shadow="md" trapFocus={false}
          returnFocus={false} withinPortal>
          <Popover.Target>
            <Textarea
              ref={input}
              style={{ flex: 1 }}
              aria-label={t('reply.label')}
              placeholder={disabledReason ?? (file ? tt('tg.attach.caption') : t('reply.placeholder'))}
              disabled={disabled}
              autosize
              minRows={1}
              maxRows={8}
              value={text}
              onChange={onChange}
              onKeyDown={onKeyDown}
              onPaste={onPaste}
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
