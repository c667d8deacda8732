import { api, ApiError } from '../../api/client';
import type { ApiErrorBody } from '../../api/responses';

/** The file name of a `content-disposition: attachment; filename="…"` header. */
export function dispositionFilename(header: string | null, fallback: string): string {
  const m = header ? /filename="?([^";]+)"?/i.exec(header) : null;
  return m?.[1] ?? fallback;
}

/**
 * Downloads an export's ZIP with the bearer token (a plain link would carry no
 * token): fetched as a blob, then saved through a temporary object URL.
 */
export async function downloadBundle(id: string): Promise<string> {
  const { data, error, response } = await api.GET('/api/v1/evidence/exports/{id}/download', {
    params: { path: { id } },
    parseAs: 'blob',
  });
  if (!response.ok || !(data instanceof Blob)) {
    const body = (error ?? {}) as Partial<ApiErrorBody>;
    throw new ApiError(response.status, {
      statusCode: response.status,
      code: body.code ?? 'http_error',
      message: body.message ?? response.statusText,
    });
  }
  const filename = dispositionFilename(response.headers.get('content-disposition'), `vigie-evidence-${id}.zip`);
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return filename;
}
