import {
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NativeSelect,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_PHASES, RISK_LEVELS } from '../../../../../libs/isms/src/breach-decision';
import { api, ApiError, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/error-alert';
import { useSubmit } from '../../components/use-submit';
import { FormActions } from '../../components/form-actions';
import { generalError } from '../../components/field-errors';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { NoticesSection, OtherControllerNotice, SubjectsSection } from './breach-forms';
import { fieldErrors, fromLocalInput, split, toLocalInput, useMembers, useNow } from './shared';
import type { BreachControllerView, BreachView, IncidentView, NotificationBody, RiskAssessmentBody } from './types';
import { ColumnHeads } from '../../components/column-heads';
import { BreachEdit, BreachFacts } from './breach-edit';

const HOUR = 3_600_000;

/**
 * The personal data breach of an incident: per controller, its awareness and
 * the live 72 h CNIL countdown, the risk assessment and the notifications.
 */
export function BreachPanel({ incident, onChange }: { incident: IncidentView; onChange(): Promise<void> | void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { hasRole } = useSession();
  const writer = hasRole('admin', 'rssi', 'dpo');
  const breach = useAsync(async () => {
    try {
      const b = await call<BreachView>(
        api.GET('/api/v1/incidents/{id}/breach', { params: { path: { id: incident.id } } }),
      );
      return { breach: b, fetchedAt: Date.now() };
    } catch (e) {
      if (e instanceof ApiError && e.status === 404 && e.body.code === 'breach_not_found') return null;
      throw e;
    }
  }, [incident.id]);
  const reload = async () => {
    await Promise.all([breach.reload(), onChange()]);
  };

  if (breach.error) return <ErrorAlert error={breach.error} />;
  if (breach.data === undefined) return null;
  if (breach.data === null) return <OpenBreach incident={incident} onDone={reload} />;
  const { breach: b, fetchedAt } = breach.data;
  return (
    <Stack>
      <Title order={3} size="h4">
        {t('incidents.breach.title')}
      </Title>
      <Paper withBorder p="md">
        <Table variant="vertical">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={320}>{t('incidents.breach.consortiumAwareAt')}</Table.Th>
              <Table.Td>{f.dateTime(b.consortiumAwareAt)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('incidents.breach.nature')}</Table.Th>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{b.nature}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('incidents.breach.subjectsApprox')}</Table.Th>
              <Table.Td>{b.subjectsApprox === null ? '—' : f.number(b.subjectsApprox)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('incidents.breach.recordsApprox')}</Table.Th>
              <Table.Td>{b.recordsApprox === null ? '—' : f.number(b.recordsApprox)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Paper>
      {writer && <BreachEdit incident={incident} breach={b} onDone={reload} />}
      {b.controllers.map((c) => (
        <ControllerCard key={c.member} incident={incident} controller={c} fetchedAt={fetchedAt} onDone={reload} />
      ))}
      {writer && <OtherControllerNotice incident={incident} breach={b} onDone={reload} />}
    </Stack>
  );
}

function OpenBreach({ incident, onDone }: { incident: IncidentView; onDone(): Promise<void> }) {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const members = useMembers();
  const [form, setForm] = useState({
    consortiumAwareAt: toLocalInput(new Date()),
    nature: '',
    subjectsApprox: '' as number | string,
    recordsApprox: '' as number | string,
    members: incident.members.map((m) => m.member),
  });
  const { submit, busy, error } = useSubmit(async () => {
    await call(
      api.POST('/api/v1/incidents/{id}/breach', {
        params: { path: { id: incident.id } },
        body: {
          consortiumAwareAt: fromLocalInput(form.consortiumAwareAt) ?? '',
          nature: form.nature.trim(),
          ...(typeof form.subjectsApprox === 'number' ? { subjectsApprox: form.subjectsApprox } : {}),
          ...(typeof form.recordsApprox === 'number' ? { recordsApprox: form.recordsApprox } : {}),
          ...(form.members.length ? { members: form.members } : {}),
        },
      }),
    );
    await onDone();
  });
  const errs = fieldErrors(error);

  return (
    <Stack>
      <Title order={3} size="h4">
        {t('incidents.breach.title')}
      </Title>
      <Text>{t('incidents.breach.none')}</Text>
      {hasRole('admin', 'rssi', 'dpo') && (
        <Paper withBorder p="md" component="section" aria-labelledby="breach-open">
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Stack>
              <Title order={4} size="h5" id="breach-open">
                {t('incidents.breach.open')}
              </Title>
              <ErrorAlert error={error} />
              <Group grow align="flex-start">
                <TextInput
                  type="datetime-local"
                  label={t('incidents.breach.consortiumAwareAt')}
                  required
                  value={form.consortiumAwareAt}
                  error={errs.consortiumAwareAt}
                  onChange={(e) => setForm({ ...form, consortiumAwareAt: e.currentTarget.value })}
                />
                <MultiSelect
                  label={t('incidents.breach.controllers')}
                  description={t('incidents.breach.controllersHint')}
                  data={members.list.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))}
                  value={form.members}
                  error={errs.members ?? errs['members[0]']}
                  onChange={(v) => setForm({ ...form, members: v })}
                  searchable
                />
              </Group>
              <BreachFacts values={form} errors={errs} onChange={(k, v) => setForm({ ...form, [k]: v })} />
              <Group justify="flex-end">
                <Button type="submit" loading={busy} disabled={form.nature.trim().length < 3}>
                  {t('incidents.breach.submitOpen')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}

interface ControllerProps {
  incident: IncidentView;
  controller: BreachControllerView;
  fetchedAt: number;
  onDone(): Promise<void>;
}

function ControllerCard({ incident, controller: c, fetchedAt, onDone }: ControllerProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const { hasRole } = useSession();
  const members = useMembers();
  const writer = hasRole('admin', 'rssi', 'dpo');
  const name = members.name(c.member);
  const headingId = `controller-${c.member}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-controller={c.member}>
      <Stack>
        <Title order={4} id={headingId}>
          {t('incidents.breach.controller', { name })}
        </Title>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Stack>
            <Text size="sm">
              <strong>{t('incidents.breach.awareAt')} :</strong>{' '}
              {c.awareAt ? `${f.dateTime(c.awareAt)} (${c.awareRecordedBy ?? '—'})` : t('incidents.breach.notAware')}
            </Text>
            <Countdown controller={c} name={name} fetchedAt={fetchedAt} />
            {writer && <AwarenessForm incident={incident} controller={c} onDone={onDone} />}
          </Stack>
          <RiskAssessment incident={incident} controller={c} onDone={onDone} writer={writer} />
        </SimpleGrid>
        <NoticesSection incident={incident} controller={c} name={name} writer={writer} onDone={onDone} />
        <Notifications incident={incident} controller={c} name={name} onDone={onDone} writer={writer} />
        <SubjectsSection incident={incident} controller={c} name={name} writer={writer} onDone={onDone} />
      </Stack>
    </Paper>
  );
}

/** The 72 h CNIL deadline, ticking every second; its state is said in words, not only in colour. */
function Countdown({
  controller: c,
  name,
  fetchedAt,
}: {
  controller: BreachControllerView;
  name: string;
  fetchedAt: number;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow(1000);
  const d = c.deadline;
  let text: string;
  let colour = 'gray';
  let value = 0;
  // Counted from the server's answer, so a skewed workstation clock does not move the deadline.
  const remaining = d.remainingMs === null ? null : d.remainingMs - (now - fetchedAt);
  switch (d.state) {
    case 'pending':
    case 'overdue': {
      const r = remaining!;
      const x = split(r);
      if (r >= 0) {
        text = t('incidents.breach.remaining', x);
        colour = r < 24 * HOUR ? 'orange.9' : 'green.9';
        value = Math.max(0, Math.min(100, (r / (72 * HOUR)) * 100));
      } else {
        text = t('incidents.breach.overdue', x);
        colour = 'red.9';
        value = 100;
      }
      break;
    }
    case 'notified':
      text = t('incidents.breach.notified', { at: f.dateTime(d.notifiedAt) });
      colour = 'green.9';
      break;
    case 'notified_late':
      text = t('incidents.breach.notifiedLate', { at: f.dateTime(d.notifiedAt) });
      colour = 'red.9';
      break;
    case 'not_required':
      text = t('incidents.breach.notRequired');
      break;
    default:
      text = t('incidents.breach.awaitingAwareness');
  }
  const overdue = remaining !== null && remaining < 0 && (d.state === 'pending' || d.state === 'overdue');
  return (
    <Alert
      color={colour}
      variant={overdue ? 'filled' : 'light'}
      role="timer"
      aria-label={t('incidents.breach.countdownLabel', { name })}
      data-testid={`countdown-${c.member}`}
      data-state={overdue ? 'overdue' : d.state}
    >
      <Stack gap={4}>
        {d.deadline && <Text size="sm">{t('incidents.breach.deadline', { at: f.dateTime(d.deadline) })}</Text>}
        <Text size="lg" fw={700} data-testid={`countdown-text-${c.member}`}>
          {text}
        </Text>
        {remaining !== null && remaining >= 0 && <Progress value={value} color={colour} aria-hidden />}
      </Stack>
    </Alert>
  );
}

function AwarenessForm({ incident, controller: c, onDone }: Omit<ControllerProps, 'fetchedAt'>) {
  const { t } = useTranslation();
  const [awareAt, setAwareAt] = useState(toLocalInput(c.awareAt ?? new Date()));
  const { submit, busy, error } = useSubmit(async () => {
    await call(
      api.PUT('/api/v1/incidents/{id}/breach/controllers/{member}/awareness', {
        params: { path: { id: incident.id, member: c.member } },
        body: { awareAt: fromLocalInput(awareAt) ?? '' },
      }),
    );
    await onDone();
  });
  const errs = fieldErrors(error);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Group align="flex-end">
        <TextInput
          type="datetime-local"
          label={t('incidents.breach.awareAt')}
          required
          value={awareAt}
          error={errs.awareAt}
          onChange={(e) => setAwareAt(e.currentTarget.value)}
        />
        <Button type="submit" variant="outline" loading={busy}>
          {t('incidents.breach.setAwareness')}
        </Button>
      </Group>
      <ErrorAlert error={generalError(error)} />
    </form>
  );
}

function RiskAssessment({
  incident,
  controller: c,
  onDone,
  writer,
}: Omit<ControllerProps, 'fetchedAt'> & { writer: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [form, setForm] = useState<RiskAssessmentBody>({
    risk: c.assessment?.risk ?? 'risk',
    rationale: '',
    encrypted: c.assessment?.encrypted ?? false,
    mitigated: c.assessment?.mitigated ?? false,
    disproportionateEffort: c.assessment?.disproportionateEffort ?? false,
  });
  const { submit, busy, error } = useSubmit(async () => {
    await call(
      api.POST('/api/v1/incidents/{id}/breach/risk-assessment', {
        params: { path: { id: incident.id } },
        body: { ...form, rationale: form.rationale.trim(), members: [c.member] },
      }),
    );
    setForm({ ...form, rationale: '' });
    await onDone();
  });
  const errs = fieldErrors(error);
  const d = c.decision;
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('incidents.breach.risk')}</Text>
      {d && c.assessment ? (
        <Stack gap={2} data-testid={`decision-${c.member}`}>
          <Text size="sm" fw={600}>
            {t(`incidents.breach.risks.${d.risk}`)}
          </Text>
          <Text size="sm">
            {t('incidents.breach.notifyCnil', {
              answer: d.cnilNotificationRequired ? t('common.yes') : t('common.no'),
            })}
          </Text>
          <Text size="sm">
            {t('incidents.breach.subjects', {
              answer: t(`incidents.breach.subjectCommunication.${d.subjectCommunication}`),
            })}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {c.assessment.rationale}
          </Text>
          <Text size="xs" c="dimmed">
            {t('incidents.breach.assessedBy', { by: c.assessment.assessedBy, at: f.dateTime(c.assessment.assessedAt) })}
          </Text>
        </Stack>
      ) : (
        <Text size="sm">{t('incidents.breach.notAssessed')}</Text>
      )}
      {writer && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack gap="xs">
            <ErrorAlert error={error} />
            <NativeSelect
              label={t('incidents.breach.riskLevel')}
              value={form.risk}
              onChange={(e) => setForm({ ...form, risk: e.currentTarget.value as RiskAssessmentBody['risk'] })}
              data={RISK_LEVELS.map((r) => ({ value: r, label: t(`incidents.breach.risks.${r}`) }))}
            />
            <Textarea
              label={t('incidents.breach.rationale')}
              required
              autosize
              minRows={2}
              value={form.rationale}
              error={errs.rationale}
              onChange={(e) => setForm({ ...form, rationale: e.currentTarget.value })}
            />
            {form.risk === 'high' && (
              <>
                <Checkbox
                  label={t('incidents.breach.encrypted')}
                  checked={!!form.encrypted}
                  onChange={(e) => setForm({ ...form, encrypted: e.currentTarget.checked })}
                />
                <Checkbox
                  label={t('incidents.breach.mitigated')}
                  checked={!!form.mitigated}
                  onChange={(e) => setForm({ ...form, mitigated: e.currentTarget.checked })}
                />
                <Checkbox
                  label={t('incidents.breach.disproportionate')}
                  checked={!!form.disproportionateEffort}
                  onChange={(e) => setForm({ ...form, disproportionateEffort: e.currentTarget.checked })}
                />
              </>
            )}
            <Group justify="flex-end">
              <Button type="submit" variant="outline" loading={busy} disabled={form.rationale.trim().length < 3}>
                {t('incidents.breach.assess')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

function Notifications({
  incident,
  controller: c,
  name,
  onDone,
  writer,
}: Omit<ControllerProps, 'fetchedAt'> & { name: string; writer: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const empty = useMemo(
    () => ({
      phase: 'initial' as NotificationBody['phase'],
      sentAt: toLocalInput(new Date()),
      cnilReference: '',
      nature: '',
      dpoContact: '',
      consequences: '',
      measures: '',
      lateJustification: '',
    }),
    [],
  );
  const [form, setForm] = useState(empty);
  const [open, setOpen] = useState(false);
  const { submit, busy, error } = useSubmit(async () => {
    const text = (k: 'cnilReference' | 'nature' | 'dpoContact' | 'consequences' | 'measures' | 'lateJustification') =>
      form[k].trim() ? { [k]: form[k].trim() } : {};
    await call(
      api.POST('/api/v1/incidents/{id}/breach/notifications', {
        params: { path: { id: incident.id } },
        body: {
          member: c.member,
          phase: form.phase,
          sentAt: fromLocalInput(form.sentAt) ?? '',
          ...text('cnilReference'),
          ...text('nature'),
          ...text('dpoContact'),
          ...text('consequences'),
          ...text('measures'),
          ...text('lateJustification'),
        },
      }),
    );
    setForm(empty);
    setOpen(false);
    await onDone();
  });
  const errs = fieldErrors(error);
  const field = (k: 'cnilReference' | 'dpoContact') => (
    <TextInput
      label={t(`incidents.breach.${k}`)}
      value={form[k]}
      error={errs[k]}
      onChange={(e) => setForm({ ...form, [k]: e.currentTarget.value })}
    />
  );
  const area = (k: 'nature' | 'consequences' | 'measures' | 'lateJustification') => (
    <Textarea
      label={t(`incidents.breach.${k}`)}
      autosize
      minRows={2}
      value={form[k]}
      error={errs[k]}
      onChange={(e) => setForm({ ...form, [k]: e.currentTarget.value })}
    />
  );
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('incidents.breach.notifications')}</Text>
      {c.notifications.length === 0 ? (
        <Text size="sm">{t('incidents.breach.noNotification')}</Text>
      ) : (
        <Table striped withTableBorder>
          <Table.Caption>{t('incidents.breach.notificationsCaption', { name })}</Table.Caption>
          <ColumnHeads
            labels={[
              t('incidents.breach.phase'),
              t('incidents.breach.sentAt'),
              t('incidents.breach.cnilReference'),
              t('incidents.breach.late'),
            ]}
          />
          <Table.Tbody>
            {c.notifications.map((n) => (
              <Table.Tr key={n.id}>
                <Table.Td>{t(`incidents.breach.phases.${n.phase}`)}</Table.Td>
                <Table.Td>{f.dateTime(n.sentAt)}</Table.Td>
                <Table.Td>{n.cnilReference ?? '—'}</Table.Td>
                <Table.Td>{n.late ? t('incidents.breach.late') : t('incidents.breach.onTime')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {writer && !open && (
        <Group>
          <Button variant="subtle" onClick={() => setOpen(true)}>
            {t('incidents.breach.notify')}
          </Button>
        </Group>
      )}
      {writer && open && (
        <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('incidents.breach.notify')}>
          <Stack gap="xs">
            <ErrorAlert error={error} />
            <Group grow align="flex-start">
              <NativeSelect
                label={t('incidents.breach.phase')}
                value={form.phase}
                onChange={(e) => setForm({ ...form, phase: e.currentTarget.value as NotificationBody['phase'] })}
                data={NOTIFICATION_PHASES.map((p) => ({ value: p, label: t(`incidents.breach.phases.${p}`) }))}
              />
              <TextInput
                type="datetime-local"
                label={t('incidents.breach.sentAt')}
                required
                value={form.sentAt}
                error={errs.sentAt}
                onChange={(e) => setForm({ ...form, sentAt: e.currentTarget.value })}
              />
              {field('cnilReference')}
            </Group>
            {area('nature')}
            {field('dpoContact')}
            {area('consequences')}
            {area('measures')}
            {area('lateJustification')}
            <FormActions submit={t('incidents.breach.notify')} onCancel={() => setOpen(false)} busy={busy} />
          </Stack>
        </form>
      )}
    </Stack>
  );
}
