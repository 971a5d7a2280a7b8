import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { t } from '../i18n';

/** Confirms closing a conversation, with an optional closing message sent to the customer first. */
export function CloseConversationModal({ opened, busy, onCancel, onConfirm }: {
  opened: boolean;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (closingMessage: string | null) => void;
}) {
  const [text, setText] = useState('');
  useEffect(() => {
    if (opened) setText('');
  }, [opened]);
  return (
    <Modal opened={opened} onClose={onCancel} title={t('close.title')} centered>
      <Stack gap="sm">
        <Textarea
          label={t('close.messageLabel')}
          description={t('close.messageHint')}
          autosize
          minRows={3}
          maxRows={10}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          data-testid="close-message-input"
          data-autofocus
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel} disabled={busy}>{t('close.cancel')}</Button>
          <Button color="red" loading={busy} onClick={() => onConfirm(text.trim() || null)} data-testid="close-confirm">
            {t('close.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
