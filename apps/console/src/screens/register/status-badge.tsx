import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ActivityStatus } from './types';

/** Background per status; the text colour is picked for contrast, and the status is written (not colour alone). */
const COLOURS: Record<ActivityStatus, string> = {
  draft: '#4b5563',
  in_review: '#5b3d99',
  validated: '#0b5e55',
  archived: '#e6e8eb',
};

export function ActivityStatusBadge({ status }: { status: ActivityStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLOURS[status]}
      autoContrast
      variant="filled"
      radius="sm"
      tt="none"
      styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } }}
    >
      {t(`registerEditor.status.${status}`)}
    </Badge>
  );
}
