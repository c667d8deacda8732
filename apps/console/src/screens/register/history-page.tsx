import { Alert, Anchor, Badge, Group, Loader, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { api, ApiError, call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { useFieldLabel } from './activity-page';
import { useReferenceData } from './reference';
import { ActivityStatusBadge } from './status-badge';
import { useVersionFormat } from './version-format';
import type { ActivityVersion, HistoryEntry, ProcessingActivity, VersionDiff } from './types';

/** The order of a version's fields in the side-by-side view (the CNIL model's order). */
const FIELDS = [
  'status',
  'reference',
  'name',
  'purposes',
  'legalBasis',
  'legalBasisJustification',
  'art9Condition',
  'jointControllers',
  'dpo',
  'dataSubjects',
  'dataCategories',
  'recipients',
  'transfers',
  'securityMeasures',
  'applicationIds',
  'dataSource',
  'collectionMandatory',
  'automatedDecision',
  'automatedDecisionDetails',
  'rightsExercise',
  'dpia',
  'nextReviewDate',
] as const;

function useDisplay() {
  const { t } = useTranslation();
  const show = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return t('registerEditor.history.empty');
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    if (Array.isArray(v)) return v.length ? v.map(show).join('\n') : t('registerEditor.history.empty');
    return Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== null && x !== '' && !(Array.isArray(x) && x.length === 0))
      .map(([key, x]) => (typeof x === 'object' ? `${key}: ${show(x).replace(/\n/g, ', ')}` : String(x)))
      .join(' · ');
  };
  return show;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const cell = { whiteSpace: 'pre-wrap', verticalAlign: 'top' } as const;

/** Every version of a record (who, when, what changed) and a side-by-side comparison of two versions. */
export function HistoryPage() {
  const { member = '', id = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const show = useDisplay();
  const fieldLabel = useFieldLabel();
  const reference = useReferenceData();
  const path = { member, id };
  const activity = useAsync(
    () =>
      call<ProcessingActivity>(api.GET('/api/v1/members/{member}/processing-activities/{id}', { params: { path } })),
    [member, id],
  );
  const history = useAsync(
    () =>
      call<HistoryEntry[]>(
        api.GET('/api/v1/members/{member}/processing-activities/{id}/history', { params: { path } }),
      ),
    [member, id],
  );
  const describe = useVersionFormat(
    reference.data,
    new Map((activity.data?.applications ?? []).map((x) => [x.id, `${x.name} (${x.vendor})`])),
  );
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  useEffect(() => {
    const versions = history.data?.map((h) => h.version) ?? [];
    if (!versions.length) return;
    const last = versions[versions.length - 1];
    setTo((v) => v ?? last);
    setFrom((v) => v ?? Math.max(1, last - 1));
  }, [history.data]);

  const comparison = useAsync(async () => {
    if (from === null || to === null) return undefined;
    const version = (v: number) =>
      call<ActivityVersion>(
        api.GET('/api/v1/members/{member}/processing-activities/{id}/versions/{version}', {
          params: { path: { ...path, version: v } },
        }),
      );
    const [a, b, diff] = await Promise.all([
      version(from),
      version(to),
      call<VersionDiff>(
        api.GET('/api/v1/members/{member}/processing-activities/{id}/diff', {
          params: { path, query: { from: String(from), to: String(to) } },
        }),
      ),
    ]);
    return { a, b, diff };
  }, [member, id, from, to]);

  const notFound = [activity.error, history.error].some(
    (e) => e instanceof ApiError && (e.status === 404 || e.status === 403),
  );
  if (notFound)
    return (
      <Stack>
        <Title order={2}>{t('registerEditor.history.title')}</Title>
        <Alert color="red" role="alert">
          {t('registerEditor.list.notFound')}
        </Alert>
      </Stack>
    );
  if (activity.error || history.error) return <ErrorAlert error={activity.error ?? history.error} />;
  if (!activity.data || !history.data) return <Loader aria-label={t('app.loading')} />;
  const a = activity.data;
  const versions = history.data.map((h) => ({
    value: String(h.version),
    label: t('registerEditor.history.versionN', { n: h.version }),
  }));
  const k = (key: string, o?: Record<string, unknown>) => t(`registerEditor.history.${key}`, o);
  const snapshotA = comparison.data?.a.snapshot;
  const snapshotB = comparison.data?.b.snapshot;

  return (
    <Stack>
      <Anchor component={RouterLink} to={`/register/${encodeURIComponent(member)}/${id}`}>
        {k('back')}
      </Anchor>
      <Title order={2}>
        {k('title')} : {a.reference} — {a.name}
      </Title>
      <Table striped data-testid="history-table">
        <Table.Caption>{k('caption', { reference: a.reference })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{k('version')}</Table.Th>
            <Table.Th>{k('at')}</Table.Th>
            <Table.Th>{k('by')}</Table.Th>
            <Table.Th>{k('kind')}</Table.Th>
            <Table.Th>{k('status')}</Table.Th>
            <Table.Th>{k('fields')}</Table.Th>
            <Table.Th>{k('comment')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...history.data].reverse().map((h) => (
            <Table.Tr key={h.version} data-version={h.version}>
              <Table.Td>{h.version}</Table.Td>
              <Table.Td>{f.dateTime(h.changedAt)}</Table.Td>
              <Table.Td>{h.changedBy}</Table.Td>
              <Table.Td>{k(`kinds.${h.changeKind}`, { defaultValue: h.changeKind })}</Table.Td>
              <Table.Td>
                <ActivityStatusBadge status={h.status} />
              </Table.Td>
              <Table.Td style={cell}>{h.changedFields.map(fieldLabel).join('\n') || k('empty')}</Table.Td>
              <Table.Td style={cell}>{h.comment ?? k('empty')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Title order={3}>{k('compare')}</Title>
      <Group align="flex-end">
        <NativeSelect
          label={k('from')}
          value={from === null ? '' : String(from)}
          onChange={(e) => setFrom(Number(e.currentTarget.value))}
          data={versions}
        />
        <NativeSelect
          label={k('to')}
          value={to === null ? '' : String(to)}
          onChange={(e) => setTo(Number(e.currentTarget.value))}
          data={versions}
        />
      </Group>
      <ErrorAlert error={comparison.error} />
      {comparison.loading && !comparison.data && <Loader aria-label={t('app.loading')} />}
      {comparison.data && snapshotA && snapshotB && (
        <>
          {comparison.data.diff.authors.length > 0 && (
            <Text size="sm">{k('authors', { list: comparison.data.diff.authors.join(', ') })}</Text>
          )}
          <Table withColumnBorders data-testid="diff-side-by-side">
            <Table.Caption>
              {k('diffCaption', { from: comparison.data.a.version, to: comparison.data.b.version })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{k('field')}</Table.Th>
                <Table.Th>{k('versionN', { n: comparison.data.a.version })}</Table.Th>
                <Table.Th>{k('versionN', { n: comparison.data.b.version })}</Table.Th>
                <Table.Th>{k('changed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {FIELDS.map((field) => {
                const changed = !same(snapshotA[field], snapshotB[field]);
                return (
                  <Table.Tr key={field} data-field={field} data-changed={changed} fw={changed ? 700 : undefined}>
                    <Table.Th scope="row">{fieldLabel(field)}</Table.Th>
                    <Table.Td style={cell}>{describe(field, snapshotA)}</Table.Td>
                    <Table.Td style={cell}>{describe(field, snapshotB)}</Table.Td>
                    <Table.Td>
                      {changed ? (
                        <Badge color="#b43c0c" variant="filled" radius="sm" tt="none">
                          {k('changed')}
                        </Badge>
                      ) : (
                        <Text size="sm">{k('same')}</Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <Title order={4}>{k('changes', { n: comparison.data.diff.changes.length })}</Title>
          {comparison.data.diff.changes.length === 0 ? (
            <Text>{k('noChange')}</Text>
          ) : (
            <Table striped data-testid="diff-changes">
              <Table.Caption>
                {k('changesCaption', { from: comparison.data.a.version, to: comparison.data.b.version })}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{k('field')}</Table.Th>
                  <Table.Th>{k('before', { n: comparison.data.a.version })}</Table.Th>
                  <Table.Th>{k('after', { n: comparison.data.b.version })}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {comparison.data.diff.changes.map((c) => (
                  <Table.Tr key={c.field}>
                    <Table.Td>{fieldLabel(c.field)}</Table.Td>
                    <Table.Td style={cell}>
                      {c.field === 'status' ? describe('status', { status: String(c.before) }) : show(c.before)}
                    </Table.Td>
                    <Table.Td style={cell}>
                      {c.field === 'status' ? describe('status', { status: String(c.after) }) : show(c.after)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Stack>
  );
}
