import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { useFormat } from '../../i18n/format';
import { nextStatus } from './gdpr';
import { ActivityStatusBadge } from './status-badge';
import type { FieldIssue, ProcessingActivity, RegisterEditorRole, TransitionRefusal, WorkflowAction } from './types';

const ACTIONS: WorkflowAction[] = ['submit', 'validate', 'archive', 'reopen'];
/** Who may edit and move a record (the API's REGISTER_EDITORS); validating is the DPO's. */
const EDITORS: RegisterEditorRole[] = ['dpo', 'referent'];

export function useCanEdit(): boolean {
  const { hasRole } = useSession();
  return hasRole(...EDITORS);
}

/**
 * The record's workflow: draft → in review → validated (DPO) → archived, and
 * back to draft. A button is shown only when the state machine (libs/gdpr)
 * and the user's roles allow it; a refusal by the API (409) says which steps
 * are possible, an incomplete record (422) hands its fields to the form.
 */
export function WorkflowPanel({
  activity: a,
  dirty,
  onDone,
  onMissing,
}: {
  activity: ProcessingActivity;
  dirty: boolean;
  onDone: (a: ProcessingActivity) => void;
  onMissing: (fields: FieldIssue[]) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const { hasRole } = useSession();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; refusal?: TransitionRefusal } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const k = (key: string, o?: Record<string, unknown>) => t(`registerEditor.workflow.${key}`, o);
  const statusLabel = (s: string) => t(`registerEditor.status.${s}`);

  const possible = ACTIONS.filter((action) => {
    try {
      nextStatus(a.status, action);
    } catch {
      return false;
    }
    return action === 'validate' ? hasRole('dpo') : hasRole(...EDITORS);
  });

  async function run(action: WorkflowAction) {
    setBusy(true);
    setError(null);
    setDone(null);
    const params = { params: { path: { member: a.member, id: a.id } }, body: comment ? { comment } : {} };
    const calls = {
      submit: () => api.POST('/api/v1/members/{member}/processing-activities/{id}/submit', params),
      validate: () => api.POST('/api/v1/members/{member}/processing-activities/{id}/validate', params),
      archive: () => api.POST('/api/v1/members/{member}/processing-activities/{id}/archive', params),
      reopen: () => api.POST('/api/v1/members/{member}/processing-activities/{id}/reopen', params),
    };
    try {
      const updated = await call<ProcessingActivity>(calls[action]());
      setComment('');
      setDone(k('done', { status: statusLabel(updated.status) }));
      onMissing([]);
      onDone(updated);
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.body.fields?.length) {
        onMissing(e.body.fields);
        setError({ message: e.message });
      } else if (e instanceof ApiError && e.status === 409) {
        setError({ message: e.message, refusal: e.body as unknown as TransitionRefusal });
        // The record changed meanwhile: show it as it is now (its status, its buttons).
        const fresh = await call<ProcessingActivity>(
          api.GET('/api/v1/members/{member}/processing-activities/{id}', {
            params: { path: { member: a.member, id: a.id } },
          }),
        ).catch(() => undefined);
        if (fresh) onDone(fresh);
      } else setError({ message: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }

  const refusal = error?.refusal;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="workflow-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="workflow-title">
          {k('title')}
        </Title>
        <Group gap="xs">
          <ActivityStatusBadge status={a.status} />
          <Text size="sm">{k('current', { status: statusLabel(a.status), version: a.version })}</Text>
        </Group>
        {a.validatedAt && (
          <Text size="sm">{k('validatedBy', { at: f.dateTime(a.validatedAt), by: a.validatedBy })}</Text>
        )}
        {a.reviewOverdue && a.nextReviewDate && (
          <Text size="sm" fw={600}>
            {k('overdue', { date: a.nextReviewDate })}
          </Text>
        )}
        {possible.length === 0 ? (
          <Text size="sm">{k('none')}</Text>
        ) : (
          <>
            <Textarea
              label={k('comment')}
              autosize
              minRows={1}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            {dirty && <Text size="sm">{k('saveFirst')}</Text>}
            <Group gap="xs">
              {possible.map((action) => (
                <Button
                  key={action}
                  size="sm"
                  variant={action === 'archive' ? 'outline' : 'filled'}
                  loading={busy}
                  disabled={dirty}
                  onClick={() => void run(action)}
                >
                  {k(action)}
                </Button>
              ))}
            </Group>
          </>
        )}
        {done && (
          <Text size="sm" role="status">
            {done}
          </Text>
        )}
        {error && (
          <Alert color="red" role="alert" data-testid="workflow-error">
            {refusal?.status ? (
              <Stack gap={2}>
                <Text size="sm" fw={600}>
                  {k('refused', { status: statusLabel(refusal.status) })}
                </Text>
                <Text size="sm">
                  {refusal.allowed?.length
                    ? k('allowed', {
                        list: refusal.allowed
                          .map((s, i) =>
                            refusal.allowedActions?.[i]
                              ? `${statusLabel(s)} (${k(refusal.allowedActions[i])})`
                              : statusLabel(s),
                          )
                          .join(', '),
                      })
                    : k('allowedNone')}
                </Text>
                <Text size="xs">{error.message}</Text>
              </Stack>
            ) : (
              t('common.error', { message: error.message })
            )}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
