import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HostImpact } from './types';

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
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('map.impact.reference')}</Table.Th>
          <Table.Th scope="col">{t('map.impact.name')}</Table.Th>
          <Table.Th scope="col">{t('map.impact.member')}</Table.Th>
          <Table.Th scope="col">{t('map.impact.status')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
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
