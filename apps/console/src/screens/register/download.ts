import { api, ApiError } from '../../api/client';
import type { ApiErrorBody } from '../../api/responses';

/** Saves a blob under a name through a temporary object URL. */
function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function filenameOf(res: Response, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
  return m?.[1] ?? fallback;
}

async function unwrap(
  p: Promise<{ data?: Blob; error?: unknown; response: Response }>,
  fallback: string,
): Promise<string> {
  const { data, error, response } = await p;
  if (!response.ok || !data) {
    const body = (error ?? {}) as Partial<ApiErrorBody>;
    throw new ApiError(response.status, {
      statusCode: response.status,
      code: body.code ?? 'http_error',
      message: body.message ?? response.statusText,
      ...body,
    });
  }
  const filename = filenameOf(response, fallback);
  save(data, filename);
  return filename;
}

export type RegisterFormat = 'csv' | 'xlsx' | 'json' | 'pdf';

/** Downloads a member's register (bearer token through the API client, then blob and object URL). */
export function downloadRegister(member: string, format: RegisterFormat): Promise<string> {
  return unwrap(
    api.GET('/api/v1/members/{member}/register/export', {
      params: { path: { member }, query: { format } },
      parseAs: 'blob',
    }),
    `registre-${member}.${format}`,
  );
}

/** Downloads one record as a PDF fiche. */
export function downloadActivityPdf(member: string, id: string): Promise<string> {
  return unwrap(
    api.GET('/api/v1/members/{member}/processing-activities/{id}/pdf', {
      params: { path: { member, id } },
      parseAs: 'blob',
    }),
    `fiche-${id}.pdf`,
  );
}
