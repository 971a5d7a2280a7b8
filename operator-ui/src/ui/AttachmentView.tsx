import { Anchor, Box, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { MessageAttachment } from '../api/types';
import { saveBlob } from '../format/download';
import {
  formatBytes,
  formatCoordinates,
  isInlineImage,
  isPlayable,
  isVideoMime,
  loadMediaUrl,
  openStreetMapUrl,
} from '../format/media';
import { type TelegramKey, tt } from '../i18n/telegram';
import { errorText, useServices } from './services';

function kindLabel(kind: string): string {
  return tt(`tg.kind.${kind}` as TelegramKey) ?? kind;
}

/**
 * A `blob:` URL of an attachment's bytes, loaded with the operator's token while `enabled`; revoked when the
 * component unmounts or the attachment changes. `error` is the failure text.
 */
export function useMediaUrl(attachmentId: string, enabled: boolean): { url: string | null; error: string | null } {
  const { api } = useServices();
  const [state, setState] = useState<{ url: string | null; error: string | null }>({ url: null, error: null });
  useEffect(() => {
    if (!enabled) return undefined;
    let cancelled = false;
    let created: string | null = null;
    loadMediaUrl(api, attachmentId).then(
      (url) => {
        if (cancelled) {
          URL.revokeObjectURL(url);
          return;
        }
        created = url;
        setState({ url, error: null });
      },
      (failure: unknown) => {
        if (!cancelled) setState({ url: null, error: errorText(failure) });
      },
    );
    return () => {
      cancelled = true;
      if (created) URL.revokeObjectURL(created);
      setState({ url: null, error: null });
    };
  }, [api, attachmentId, enabled]);
  return state;
}

function fileLine(attachment: MessageAttachment): string {
  const name = attachment.fileName || kindLabel(attachment.kind);
  return attachment.fileSize ? `${name} · ${formatBytes(attachment.fileSize)}` : name;
}

/** Photo, static sticker or animation: loaded at once and shown inline (mp4 animations as a muted looping video). */
function InlineMedia({ attachment }: { attachment: MessageAttachment }) {
  const { url, error } = useMediaUrl(attachment.id, true);
  const label = kindLabel(attachment.kind);
  const sticker = attachment.kind === 'STICKER';
  const maxWidth = sticker ? 160 : 280;
  if (error) return <Text size="xs" c="red" role="alert">{tt('tg.media.failed', { reason: error })}</Text>;
  if (!url) {
    return (
      <Group gap={6} data-testid="attachment-loading"><Loader size="xs" /><Text size="xs" c="dimmed">{label}</Text></Group>
    );
  }
  if (isVideoMime(attachment.mimeType)) {
    return <video src={url} autoPlay loop muted playsInline aria-label={label} style={{ maxWidth, borderRadius: 8 }} />;
  }
  return <img src={url} alt={sticker && attachment.emoji ? attachment.emoji : label} style={{ maxWidth, maxHeight: 320, borderRadius: 8, display: 'block' }} />;
}

/** Document, audio, voice, video: name and size, then a download (documents) or play (media) button. */
function FileMedia({ attachment }: { attachment: MessageAttachment }) {
  const { api } = useServices();
  const playable = isPlayable(attachment);
  const [play, setPlay] = useState(false);
  const { url, error: playError } = useMediaUrl(attachment.id, play);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function download() {
    setBusy(true);
    setError(null);
    try {
      const file = await api.media(attachment.id);
      saveBlob(file.blob, attachment.fileName || file.fileName || `${attachment.kind.toLowerCase()}-${attachment.id.slice(0, 8)}`);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  const video = attachment.kind === 'VIDEO' || attachment.kind === 'VIDEO_NOTE';
  const failure = error ?? playError;
  return (
    <Stack gap={4}>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {fileLine(attachment)}
        {attachment.duration ? ` · ${attachment.duration} s` : ''}
      </Text>
      {url && (video
        ? <video src={url} controls autoPlay aria-label={kindLabel(attachment.kind)} style={{ maxWidth: 320, borderRadius: attachment.kind === 'VIDEO_NOTE' ? '50%' : 8 }} />
        : <audio src={url} controls autoPlay aria-label={kindLabel(attachment.kind)} />)}
      <Group gap={6}>
        {playable && !url && (
          <Button size="compact-xs" variant="light" onClick={() => setPlay(true)} loading={play && !url && !playError}
            data-testid="attachment-play">{tt('tg.media.play')}</Button>
        )}
        <Button size="compact-xs" variant="default" onClick={() => void download()} loading={busy}
          data-testid="attachment-download">{tt('tg.media.download')}</Button>
      </Group>
      {failure && <Text size="xs" c="red" role="alert">{tt('tg.media.failed', { reason: failure })}</Text>}
    </Stack>
  );
}

/**
 * One attachment of a message. Files are fetched from `GET /api/media/{id}` with the Authorization header into a
 * `blob:` URL (never a token in a URL): photos, static stickers and animations at once, audio/video when the operator
 * presses Play, documents when Download is pressed. Locations show coordinates and an OpenStreetMap link; contacts
 * their name and phone number; animated stickers their emoji.
 */
export function AttachmentView({ attachment }: { attachment: MessageAttachment }) {
  const kind = attachment.kind;
  let body;
  if (kind === 'LOCATION' && attachment.latitude != null && attachment.longitude != null) {
    body = (
      <Group gap={8} wrap="wrap">
        <Text size="sm">📍 {formatCoordinates(attachment.latitude, attachment.longitude)}</Text>
        <Anchor size="sm" href={openStreetMapUrl(attachment.latitude, attachment.longitude)} target="_blank"
          rel="noopener noreferrer" data-testid="attachment-map">{tt('tg.media.openMap')}</Anchor>
      </Group>
    );
  } else if (kind === 'CONTACT') {
    body = (
      <Text size="sm">
        👤 {attachment.contactName || kindLabel(kind)}
        {attachment.phoneNumber && <> · <Anchor size="sm" href={`tel:${attachment.phoneNumber}`}>{attachment.phoneNumber}</Anchor></>}
      </Text>
    );
  } else if (kind === 'STICKER' && !isInlineImage(attachment)) {
    body = <Text size="xl" aria-label={kindLabel(kind)}>{attachment.emoji || '🏷️'}</Text>;
  } else if (isInlineImage(attachment)) {
    body = <InlineMedia attachment={attachment} />;
  } else {
    body = <FileMedia attachment={attachment} />;
  }
  return (
    <Box data-testid="attachment" data-attachment-id={attachment.id} data-kind={kind} mb={4}>
      {body}
    </Box>
  );
}
