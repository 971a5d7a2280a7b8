import type { DownloadedFile } from '../api/ApiClient';
import type { Message, MessageAttachment } from '../api/types';
import type { TelegramKey } from '../i18n/telegram';

/** Kinds shown inline as an image (or a looping video for mp4 animations) once their bytes are loaded. */
const INLINE_KINDS = new Set(['PHOTO', 'STICKER', 'ANIMATION']);
/** Kinds played in an `<audio>`/`<video>` element from a blob, loaded on the operator's click. */
const PLAYABLE_KINDS = new Set(['AUDIO', 'VOICE', 'VIDEO', 'VIDEO_NOTE']);

/** Photo MIME types the server sends as PHOTO (everything else goes as DOCUMENT). */
export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Animated stickers (Lottie `.tgs`) cannot be drawn by the browser: they show their emoji instead. */
export function isInlineImage(attachment: Pick<MessageAttachment, 'kind' | 'mimeType'>): boolean {
  if (!INLINE_KINDS.has(attachment.kind)) return false;
  return attachment.mimeType !== 'application/x-tgsticker';
}

export function isPlayable(attachment: Pick<MessageAttachment, 'kind'>): boolean {
  return PLAYABLE_KINDS.has(attachment.kind);
}

/** Whether loaded bytes of this attachment play as video (animations are mostly mp4, video stickers webm). */
export function isVideoMime(mimeType: string | null | undefined): boolean {
  return !!mimeType && mimeType.startsWith('video/');
}

/** `https://www.openstreetmap.org/?mlat=…&mlon=…` with a marker at the point (zoom 16). */
export function openStreetMapUrl(latitude: number, longitude: number): string {
  const lat = String(latitude);
  const lon = String(longitude);
  return `https://www.openstreetmap.org/?mlat=${encodeURIComponent(lat)}&mlon=${encodeURIComponent(lon)}#map=16/${lat}/${lon}`;
}

/** Coordinates as `48.85837, 2.29448` (5 decimals ≈ 1 m). */
export function formatCoordinates(latitude: number, longitude: number): string {
  return `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`;
}

/** A byte count for people: `512 B`, `12.5 KB`, `10 MB` (1 KB = 1024 B). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Math.round(value * 10) / 10} ${units[unit]}`;
}

/** The upload limit of a file: 10 MB for photos (jpeg, png, webp), 50 MB for everything else. */
export function uploadLimit(file: Pick<File, 'type'>): number {
  return PHOTO_MIME_TYPES.includes(file.type) ? MAX_PHOTO_BYTES : MAX_FILE_BYTES;
}

/** Why a file cannot be uploaded (too large for its kind), as a text key and its parameters; null when it can. */
export function uploadRefusal(file: Pick<File, 'type' | 'size'>): { key: TelegramKey; params: Record<string, string> } | null {
  const limit = uploadLimit(file);
  if (file.size <= limit) return null;
  const photo = limit === MAX_PHOTO_BYTES;
  return {
    key: photo ? 'tg.attach.tooLargePhoto' : 'tg.attach.tooLarge',
    params: { size: formatBytes(file.size), max: formatBytes(limit) },
  };
}

/** How long after sending an operator may still edit or delete a message (the server answers 409 after it). */
export const MODIFY_WINDOW_MS = 48 * 60 * 60 * 1000;

/**
 * Whether `operatorId` may edit (`edit`) or delete (`delete`) the message: its own OUTBOUND message (not a system
 * message, not deleted) younger than 48 h; editing also needs it SENT or PENDING and a text (not a file).
 */
export function canModify(message: Message, operatorId: string | null | undefined, now: number,
  action: 'edit' | 'delete'): boolean {
  if (!operatorId || message.direction !== 'OUTBOUND' || message.systemKey || message.deletedAt) return false;
  if (message.operatorId !== operatorId) return false;
  const sent = Date.parse(message.createdAt);
  if (Number.isNaN(sent) || now - sent >= MODIFY_WINDOW_MS) return false;
  if (action === 'delete') return message.status === 'SENT' || message.status === 'PENDING' || message.status === 'FAILED';
  return (message.status === 'SENT' || message.status === 'PENDING') && (message.attachments ?? []).length === 0;
}

/** Something that can fetch an attachment's bytes with the operator's token (the {@link ApiClient}). */
export interface MediaSource {
  media(attachmentId: string): Promise<DownloadedFile>;
}

/** Minimal `URL` statics (injectable in tests). */
export interface ObjectUrls {
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
}

/**
 * Loads an attachment's bytes through `GET /api/media/{id}` (Authorization header, never a token in a URL) and
 * answers a `blob:` URL for an `<img>`/`<audio>`/`<video>`; the caller revokes it with `urls.revokeObjectURL`.
 */
export async function loadMediaUrl(source: MediaSource, attachmentId: string, urls: ObjectUrls = URL): Promise<string> {
  const file = await source.media(attachmentId);
  return urls.createObjectURL(file.blob);
}
