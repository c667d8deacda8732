import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AlertLevel, AlertStatus } from '../api/responses';

/** Background per level; the text colour is picked for contrast (WCAG AA). */
const LEVEL_COLOURS: Record<AlertLevel, string> = {
  critical: '#8f1d1d',
  high: '#b43c0c',
  medium: '#f2c94c',
  low: '#cfe3ff',
  informational: '#e6e8eb',
};

export function LevelBadge({ level }: { level: AlertLevel }) {
  const { t } = useTranslation();
  return (
    <Badge color={LEVEL_COLOURS[level]} autoContrast radius="sm">
      {t(`level.${level}`)}
    </Badge>
  );
}

const STATUS_COLOURS: Record<AlertStatus, string> = {
  open: '#1f3a8a',
  acknowledged: '#5b3d99',
  in_progress: '#0b5e55',
  closed: '#4b5563',
};

export function StatusBadge({ status }: { status: AlertStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status]} autoContrast variant="filled" radius="sm">
      {t(`status.${status}`)}
    </Badge>
  );
}
