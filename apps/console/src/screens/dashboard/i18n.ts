import type { Shape } from '../../i18n/shape';

/** Strings of the dashboard screen, under the `dashboard.` keys. */
export const dashboardFr = {
  title: 'Tableau de bord',
};

export const dashboardEn: Shape<typeof dashboardFr> = {
  title: 'Dashboard',
};
