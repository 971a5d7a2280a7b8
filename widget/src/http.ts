/** An HTTP error answered by the gateway (RFC 9457 problem+json when it has a body). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string | null,
    readonly detail: string | null,
    /** Seconds from `Retry-After` (429, 503), else null. */
    readonly retryAfter: number | null,
  ) {
    super(detail ?? title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

/** The gateway could not be reached at all (fetch rejected: offline, DNS, CORS, aborted). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

/** `Retry-After` as seconds (delta-seconds or an HTTP date), null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> | null = null;
  try {
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    body = null;
  }
  const title = typeof body?.title === 'string' ? body.title : null;
  const detail = typeof body?.detail === 'string' ? body.detail : null;
  return new ApiError(response.status, title, detail, parseRetryAfter(response.headers.get('Retry-After')));
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * Sends a JSON request (no cookies: the widget authenticates with its bearer token only) and answers the parsed
 * JSON body (null for an empty one). Throws {@link ApiError} for a non-2xx answer, {@link NetworkError} when the
 * request did not complete.
 */
export async function requestJson<T>(fetchImpl: Fetch, url: string, method: string, body?: unknown,
                                     token?: string | null): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    throw new NetworkError(e);
  }
  if (!response.ok) throw await errorFrom(response);
  const text = await response.text();
  if (!text) return null as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null as T;
  }
}
