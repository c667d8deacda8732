import { Button, Code, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { saveBlob } from '../../components/download';
import type { EvidenceFile, IncidentView } from './types';
import { ColumnHeads } from '../../components/column-heads';

/** Evidence files with their SHA-256 (chain of custody): list, upload, download. */
export function EvidencePanel({ incident }: { incident: IncidentView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { hasRole } = useSession();
  const list = useAsync(
    () => call<EvidenceFile[]>(api.GET('/api/v1/incidents/{id}/evidence', { params: { path: { id: incident.id } } })),
    [incident.id],
  );
  const fileRef = useRef<HTMLInputElement>(null);
  const [description, setDescription] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function upload(e: FormEvent) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      await call<EvidenceFile>(
        api.POST('/api/v1/incidents/{id}/evidence', {
          params: { path: { id: incident.id } },
          body: { description: description.trim() || undefined },
          bodySerializer: () => {
            const form = new FormData();
            form.append('file', file, file.name);
            if (description.trim()) form.append('description', description.trim());
            return form;
          },
        }),
      );
      setDescription('');
      if (fileRef.current) fileRef.current.value = '';
      await list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function download(ev: EvidenceFile) {
    setError(null);
    try {
      const blob = await call<Blob>(
        api.GET('/api/v1/incidents/{id}/evidence/{evidenceId}/content', {
          params: { path: { id: incident.id, evidenceId: ev.id } },
          parseAs: 'blob',
        }),
      );
      saveBlob(blob, ev.filename);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Stack>
      <Title order={3} size="h4">
        {t('incidents.evidence.title')}
      </Title>
      <ErrorAlert error={list.error ?? error} />
      <Table striped withTableBorder>
        <Table.Caption>{t('incidents.evidence.caption')}</Table.Caption>
        <ColumnHeads
          labels={[
            t('incidents.evidence.filename'),
            t('incidents.evidence.size'),
            t('incidents.evidence.sha256'),
            t('incidents.evidence.uploadedBy'),
            t('incidents.evidence.uploadedAt'),
            t('common.actions'),
          ]}
        />
        <Table.Tbody>
          {(list.data ?? []).map((ev) => (
            <Table.Tr key={ev.id}>
              <Table.Td>
                {ev.filename}
                {ev.description && (
                  <Text size="xs" c="dimmed">
                    {ev.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{t('incidents.evidence.bytes', { n: f.number(ev.sizeBytes) })}</Table.Td>
              <Table.Td>
                <Code style={{ wordBreak: 'break-all' }}>{ev.sha256}</Code>
              </Table.Td>
              <Table.Td>{ev.uploadedBy}</Table.Td>
              <Table.Td>{f.dateTime(ev.uploadedAt)}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="outline"
                  aria-label={t('incidents.evidence.download', { name: ev.filename })}
                  onClick={() => void download(ev)}
                >
                  {t('incidents.evidence.downloadShort')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data && list.data.length === 0 && <Text>{t('incidents.evidence.empty')}</Text>}
      {hasRole('admin', 'rssi', 'dpo') && (
        <Paper withBorder p="md" component="section" aria-labelledby="evidence-upload">
          <form onSubmit={(e) => void upload(e)} noValidate>
            <Stack>
              <Title order={4} size="h5" id="evidence-upload">
                {t('incidents.evidence.upload')}
              </Title>
              <Group align="flex-end" grow>
                <Stack gap={4}>
                  <label htmlFor="evidence-file" style={{ fontSize: 'var(--mantine-font-size-sm)', fontWeight: 500 }}>
                    {t('incidents.evidence.file')}
                  </label>
                  <input id="evidence-file" name="file" type="file" ref={fileRef} required />
                </Stack>
                <TextInput
                  label={t('incidents.evidence.description')}
                  value={description}
                  onChange={(e) => setDescription(e.currentTarget.value)}
                />
              </Group>
              <Group justify="flex-end">
                <Button type="submit" loading={busy}>
                  {t('incidents.evidence.upload')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
