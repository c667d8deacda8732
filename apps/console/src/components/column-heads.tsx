import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/** A table's head row: one column header (`scope="col"`) per label. */
export function ColumnHeads({ labels }: { labels: ReactNode[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {labels.map((label, i) => (
          <Table.Th key={i} scope="col">
            {label}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}
