import { Badge, Button, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TIMELINE_KINDS } from '../../../../../libs/isms/src/taxonomy';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/error-alert';
import { useSubmit } from '../../components/use-submit';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { fieldErrors, fromLocalInput } from './shared';
import type { IncidentView, TimelineEntry, TimelineEntryBody } from './types';

type Kind = TimelineEntryBody['kind'];

/** The append-only timeline, oldest first, and a form to add to it. */
export function TimelinePanel({ incident }: { incident: IncidentView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { hasRole } = useSession();
  const timeline = useAsync(
    () => call<TimelineEntry[]>(api.GET('/api/v1/incidents/{id}/timeline', { params: { path: { id: incident.id } } })),
    [incident.id, incident.updatedAt],
  );
  const [kind, setKind] = useState<Kind>('observation');
  const [body, setBody] = useState('');
  const [occurredAt, setOccurredAt] = useState('');
  const { submit, busy, error } = useSubmit(async () => {
    await call<TimelineEntry>(
      api.POST('/api/v1/incidents/{id}/timeline', {
        params: { path: { id: incident.id } },
        body: { kind, body: body.trim(), ...(occurredAt ? { occurredAt: fromLocalInput(occurredAt) } : {}) },
      }),
    );
    setBody('');
    setOccurredAt('');
    await timeline.reload();
  });
  const errs = fieldErrors(error);
  const seqOf = (id: string) => timeline.data?.find((e) => e.id === id)?.seq ?? '?';

  return (
    <Stack>
      <Title order={3} size="h4">
        {t('incidents.timeline.title')}
      </Title>
      <ErrorAlert error={timeline.error} />
      {timeline.data && timeline.data.length === 0 && <Text>{t('incidents.timeline.empty')}</Text>}
      <ol
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
        aria-label={t('incidents.timeline.caption')}
        data-testid="timeline"
      >
        {(timeline.data ?? []).map((e) => (
          <li key={e.id} data-kind={e.kind}>
            <Paper withBorder p="sm" mb="xs">
              <Group gap="xs" mb={4}>
                <Text size="sm" fw={700}>
                  #{e.seq}
                </Text>
                <Badge variant="outline" color="gray.8" radius="sm">
                  {t(`incidents.timeline.kinds.${e.kind}`)}
                </Badge>
                <Text size="sm">
                  {t('incidents.timeline.entryMeta', {
                    time: f.dateTime(e.occurredAt),
                    author: e.author,
                    phase: t(`incidents.timeline.phases.${e.phase}`),
                  })}
                </Text>
              </Group>
              {e.corrects && (
                <Text size="sm" fs="italic">
                  {t('incidents.timeline.corrects', { seq: seqOf(e.corrects) })}
                </Text>
              )}
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {e.body}
              </Text>
            </Paper>
          </li>
        ))}
      </ol>
      {hasRole('admin', 'rssi', 'dpo') && (
        <Paper withBorder p="md" component="section" aria-labelledby="timeline-add">
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Stack>
              <Title order={4} size="h5" id="timeline-add">
                {t('incidents.timeline.add')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('incidents.timeline.appendOnly')}
              </Text>
              <ErrorAlert error={error} />
              <Group grow align="flex-start">
                <NativeSelect
                  label={t('incidents.timeline.kind')}
                  value={kind}
                  onChange={(e) => setKind(e.currentTarget.value as Kind)}
                  data={TIMELINE_KINDS.filter((k) => k !== 'evidence').map((k) => ({
                    value: k,
                    label: t(`incidents.timeline.kinds.${k}`),
                  }))}
                />
                <TextInput
                  type="datetime-local"
                  label={t('incidents.timeline.occurredAt')}
                  description={t('incidents.timeline.occurredAtHint')}
                  value={occurredAt}
                  error={errs.occurredAt}
                  onChange={(e) => setOccurredAt(e.currentTarget.value)}
                />
              </Group>
              <Textarea
                label={t('incidents.timeline.body')}
                required
                autosize
                minRows={3}
                value={body}
                error={errs.body}
                onChange={(e) => setBody(e.currentTarget.value)}
              />
              <Group justify="flex-end">
                <Button type="submit" loading={busy} disabled={!body.trim()}>
                  {t('incidents.timeline.add')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
