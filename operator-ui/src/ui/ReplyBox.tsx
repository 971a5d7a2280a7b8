import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { type KeyboardEvent, useRef, useState } from 'react';
import { newIdempotencyKey } from '../format/ids';
import { t } from '../i18n';
import { errorText } from './services';

/**
 * Reply composer: Enter sends, Shift+Enter inserts a new line, Send is disabled while the text is blank. The text
 * is sent trimmed; a retry of the same text after a failure reuses its Idempotency-Key, so it is stored at most once.
 */
export function ReplyBox({ onSend }: { onSend: (text: string, idempotencyKey: string) => Promise<void> }) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const attempt = useRef<{ text: string; key: string } | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const blank = text.trim() === '';

  async function submit() {
    const value = text.trim();
    if (!value || sending) return;
    if (!attempt.current || attempt.current.text !== value) attempt.current = { text: value, key: newIdempotencyKey() };
    setSending(true);
    setError(null);
    try {
      await onSend(value, attempt.current.key);
      attempt.current = null;
      setText('');
    } catch (failure) {
      setError(t('reply.failed', { reason: errorText(failure) }));
    } finally {
      setSending(false);
      input.current?.focus();
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
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
        <Textarea
          ref={input}
          style={{ flex: 1 }}
          aria-label={t('reply.label')}
          placeholder={t('reply.placeholder')}
          autosize
          minRows={1}
          maxRows={8}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={onKeyDown}
          data-testid="reply-input"
        />
        <Button onClick={() => void submit()} disabled={blank || sending} loading={sending} data-testid="reply-send">
          {t('reply.send')}
        </Button>
      </Group>
    </Stack>
  );
}
