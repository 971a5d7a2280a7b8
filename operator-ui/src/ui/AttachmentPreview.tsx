import { CloseButton, Group, Paper, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { PHOTO_MIME_TYPES, formatBytes } from '../format/media';
import { tt } from '../i18n/telegram';

/** The file about to be sent: a thumbnail for photos (a local `blob:` URL, revoked on change), name and size. */
export function AttachmentPreview({ file, onRemove }: { file: File; onRemove: () => void }) {
  const photo = PHOTO_MIME_TYPES.includes(file.type);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!photo) return undefined;
    const created = URL.createObjectURL(file);
    setUrl(created);
    return () => {
      URL.revokeObjectURL(created);
      setUrl(null);
    };
  }, [file, photo]);
  return (
    <Paper withBorder p={6} radius="md" data-testid="reply-attachment" data-file-name={file.name}>
      <Group gap="sm" wrap="nowrap">
        {url && <img src={url} alt="" style={{ width: 48, height: 48, objectFit: 'cover', borderRadius: 6 }} />}
        {!url && <Text size="xl" aria-hidden="true">📄</Text>}
        <Text size="sm" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
          {file.name} · {formatBytes(file.size)}
        </Text>
        <CloseButton onClick={onRemove} aria-label={tt('tg.attach.remove')} data-testid="reply-attachment-remove" />
      </Group>
    </Paper>
  );
}
