import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HostImpact } from './types';
import { ColumnHeads } from '../../components/column-heads';

interface Props {
  caption: string;
  activities: HostImpact['activities'];
  /** The member's display name from its code. */
  memberName(code: string): string;
  'data-testid'?: string;
}

/** The register's processing activities a host or an application bears on: reference, name, member, status. */
export function ActivitiesTable({ caption, activities, memberName, 'data-testid': testId }: Props) {
  const { t } = useTranslation();
  return (
    <Table striped withTableBorder data-testid={testId}>
      <Table.Caption>{caption}</Table.Caption>
      <ColumnHeads
        labels={[t('map.impact.reference'), t('map.impact.name'), t('map.impact.member'), t('map.impact.status')]}
      />
      <Table.Tbody>
        {activities.map((x) => (
          <Table.Tr key={x.id}>
            <Table.Td>{x.reference}</Table.Td>
            <Table.Td>{x.name}</Table.Td>
            <Table.Td>{memberName(x.member)}</Table.Td>
            <Table.Td>{t(`register.statuses.${x.status}`, { defaultValue: x.status })}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
