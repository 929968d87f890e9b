/** The API over fetch: the session cookie, the CSRF token on state-changing calls, domain errors kept whole. */

export interface ApiErrorBody {
  code?: string;
  article?: string;
  message?: string;
  messages?: { zh?: string; en?: string };
  details?: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message ?? body.code ?? `HTTP ${status}`);
  }
  get code(): string | undefined {
    return this.body.code;
  }
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF header a state-changing request carries. */
export function csrfHeader(method: string): Record<string, string> {
  return method.toUpperCase() !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** Untyped fetch for what the typed client (`http.ts`) does not cover: binary downloads and uploads. */
export async function api<T = unknown>(path: string, options: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  Object.assign(headers, csrfHeader(method));
  const response = await fetch(path, { method, headers, credentials: 'same-origin', ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
  const data = (response.status === 204 ? null : await response.json().catch(() => null)) as ApiErrorBody | null;
  if (!response.ok) throw new ApiError(response.status, data ?? {});
  return data as T;
}

/** A query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
