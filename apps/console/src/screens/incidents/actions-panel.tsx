import {
  Badge,
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
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REVIEW_RESULTS } from '../../../../../libs/isms/src/corrective-action';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/error-alert';
import { useSubmit } from '../../components/use-submit';
import { useAsync } from '../../components/use-async';
import { fieldErrors, today } from './shared';
import type { ActionStatus, CorrectiveActionView, IncidentView, ReviewBody } from './types';
import { ColumnHeads } from '../../components/column-heads';

/** Corrective actions of an incident (ISO 27001 10.2): list, create, move along, effectiveness review. */
export function ActionsPanel({ incident }: { incident: IncidentView }) {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const writer = hasRole('admin', 'rssi', 'dpo');
  const list = useAsync(
    () =>
      call<CorrectiveActionView[]>(
        api.GET('/api/v1/corrective-actions', { params: { query: { incident: incident.reference } } }),
      ),
    [incident.reference],
  );
  return (
    <Stack>
      <Title order={3} size="h4">
        {t('incidents.actions.title')}
      </Title>
      <ErrorAlert error={list.error} />
      <Table striped withTableBorder data-testid="actions-table">
        <Table.Caption>{t('incidents.actions.caption')}</Table.Caption>
        <ColumnHeads
          labels={[
            t('incidents.actions.name'),
            t('incidents.actions.owner'),
            t('incidents.actions.dueDate'),
            t('incidents.actions.status'),
            t('incidents.actions.review'),
          ]}
        />
        <Table.Tbody>
          {(list.data ?? []).map((a) => (
            <Table.Tr key={a.id} data-action={a.title}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {a.title}
                </Text>
                <Text size="xs">{a.action}</Text>
              </Table.Td>
              <Table.Td>{a.owner}</Table.Td>
              <Table.Td>
                {a.dueDate ?? '—'}
                {a.overdue && (
                  <Badge color="red.9" variant="filled" ml="xs">
                    {t('incidents.actions.overdue')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color="gray.8" variant="outline" radius="sm">
                  {t(`incidents.actions.statuses.${a.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {a.review
                  ? t('incidents.actions.reviewLine', {
                      result: t(`incidents.actions.results.${a.review.result}`),
                      date: a.review.date,
                      reviewer: a.review.reviewer,
                    })
                  : t('incidents.actions.noReview')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data && list.data.length === 0 && <Text>{t('incidents.actions.empty')}</Text>}
      {writer &&
        (list.data ?? [])
          .filter((a) => a.status !== 'closed' && a.status !== 'cancelled')
          .map((a) => <ActionControls key={a.id} action={a} onDone={list.reload} />)}
      {writer && <CreateAction incident={incident} onDone={list.reload} />}
    </Stack>
  );
}

function ActionControls({ action: a, onDone }: { action: CorrectiveActionView; onDone(): Promise<void> }) {
  const { t } = useTranslation();
  const allowed = a.allowedNextStates as ActionStatus[];
  const [next, setNext] = useState<ActionStatus | ''>(allowed[0] ?? '');
  const [review, setReview] = useState<ReviewBody>({
    date: today(),
    method: '',
    result: 'effective',
    reviewer: '',
    notes: '',
  });
  const [error, setError] = useState<unknown>(null);
  const errs = fieldErrors(error);

  async function move(e: FormEvent) {
    e.preventDefault();
    if (!next) return;
    setError(null);
    try {
      await call(
        api.POST('/api/v1/corrective-actions/{id}/status', { params: { path: { id: a.id } }, body: { status: next } }),
      );
      await onDone();
    } catch (err) {
      setError(err);
    }
  }
  async function submitReview(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await call(
        api.POST('/api/v1/corrective-actions/{id}/review', {
          params: { path: { id: a.id } },
          body: { ...review, notes: review.notes?.trim() || undefined },
        }),
      );
      await onDone();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Paper withBorder p="sm" component="section" aria-label={a.title}>
      <Stack gap="xs">
        <ErrorAlert error={error} />
        {allowed.length > 0 && (
          <form onSubmit={(e) => void move(e)} noValidate>
            <Group align="flex-end">
              <NativeSelect
                label={t('incidents.actions.nextStatus', { title: a.title })}
                value={next}
                error={errs.status}
                onChange={(e) => setNext(e.currentTarget.value as ActionStatus)}
                data={allowed.map((s) => ({ value: s, label: t(`incidents.actions.statuses.${s}`) }))}
              />
              <Button type="submit" variant="outline">
                {t('incidents.actions.move')}
              </Button>
            </Group>
          </form>
        )}
        {(a.status === 'implemented' || a.status === 'in_progress') && (
          <form
            onSubmit={(e) => void submitReview(e)}
            noValidate
            aria-label={t('incidents.actions.reviewTitle', { title: a.title })}
          >
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                {t('incidents.actions.reviewTitle', { title: a.title })}
              </Text>
              <Group grow align="flex-start">
                <TextInput
                  type="date"
                  label={t('incidents.actions.reviewDate')}
                  required
                  value={review.date}
                  error={errs.date}
                  onChange={(e) => setReview({ ...review, date: e.currentTarget.value })}
                />
                <TextInput
                  label={t('incidents.actions.reviewMethod')}
                  required
                  value={review.method}
                  error={errs.method}
                  onChange={(e) => setReview({ ...review, method: e.currentTarget.value })}
                />
                <NativeSelect
                  label={t('incidents.actions.reviewResult')}
                  value={review.result}
                  onChange={(e) => setReview({ ...review, result: e.currentTarget.value as ReviewBody['result'] })}
                  data={REVIEW_RESULTS.map((r) => ({ value: r, label: t(`incidents.actions.results.${r}`) }))}
                />
                <TextInput
                  label={t('incidents.actions.reviewer')}
                  required
                  value={review.reviewer}
                  error={errs.reviewer}
                  onChange={(e) => setReview({ ...review, reviewer: e.currentTarget.value })}
                />
              </Group>
              <Textarea
                label={t('incidents.actions.reviewNotes')}
                autosize
                minRows={1}
                value={review.notes ?? ''}
                onChange={(e) => setReview({ ...review, notes: e.currentTarget.value })}
              />
              <Group justify="flex-end">
                <Button type="submit" variant="outline">
                  {t('incidents.actions.reviewSubmit')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

function CreateAction({ incident, onDone }: { incident: IncidentView; onDone(): Promise<void> }) {
  const { t } = useTranslation();
  const empty = { title: '', nonconformity: '', correction: '', rootCause: '', action: '', owner: '', dueDate: '' };
  const [form, setForm] = useState(empty);
  const { submit, busy, error } = useSubmit(async () => {
    await call(
      api.POST('/api/v1/corrective-actions', {
        body: {
          source: 'incident',
          incident: incident.reference,
          title: form.title.trim(),
          nonconformity: form.nonconformity.trim(),
          action: form.action.trim(),
          owner: form.owner.trim(),
          ...(form.correction.trim() ? { correction: form.correction.trim() } : {}),
          ...(form.rootCause.trim() ? { rootCause: form.rootCause.trim() } : {}),
          ...(form.dueDate ? { dueDate: form.dueDate } : {}),
        },
      }),
    );
    setForm(empty);
    await onDone();
  });
  const errs = fieldErrors(error);
  const text = (k: keyof typeof empty, required = false) => (
    <TextInput
      label={t(`incidents.actions.${k === 'title' ? 'name' : k}`)}
      required={required}
      type={k === 'dueDate' ? 'date' : 'text'}
      value={form[k]}
      error={errs[k]}
      onChange={(e) => setForm({ ...form, [k]: e.currentTarget.value })}
    />
  );
  const area = (k: keyof typeof empty, required = false) => (
    <Textarea
      label={t(`incidents.actions.${k}`)}
      required={required}
      autosize
      minRows={2}
      value={form[k]}
      error={errs[k]}
      onChange={(e) => setForm({ ...form, [k]: e.currentTarget.value })}
    />
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="action-create">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Title order={4} size="h5" id="action-create">
            {t('incidents.actions.create')}
          </Title>
          <ErrorAlert error={error} />
          <Group grow align="flex-start">
            {text('title', true)}
            {text('owner', true)}
            {text('dueDate')}
          </Group>
          {area('nonconformity', true)}
          <Group grow align="flex-start">
            {area('correction')}
            {area('rootCause')}
          </Group>
          {area('action', true)}
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {t('incidents.actions.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
