import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { api, ApiError, call } from '../../api/client';
import type { Member } from '../../api/responses';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { downloadRegister, type RegisterFormat } from './download';
import { ACTIVITY_STATUSES } from './gdpr';
import { ActivityStatusBadge } from './status-badge';
import type { ProcessingActivity } from './types';
import { useCanEdit } from './workflow-panel';

const FORMATS: RegisterFormat[] = ['csv', 'xlsx', 'json', 'pdf'];

/** A member's register: its records with status, search, status filter, overdue reviews and missing DPIAs; exports. */
export function MemberRegister() {
  const { member = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [status, setStatus] = useState('');
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [onlyDpia, setOnlyDpia] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const info = useAsync(
    () => call<Member>(api.GET('/api/v1/members/{member}', { params: { path: { member } } })),
    [member],
  );
  const list = useAsync(
    () =>
      call<ProcessingActivity[]>(
        api.GET('/api/v1/members/{member}/processing-activities', {
          params: {
            path: { member },
            query: {
              ...(debounced.trim() ? { q: debounced.trim() } : {}),
              ...(status && status !== 'all' ? { status } : {}),
              ...(status === 'all' ? { includeArchived: 'true' } : {}),
            },
          },
        }),
      ),
    [member, debounced, status],
  );

  const notFound = [info.error, list.error].some(
    (e) => e instanceof ApiError && (e.status === 404 || e.status === 403),
  );
  if (notFound)
    return (
      <Stack>
        <Title order={2}>{t('registerEditor.title')}</Title>
        <Alert color="red" role="alert">
          {t('registerEditor.list.notFound')}
        </Alert>
        <Anchor component={RouterLink} to="/register">
          {t('registerEditor.list.back')}
        </Anchor>
      </Stack>
    );

  const name = info.data?.name ?? member;
  const rows = (list.data ?? []).filter(
    (a) => (!onlyOverdue || a.reviewOverdue) && (!onlyDpia || a.dpiaAssessment.missing),
  );

  async function exportAs(format: RegisterFormat) {
    setExportError(null);
    setNotice(null);
    try {
      const filename = await downloadRegister(member, format);
      setNotice(t('registerEditor.exports.done', { filename }));
    } catch (e) {
      setExportError(e);
    }
  }

  return (
    <Stack>
      <Anchor component={RouterLink} to="/register">
        {t('registerEditor.list.back')}
      </Anchor>
      <Title order={2}>{t('registerEditor.list.title', { name })}</Title>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <TextInput
            label={t('registerEditor.list.search')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            w={300}
          />
          <NativeSelect
            label={t('registerEditor.list.status')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value)}
            data={[
              { value: '', label: t('registerEditor.list.statusActive') },
              ...ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`registerEditor.status.${s}`) })),
              { value: 'all', label: t('registerEditor.list.statusAll') },
            ]}
          />
          <Stack gap={4}>
            <Checkbox
              label={t('registerEditor.list.onlyOverdue')}
              checked={onlyOverdue}
              onChange={(e) => setOnlyOverdue(e.currentTarget.checked)}
            />
            <Checkbox
              label={t('registerEditor.list.onlyDpiaMissing')}
              checked={onlyDpia}
              onChange={(e) => setOnlyDpia(e.currentTarget.checked)}
            />
          </Stack>
        </Group>
        {canEdit && (
          <Button component={RouterLink} to={`/register/${encodeURIComponent(member)}/new`}>
            {t('registerEditor.list.create')}
          </Button>
        )}
      </Group>
      <Group gap="xs" role="group" aria-label={t('registerEditor.exports.register')}>
        <Text size="sm" fw={600}>
          {t('registerEditor.exports.register')}
        </Text>
        {FORMATS.map((format) => (
          <Button
            key={format}
            size="xs"
            variant="outline"
            onClick={() => void exportAs(format)}
            aria-label={t('registerEditor.exports.registerAs', { format: t(`registerEditor.exports.${format}`) })}
          >
            {t(`registerEditor.exports.${format}`)}
          </Button>
        ))}
      </Group>
      {notice && (
        <Text role="status" size="sm">
          {notice}
        </Text>
      )}
      <ErrorAlert error={exportError ?? list.error ?? info.error} />
      <Text size="sm" role="status">
        {t('registerEditor.list.count', { n: rows.length })}
      </Text>
      <Table striped data-testid="register-table">
        <Table.Caption>{t('registerEditor.list.caption', { name })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('registerEditor.list.reference')}</Table.Th>
            <Table.Th>{t('registerEditor.list.name')}</Table.Th>
            <Table.Th>{t('registerEditor.list.status')}</Table.Th>
            <Table.Th>{t('registerEditor.list.indications')}</Table.Th>
            <Table.Th>{t('registerEditor.list.version')}</Table.Th>
            <Table.Th>{t('registerEditor.list.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((a) => (
            <Table.Tr key={a.id} data-activity-id={a.id}>
              <Table.Td>{a.reference}</Table.Td>
              <Table.Td>
                <Anchor component={RouterLink} to={`/register/${encodeURIComponent(member)}/${a.id}`}>
                  {a.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <ActivityStatusBadge status={a.status} />
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {!a.completeness.complete && (
                    <Badge color="gray.8" variant="outline" radius="sm">
                      {t('registerEditor.list.incomplete', { n: a.completeness.missing.length })}
                    </Badge>
                  )}
                  {a.reviewOverdue && (
                    <Badge color="#b43c0c" variant="filled" radius="sm">
                      {t('registerEditor.list.overdue')}
                    </Badge>
                  )}
                  {a.dpiaAssessment.missing ? (
                    <Badge color="#8f1d1d" variant="filled" radius="sm">
                      {t('registerEditor.list.dpiaMissing')}
                    </Badge>
                  ) : (
                    a.dpiaAssessment.required && (
                      <Badge color="#1f3a8a" variant="filled" radius="sm">
                        {t('registerEditor.list.dpiaRequired')}
                      </Badge>
                    )
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{f.number(a.version)}</Table.Td>
              <Table.Td>{f.dateTime(a.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data && rows.length === 0 && <Text>{t('common.empty')}</Text>}
    </Stack>
  );
}
