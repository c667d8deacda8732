import type { TFunction } from 'i18next';

/** A duration in words: `2 j 03 h`, `5 h 12 min`, `7 min` (sign dropped). */
export function formatDuration(t: TFunction, ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d >= 2) return t('dashboard.duration.days', { d, h: String(h).padStart(2, '0') });
  if (minutes >= 60) return t('dashboard.duration.hours', { h: d * 24 + h, m: String(m).padStart(2, '0') });
  return t('dashboard.duration.minutes', { m });
}
