import { Group, NativeSelect, Radio, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { Alert } from '../../api/responses';
import { ErrorAlert } from '../../components/error-alert';
import { FormActions, ModalForm } from '../../components/form-actions';
import { useAsync } from '../../components/use-async';
import { fieldErrors } from '../../components/field-errors';
import type { EscalateBody, Escalation, IncidentSummary } from './types';

const FIELDS = ['incident', 'title', 'comment', 'category'] as const;

interface Props {
  alert: Alert;
  opened: boolean;
  onClose(): void;
  onEscalated(r: Escalation): void;
}

/**
 * Escalate the alert to the ISMS incident log: a new incident (title defaults to the rule and hosts), or attached
 * to an incident still open. Personal data at stake opens the incident's breach record on the server.
 */
export function EscalateModal({ alert, opened, onClose, onEscalated }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'new' | 'attach'>('new');
  const [title, setTitle] = useState('');
  const [incident, setIncident] = useState('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<unknown>(null);
  const incidents = useAsync(
    () =>
      opened
        ? call<IncidentSummary[]>(api.GET('/api/v1/incidents')).then((l) => l.filter((i) => i.status !== 'closed'))
        : Promise.resolve<IncidentSummary[]>([]),
    [opened],
  );
  const open = incidents.data ?? [];

  useEffect(() => {
    if (!opened) return;
    setMode('new');
    setTitle('');
    setComment('');
    setErrors({});
    setGeneral(null);
  }, [opened]);

  useEffect(() => {
    if (open.length && !open.some((i) => i.id === incident)) setIncident(open[0].id);
  }, [open, incident]);

  const submit = async () => {
    setBusy(true);
    setErrors({});
    setGeneral(null);
    const body: EscalateBody = {
      ...(mode === 'attach' ? { incident } : title.trim() ? { title: title.trim() } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    try {
      const r = await call<Escalation>(
        api.POST('/api/v1/alerts/{id}/escalate', { params: { path: { id: alert.id } }, body }),
      );
      onEscalated(r);
    } catch (e) {
      const r = fieldErrors(e, FIELDS);
      setErrors(r.byField);
      if (r.general) setGeneral(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      size="lg"
      title={t('alertDetail.escalateTitle')}
      onSubmit={() => void submit()}
    >
      {alert.personalData && <Text size="sm">{t('alertDetail.personalDataNotice')}</Text>}
      <Radio.Group label={t('alertDetail.escalateMode')} value={mode} onChange={(v) => setMode(v as 'new' | 'attach')}>
        <Group mt="xs">
          <Radio value="new" label={t('alertDetail.newIncident')} />
          <Radio value="attach" label={t('alertDetail.attachIncident')} disabled={!open.length} />
        </Group>
      </Radio.Group>
      {mode === 'new' && (
        <TextInput
          label={t('alertDetail.incidentTitle')}
          description={t('alertDetail.incidentTitleHint')}
          placeholder={`${alert.rule.title}${alert.hosts.length ? ` — ${alert.hosts.slice(0, 3).join(', ')}` : ''}`}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
        />
      )}
      {mode === 'attach' && (
        <NativeSelect
          label={t('alertDetail.openIncident')}
          required
          value={incident}
          onChange={(e) => setIncident(e.currentTarget.value)}
          data={open.map((i) => ({ value: i.id, label: `${i.reference} — ${i.title}` }))}
          error={errors.incident}
        />
      )}
      {!incidents.loading && !open.length && <Text size="sm">{t('alertDetail.noOpenIncident')}</Text>}
      <ErrorAlert error={incidents.error} />
      <Textarea
        label={t('alertDetail.escalateComment')}
        minRows={2}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        error={errors.comment}
      />
      <FormActions
        error={general}
        submit={t('alertDetail.escalate')}
        onCancel={onClose}
        busy={busy}
        color="red.9"
        disabled={mode === 'attach' && !incident}
      />
    </ModalForm>
  );
}
