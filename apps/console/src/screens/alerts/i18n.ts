import type { Shape } from '../../i18n/shape';

/** Strings of the alert detail (exceptions, escalation, related events), under the `alertDetail.` keys. */
export const alertDetailFr = {
  title: 'Détail de l’alerte',
};

export const alertDetailEn: Shape<typeof alertDetailFr> = {
  title: 'Alert detail',
};
