/** An HTTP error answered by the API, carrying the RFC 9457 problem's `title` and `detail` when there was one. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string | null;
  readonly detail: string | null;

  constructor(status: number, title: string | null, detail: string | null) {
    super(problemMessage({ title, detail }, status));
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

/** Raised when the server cannot be reached at all (fetch rejected). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

/** The text to show for a problem body: its `detail`, else its `title`, else `HTTP <status>`. */
export function problemMessage(body: unknown, status: number): string {
  if (body && typeof body === 'object') {
    const { detail, title } = body as { detail?: unknown; title?: unknown };
    if (typeof detail === 'string' && detail.trim() !== '') return detail;
    if (typeof title === 'string' && title.trim() !== '') return title;
  }
  return `HTTP ${status}`;
}

/** Reads a failed response into an {@link ApiError}, tolerating bodies that are not JSON. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    const text = await response.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const title = body && typeof body === 'object' && typeof (body as { title?: unknown }).title === 'string'
    ? (body as { title: string }).title : null;
  const detail = body && typeof body === 'object' && typeof (body as { detail?: unknown }).detail === 'string'
    ? (body as { detail: string }).detail : null;
  return new ApiError(response.status, title, detail);
}
