import { api } from '../../api/client';
import { downloadFile } from '../../components/download';

export type RegisterFormat = 'csv' | 'xlsx' | 'json' | 'pdf';

/** Downloads a member's register (bearer token through the API client, then blob and object URL). */
export function downloadRegister(member: string, format: RegisterFormat): Promise<string> {
  return downloadFile(
    api.GET('/api/v1/members/{member}/register/export', {
      params: { path: { member }, query: { format } },
      parseAs: 'blob',
    }),
    `registre-${member}.${format}`,
  );
}

/** Downloads one record as a PDF fiche. */
export function downloadActivityPdf(member: string, id: string): Promise<string> {
  return downloadFile(
    api.GET('/api/v1/members/{member}/processing-activities/{id}/pdf', {
      params: { path: { member, id } },
      parseAs: 'blob',
    }),
    `fiche-${id}.pdf`,
  );
}
