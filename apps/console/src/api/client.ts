import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import type { ApiErrorBody, Tokens } from './responses';

const STORAGE_KEY = 'vigie.session';

/** Tokens of the signed-in user, kept for the browser tab only. */
export const tokenStore = {
  get(): Tokens | null {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Tokens) : null;
  },
  set(t: Tokens | null): void {
    if (t) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(t));
    else sessionStorage.removeItem(STORAGE_KEY);
  },
};

/** Raised for any non-2xx answer; carries the API's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

let onSessionLost: () => void = () => undefined;
export const setSessionLostHandler = (f: () => void): void => {
  onSessionLost = f;
};

let refreshing: Promise<boolean> | null = null;
async function refreshTokens(): Promise<boolean> {
  const current = tokenStore.get();
  if (!current) return false;
  refreshing ??= (async () => {
    const res = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: current.refreshToken }),
    });
    if (!res.ok) return false;
    tokenStore.set((await res.json()) as Tokens);
    return true;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

const auth: Middleware = {
  onRequest({ request }) {
    const t = tokenStore.get();
    if (t) request.headers.set('authorization', `Bearer ${t.accessToken}`);
    return request;
  },
};

/** Retries once after refreshing an expired access token; signs out when that fails. */
async function fetchWithRefresh(input: Request): Promise<Response> {
  const retry = input.clone();
  const res = await fetch(input);
  if (res.status !== 401 || input.url.includes('/api/v1/auth/')) return res;
  if (await refreshTokens()) {
    retry.headers.set('authorization', `Bearer ${tokenStore.get()!.accessToken}`);
    return fetch(retry);
  }
  tokenStore.set(null);
  onSessionLost();
  return res;
}

/** The typed client: paths, parameters and bodies come from the OpenAPI document. */
export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: fetchWithRefresh });
api.use(auth);

/**
 * Unwraps an openapi-fetch answer: the body on success, an ApiError otherwise.
 * `T` names the response type (responses.ts), since the document does not declare it.
 */
export async function call<T>(p: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await p;
  if (!response.ok) {
    const body = (error ?? {}) as Partial<ApiErrorBody>;
    throw new ApiError(response.status, {
      statusCode: response.status,
      code: body.code ?? 'http_error',
      message: body.message ?? response.statusText,
      ...body,
    });
  }
  return data as T;
}
