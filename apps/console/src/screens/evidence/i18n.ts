import type { Shape } from '../../i18n/shape';

/** Strings of the audit evidence screen, under the `evidence.` keys. */
export const evidenceFr = {
  title: 'Preuves pour l’audit',
};

export const evidenceEn: Shape<typeof evidenceFr> = {
  title: 'Audit evidence',
};
