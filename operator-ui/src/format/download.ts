/** Transcript export formats and their endpoints. */
export type TranscriptFormat = 'json' | 'csv';

/** `GET /api/conversations/{id}/transcript.json|.csv`. */
export function transcriptPath(conversationId: string, format: TranscriptFormat): string {
  return `/api/conversations/${encodeURIComponent(conversationId)}/transcript.${format}`;
}

/** A file-name-safe slug: letters and digits (any script) kept, runs of anything else turned into `-`. */
export function slug(text: string, max = 60): string {
  const cleaned = text.normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').toLowerCase();
  return cleaned.slice(0, max).replace(/-+$/, '');
}

/**
 * The name a downloaded transcript is saved under: the server's `Content-Disposition` name when it gave a safe one
 * with the right extension, else `transcript-<codename slug>-<first 8 of the id>.<format>`
 * (e.g. `transcript-blue-lion-84c2-1f2e3d4c.csv`).
 */
export function transcriptFileName(conversation: { id: string; codename: string }, format: TranscriptFormat,
  serverName: string | null = null): string {
  const name = serverName?.trim();
  if (name && !/[\\/]/.test(name) && !name.startsWith('.') && name.toLowerCase().endsWith(`.${format}`)) return name;
  const parts = ['transcript', slug(conversation.codename), conversation.id.replace(/-/g, '').slice(0, 8)].filter(Boolean);
  return `${parts.join('-')}.${format}`;
}

/** Saves a blob under `fileName` through a temporary object URL (the token never appears in a URL). */
export function saveBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
