/**
 * The members named in the consortium's 2022 activity report: the five
 * founding cities, the territorial public body, the public bodies and the
 * housing offices it served in 2022. The report gives no SIREN numbers.
 * OPALY and the OPH of Villejuif and Vitry merged into VALDEVY on 1 January
 * 2022, so VALDEVY stands for them; SMBVB left and Nanterre was a one-off
 * service, so neither is a member.
 */
export const DEMO_MEMBERS = [
  { code: 'arcueil', name: 'Ville d’Arcueil', type: 'city' },
  { code: 'gentilly', name: 'Ville de Gentilly', type: 'city' },
  { code: 'ivry', name: 'Ville d’Ivry-sur-Seine', type: 'city' },
  { code: 'villejuif', name: 'Ville de Villejuif', type: 'city' },
  { code: 'vitry', name: 'Ville de Vitry-sur-Seine', type: 'city' },
  { code: 'gosb', name: 'EPT Grand-Orly Seine Bièvre', type: 'territorial_body' },
  { code: 'saf94', name: 'SAF 94', type: 'public_body' },
  { code: 'sidoresto', name: 'SIDORESTO', type: 'public_body' },
  { code: 'theatre-vitez', name: 'Théâtre Antoine Vitez', type: 'theatre' },
  { code: 'coop-ivry', name: 'Coop’Ivry (OPH d’Ivry-sur-Seine)', type: 'housing_office' },
  { code: 'valdevy', name: 'VALDEVY (OPH de Villejuif, de Vitry et OPALY)', type: 'housing_office' },
  { code: 'logirep', name: 'Logirep (OPH Thiais)', type: 'housing_office' },
] as const;

const CITIES = ['arcueil', 'gentilly', 'ivry', 'villejuif', 'vitry'];
const PUBLIC_BODIES = ['gosb', 'saf94', 'sidoresto', 'theatre-vitez'];
const HOUSING = ['coop-ivry', 'valdevy', 'logirep'];

export interface SeedPlacement {
  members: string[];
  hosting: 'consortium' | 'member' | 'saas';
  note: string;
}

const ASSUMED = 'Membres utilisateurs déduits du domaine (à confirmer).';

/**
 * Who uses an application and where it runs. The report names a few
 * (CONCERTO for Arcueil and Gentilly, CROSSWAY inside Villejuif's premises,
 * ELISA for Ivry's health centre, DOCTOLIB as a service); the rest is
 * assumed from the domain and marked as such.
 */
export function placement(domain: string, name: string, vendor: string): SeedPlacement {
  const n = name.toLowerCase();
  const d = domain.toLowerCase();
  if (n.startsWith('concerto'))
    return { members: ['arcueil', 'gentilly'], hosting: 'consortium', note: 'Démarré en 2022 pour Arcueil et Gentilly (rapport 2022).' };
  if (n === 'crossway')
    return { members: ['villejuif'], hosting: 'member', note: 'Internalisé dans les locaux de la ville de Villejuif (rapport 2022).' };
  if (n === 'elisa') return { members: ['ivry'], hosting: 'consortium', note: 'Migration ELISA v5 pour le CMS d’Ivry (rapport 2022).' };
  if (n === 'doctolib') return { members: CITIES, hosting: 'saas', note: `Service en ligne de l’éditeur. ${ASSUMED}` };
  const hosting = 'consortium' as const;
  if (d.startsWith('offices hlm')) return { members: HOUSING, hosting, note: ASSUMED };
  if (d.startsWith('logement') && n === 'pelehas') return { members: [...CITIES, ...HOUSING], hosting, note: ASSUMED };
  if (d.startsWith('rh') || d.startsWith('finances') || d.startsWith('march'))
    return { members: [...CITIES, ...PUBLIC_BODIES], hosting, note: ASSUMED };
  if (d.startsWith('administration')) return { members: [...CITIES, 'gosb'], hosting, note: ASSUMED };
  if (d.startsWith('culture') && /billetterie/i.test(name + ' ' + vendor + ' ' + domain))
    return { members: [...CITIES, 'theatre-vitez'], hosting, note: ASSUMED };
  return { members: CITIES, hosting, note: ASSUMED };
}
