import { useTranslation } from 'react-i18next';

const LOCALES: Record<string, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Dates and numbers in the current language's conventions (Intl). */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = LOCALES[i18n.language] ?? 'fr-FR';
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });
  const short = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const number = new Intl.NumberFormat(locale);
  return {
    locale,
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—'),
    shortTime: (iso: string) => short.format(new Date(iso)),
    number: (n: number) => number.format(n),
  };
}
