import type { Shape } from '../../i18n/shape';

/** Strings of the application map screen, under the `map.` keys. */
export const mapFr = {
  title: 'Cartographie des applications',
};

export const mapEn: Shape<typeof mapFr> = {
  title: 'Application map',
};
