import { call } from '../api/client';

/** The file name of a `content-disposition: attachment; filename="…"` header, or `fallback`. */
export function dispositionFilename(header: string | null, fallback: string): string {
  const m = header ? /filename="?([^";]+)"?/i.exec(header) : null;
  return m?.[1] ?? fallback;
}

/** Saves a blob under a file name through a temporary object URL and link. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Downloads a file answered by the API: the request goes through the typed client (so it carries the
 * bearer token, which a plain link would not), with `parseAs: 'blob'`; the body is saved under the
 * answer's `content-disposition` file name, or `fallback`. Resolves to the name saved; a non-2xx
 * answer rejects with an ApiError.
 */
export async function downloadFile(
  request: Promise<{ data?: unknown; error?: unknown; response: Response }>,
  fallback: string,
): Promise<string> {
  const answer = await request;
  const blob = await call<Blob>(Promise.resolve(answer));
  const filename = dispositionFilename(answer.response.headers.get('content-disposition'), fallback);
  saveBlob(blob, filename);
  return filename;
}
