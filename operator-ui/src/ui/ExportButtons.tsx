import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import type { Conversation } from '../api/types';
import { type TranscriptFormat, saveBlob, transcriptFileName, transcriptPath } from '../format/download';
import { t } from '../i18n';
import { useNotify } from './notices';
import { errorText, useServices } from './services';

/**
 * Transcript export as JSON or CSV: fetched with the bearer token in the header (never in a URL) and saved from a
 * blob under the server's file name (or `transcript-<codename>-<id>.<ext>`).
 */
export function ExportButtons({ conversation }: { conversation: Pick<Conversation, 'id' | 'codename'> }) {
  const { api } = useServices();
  const notify = useNotify();
  const [busy, setBusy] = useState<TranscriptFormat | null>(null);

  async function download(format: TranscriptFormat) {
    setBusy(format);
    try {
      const file = await api.download(transcriptPath(conversation.id, format));
      saveBlob(file.blob, transcriptFileName(conversation, format, file.fileName));
    } catch (failure) {
      notify(t('export.failed', { reason: errorText(failure) }));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Group gap={4} wrap="nowrap">
      <Text size="xs" c="dimmed">{t('export.label')}</Text>
      <Button size="compact-xs" variant="default" loading={busy === 'json'} onClick={() => void download('json')}
        title={t('export.jsonTitle')} data-testid="export-json">
        {t('export.json')}
      </Button>
      <Button size="compact-xs" variant="default" loading={busy === 'csv'} onClick={() => void download('csv')}
        title={t('export.csvTitle')} data-testid="export-csv">
        {t('export.csv')}
      </Button>
    </Group>
  );
}
