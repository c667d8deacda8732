import type { Shape } from '../../i18n/shape';

/** Strings of the incidents screen, under the `incidents.` keys. */
export const incidentsFr = {
  title: 'Incidents',
};

export const incidentsEn: Shape<typeof incidentsFr> = {
  title: 'Incidents',
};
