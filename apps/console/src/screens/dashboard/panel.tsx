import { Button, Group, Loader, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';

/** True when the API refused the read to the caller's role. */
export const forbidden = (e: unknown): boolean => e instanceof ApiError && e.status === 403;

interface PanelProps {
  id: string;
  title: string;
  /** The panel's read (useAsync): data shown once there (kept while reloading), retried on error. */
  state: { data: unknown; error: unknown; loading: boolean; reload(): Promise<unknown> };
  controls?: ReactNode;
  children?: ReactNode;
}

/**
 * One dashboard panel: its own heading, loading and error state, so that a
 * failing panel never blanks the page; a read the role may not make is said
 * plainly instead of shown as an error.
 */
export function Panel({ id, title, state, controls, children }: PanelProps) {
  const { t } = useTranslation();
  const { loading, error } = state;
  const headingId = `${id}-title`;
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby={headingId}
      aria-busy={loading}
      data-testid={`panel-${id}`}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={3} size="h4" id={headingId}>
            {title}
          </Title>
          {controls}
        </Group>
        {forbidden(error) ? (
          <Text size="sm" data-testid={`panel-${id}-forbidden`}>
            {t('dashboard.forbidden')}
          </Text>
        ) : error ? (
          <Stack gap="xs" align="flex-start">
            <ErrorAlert error={error} />
            <Button size="xs" variant="outline" onClick={() => void state.reload()}>
              {t('dashboard.retry')}
            </Button>
          </Stack>
        ) : !state.data ? (
          <Loader size="sm" aria-label={t('dashboard.loading')} />
        ) : (
          children
        )}
      </Stack>
    </Paper>
  );
}

/** A panel's small choice (range, threshold) shown beside its heading. */
export function PanelSelect<V extends string>({
  label,
  value,
  onChange,
  data,
}: {
  label: string;
  value: V;
  onChange(value: NoInfer<V>): void;
  data: Array<{ value: NoInfer<V>; label: string }>;
}) {
  return (
    <NativeSelect
      label={label}
      size="xs"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value as V)}
      data={data}
    />
  );
}
