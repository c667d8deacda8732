import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { fr } from './fr';
import { alertDetailEn, alertDetailFr } from '../screens/alerts/i18n';
import { dashboardEn, dashboardFr } from '../screens/dashboard/i18n';
import { evidenceEn, evidenceFr } from '../screens/evidence/i18n';
import { incidentsEn, incidentsFr } from '../screens/incidents/i18n';
import { mapEn, mapFr } from '../screens/map/i18n';
import { registerEditorEn, registerEditorFr } from '../screens/register/i18n';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'vigie.lang';

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'fr';
}

void i18n.use(initReactI18next).init({
  resources: {
    fr: {
      translation: {
        ...fr,
        alertDetail: alertDetailFr,
        dashboard: dashboardFr,
        evidence: evidenceFr,
        incidents: incidentsFr,
        map: mapFr,
        registerEditor: registerEditorFr,
      },
    },
    en: {
      translation: {
        ...en,
        alertDetail: alertDetailEn,
        dashboard: dashboardEn,
        evidence: evidenceEn,
        incidents: incidentsEn,
        map: mapEn,
        registerEditor: registerEditorEn,
      },
    },
  },
  lng: initialLanguage(),
  fallbackLng: 'fr',
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  localStorage.setItem(STORAGE_KEY, lng);
});

export default i18n;
