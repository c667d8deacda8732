import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useSubmit } from '../../components/use-submit';
import { FormActions } from '../../components/form-actions';
import { generalError } from '../../components/field-errors';
import { useFormat } from '../../i18n/format';
import { fieldErrors, fromLocalInput, toLocalInput, useMembers } from './shared';
import type { BreachControllerView, BreachFormProps, IncidentView, NoticeBody } from './types';
import { ColumnHeads } from '../../components/column-heads';

interface NoticeFormProps {
  incident: IncidentView;
  /** The controller told; when absent the form asks which member (a new controller). */
  member?: string;
  /** Members offered when `member` is absent. */
  choices?: Array<{ value: string; label: string }>;
  label: string;
  onDone(): Promise<void>;
}

/** Records a processor → controller notice (Art. 33(2)); the controller's 72 h start then unless told otherwise. */
export function NoticeForm({ incident, member, choices = [], label, onDone }: NoticeFormProps) {
  const { t } = useTranslation();
  const empty = () => ({
    member: member ?? choices[0]?.value ?? '',
    sentAt: toLocalInput(new Date()),
    sentBy: '',
    channel: '',
    content: '',
    controllerAwareAt: '',
  });
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(empty);
  const [done, setDone] = useState(false);
  const { submit, busy, error } = useSubmit(async () => {
    const body: NoticeBody = {
      member: member ?? form.member,
      sentAt: fromLocalInput(form.sentAt) ?? '',
      content: form.content.trim(),
      ...(form.sentBy.trim() ? { sentBy: form.sentBy.trim() } : {}),
      ...(form.channel.trim() ? { channel: form.channel.trim() } : {}),
      ...(form.controllerAwareAt ? { controllerAwareAt: fromLocalInput(form.controllerAwareAt) } : {}),
    };
    await call(api.POST('/api/v1/incidents/{id}/breach/notices', { params: { path: { id: incident.id } }, body }));
    setForm(empty());
    setOpen(false);
    setDone(true);
    await onDone();
  });
  const errs = fieldErrors(error);
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm({ ...form, [k]: v });

  if (!open)
    return (
      <Group>
        <Button
          variant="subtle"
          onClick={() => {
            setForm(empty());
            setDone(false);
            setOpen(true);
          }}
          disabled={!member && choices.length === 0}
        >
          {member ? t('incidents.notices.record') : t('incidents.notices.other')}
        </Button>
        {done && (
          <Text role="status" size="sm">
            {t('incidents.notices.recorded')}
          </Text>
        )}
      </Group>
    );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={label}>
      <Stack gap="xs">
        <ErrorAlert error={generalError(error)} />
        {!member && (
          <NativeSelect
            label={t('incidents.notices.member')}
            required
            value={form.member}
            error={errs.member}
            onChange={(e) => set('member', e.currentTarget.value)}
            data={choices}
          />
        )}
        <Group grow align="flex-start">
          <TextInput
            type="datetime-local"
            label={t('incidents.notices.sentAt')}
            required
            value={form.sentAt}
            error={errs.sentAt}
            onChange={(e) => set('sentAt', e.currentTarget.value)}
          />
          <TextInput
            label={t('incidents.notices.sentBy')}
            description={t('incidents.notices.sentByHint')}
            value={form.sentBy}
            error={errs.sentBy}
            onChange={(e) => set('sentBy', e.currentTarget.value)}
          />
          <TextInput
            label={t('incidents.notices.channel')}
            description={t('incidents.notices.channelHint')}
            value={form.channel}
            error={errs.channel}
            onChange={(e) => set('channel', e.currentTarget.value)}
          />
        </Group>
        <Textarea
          label={t('incidents.notices.content')}
          required
          autosize
          minRows={2}
          value={form.content}
          error={errs.content}
          onChange={(e) => set('content', e.currentTarget.value)}
        />
        <TextInput
          type="datetime-local"
          label={t('incidents.notices.controllerAwareAt')}
          description={t('incidents.notices.controllerAwareAtHint')}
          value={form.controllerAwareAt}
          error={errs.controllerAwareAt}
          onChange={(e) => set('controllerAwareAt', e.currentTarget.value)}
        />
        <FormActions submit={t('incidents.notices.record')} onCancel={() => setOpen(false)} busy={busy} />
      </Stack>
    </form>
  );
}

/** The notices sent to one controller, and the form to record another. */
export function NoticesSection({
  incident,
  controller: c,
  name,
  writer,
  onDone,
}: {
  incident: IncidentView;
  controller: BreachControllerView;
  name: string;
  writer: boolean;
  onDone(): Promise<void>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('incidents.notices.title')}</Text>
      {c.notices.length === 0 ? (
        <Text size="sm">{t('incidents.notices.empty')}</Text>
      ) : (
        <Table striped withTableBorder>
          <Table.Caption>{t('incidents.notices.caption', { name })}</Table.Caption>
          <ColumnHeads
            labels={[
              t('incidents.notices.sentAt'),
              t('incidents.notices.sentBy'),
              t('incidents.notices.channel'),
              t('incidents.notices.content'),
            ]}
          />
          <Table.Tbody>
            {c.notices.map((n) => (
              <Table.Tr key={n.id}>
                <Table.Td>{f.dateTime(n.sentAt)}</Table.Td>
                <Table.Td>{n.sentBy}</Table.Td>
                <Table.Td>{n.channel ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{n.content}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {writer && (
        <NoticeForm
          incident={incident}
          member={c.member}
          label={t('incidents.notices.formLabel', { name })}
          onDone={onDone}
        />
      )}
    </Stack>
  );
}

/** A notice to a member that is not yet a controller of the breach: it becomes one. */
export function OtherControllerNotice({ incident, breach, onDone }: BreachFormProps) {
  const { t } = useTranslation();
  const members = useMembers();
  const known = new Set(breach.controllers.map((c) => c.member));
  const choices = members.list
    .filter((m) => !known.has(m.code))
    .map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }));
  if (!members.list.length || !choices.length) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="notice-other">
      <Stack gap="xs">
        <Title order={4} size="h5" id="notice-other">
          {t('incidents.notices.other')}
        </Title>
        <NoticeForm
          key={choices.map((c) => c.value).join()}
          incident={incident}
          choices={choices}
          label={t('incidents.notices.other')}
          onDone={onDone}
        />
      </Stack>
    </Paper>
  );
}

/** What Art. 34 asks for this controller, as the risk assessment decided, and the communication's record. */
export function SubjectsSection({
  incident,
  controller: c,
  name,
  writer,
  onDone,
}: {
  incident: IncidentView;
  controller: BreachControllerView;
  name: string;
  writer: boolean;
  onDone(): Promise<void>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const told = c.subjectCommunication;
  const empty = () => ({
    sentAt: toLocalInput(told?.sentAt ?? new Date()),
    method: told?.method ?? '',
    content: told?.content ?? '',
  });
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(empty);
  const { submit, busy, error, setError } = useSubmit(async () => {
    await call(
      api.POST('/api/v1/incidents/{id}/breach/controllers/{member}/subject-communication', {
        params: { path: { id: incident.id, member: c.member } },
        body: { sentAt: fromLocalInput(form.sentAt) ?? '', method: form.method.trim(), content: form.content.trim() },
      }),
    );
    setOpen(false);
    await onDone();
  });
  const errs = fieldErrors(error);
  const d = c.decision;
  const a = c.assessment;
  let status: string;
  if (!d) status = t('incidents.subjectsComm.notAssessed');
  else if (d.subjectCommunication === 'required') status = t('incidents.subjectsComm.required');
  else if (d.subjectCommunication === 'public_communication') status = t('incidents.subjectsComm.public');
  else if (d.subjectCommunication === 'exempt')
    status = a?.encrypted ? t('incidents.subjectsComm.exemptEncrypted') : t('incidents.subjectsComm.exemptMitigated');
  else status = t('incidents.subjectsComm.notRequired');
  const expected = d?.subjectCommunication === 'required' || d?.subjectCommunication === 'public_communication';

  return (
    <Stack gap="xs">
      <Text fw={600}>{t('incidents.subjectsComm.title')}</Text>
      <Alert
        variant="light"
        color={expected && !told ? 'orange.9' : 'gray'}
        data-testid={`subjects-${c.member}`}
        data-decision={d?.subjectCommunication ?? 'not_assessed'}
      >
        <Text size="sm">{status}</Text>
        {d?.risk === 'high' && !told && (
          <Text size="xs" mt={4}>
            {t('incidents.subjectsComm.exemptHint')}
          </Text>
        )}
      </Alert>
      {told && (
        <Stack gap={2} data-testid={`subjects-told-${c.member}`}>
          <Text size="sm" fw={600}>
            {t('incidents.subjectsComm.done', { at: f.dateTime(told.sentAt), method: told.method })}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {told.content}
          </Text>
        </Stack>
      )}
      {writer && !open && (
        <Group>
          <Button
            variant="subtle"
            onClick={() => {
              setForm(empty());
              setError(null);
              setOpen(true);
            }}
          >
            {told ? t('incidents.subjectsComm.correct') : t('incidents.subjectsComm.record')}
          </Button>
        </Group>
      )}
      {writer && open && (
        <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('incidents.subjectsComm.formLabel', { name })}>
          <Stack gap="xs">
            <ErrorAlert error={generalError(error)} />
            <Group grow align="flex-start">
              <TextInput
                type="datetime-local"
                label={t('incidents.subjectsComm.sentAt')}
                required
                value={form.sentAt}
                error={errs.sentAt}
                onChange={(e) => setForm({ ...form, sentAt: e.currentTarget.value })}
              />
              <TextInput
                label={t('incidents.subjectsComm.method')}
                description={t('incidents.subjectsComm.methodHint')}
                required
                value={form.method}
                error={errs.method}
                onChange={(e) => setForm({ ...form, method: e.currentTarget.value })}
              />
            </Group>
            <Textarea
              label={t('incidents.subjectsComm.content')}
              required
              autosize
              minRows={2}
              value={form.content}
              error={errs.content}
              onChange={(e) => setForm({ ...form, content: e.currentTarget.value })}
            />
            <FormActions submit={t('incidents.subjectsComm.record')} onCancel={() => setOpen(false)} busy={busy} />
          </Stack>
        </form>
      )}
    </Stack>
  );
}
