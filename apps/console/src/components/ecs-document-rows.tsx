import { Code, Table } from '@mantine/core';
import { Fragment, useCallback, useState, type ReactNode } from 'react';

/**
 * The value at a dotted path of an ECS document (`host.hostname`), or undefined; a document that
 * keeps the dotted name as a flat key (`{"host.hostname": …}`) is read too.
 */
export function ecsValue(doc: Record<string, unknown>, path: string): unknown {
  let v: unknown = doc;
  for (const k of path.split('.')) {
    if (v && typeof v === 'object' && k in (v as object)) v = (v as Record<string, unknown>)[k];
    else return doc[path];
  }
  return v;
}

/** Which rows of a table are expanded, by key; `reset` folds them all. */
export function useExpanded<K>() {
  const [open, setOpen] = useState<Set<K>>(() => new Set());
  const toggle = useCallback(
    (key: K) =>
      setOpen((prev) => {
        const next = new Set(prev);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
    [],
  );
  const reset = useCallback(() => setOpen(new Set()), []);
  return { open, toggle, reset };
}

interface EcsDocumentRowsProps<T, K> {
  items: readonly T[];
  /** The React key of an item's rows. */
  rowKey(item: T, index: number): string;
  /** The key its expanded state is kept under (see useExpanded). */
  openKey(item: T, index: number): K;
  open: ReadonlySet<K>;
  /** The ECS document shown when the row is expanded. */
  doc(item: T): unknown;
  /** The id of the document's block (the toggle's aria-controls). */
  docId(item: T, index: number): string;
  /** The accessible name of the document's block. */
  docLabel(item: T): string;
  /** How many columns the document spans. */
  columns: number;
  /** The row's cells; `expanded` and `docId` are for its toggle button. */
  cells(item: T, index: number, expanded: boolean, docId: string): ReactNode;
}

/** Table rows, each followed when expanded by a row holding its ECS document (focusable, named). */
export function EcsDocumentRows<T, K>({
  items,
  rowKey,
  openKey,
  open,
  doc,
  docId,
  docLabel,
  columns,
  cells,
}: EcsDocumentRowsProps<T, K>) {
  return (
    <>
      {items.map((item, i) => {
        const expanded = open.has(openKey(item, i));
        const id = docId(item, i);
        return (
          <Fragment key={rowKey(item, i)}>
            <Table.Tr>{cells(item, i, expanded, id)}</Table.Tr>
            {expanded && (
              <Table.Tr>
                <Table.Td colSpan={columns}>
                  <Code block id={id} className="ecs-doc" tabIndex={0} aria-label={docLabel(item)}>
                    {JSON.stringify(doc(item), null, 2)}
                  </Code>
                </Table.Td>
              </Table.Tr>
            )}
          </Fragment>
        );
      })}
    </>
  );
}
