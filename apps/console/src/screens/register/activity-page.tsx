import { Alert, Anchor, Button, Grid, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, call } from '../../api/client';
import type { Member, Schemas } from '../../api/responses';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { ActivityForm } from './activity-form';
import { downloadActivityPdf } from './download';
import { FieldErrors } from '../../components/field-errors';
import { missingFields, normaliseContent } from './gdpr';
import { useReferenceData } from './reference';
import type { ActivityContent, Application, FieldIssue, ProcessingActivity } from './types';
import { useCanEdit, WorkflowPanel } from './workflow-panel';

const EMPTY: ActivityContent = normaliseContent({ name: '' });

/** The stored content of a record as the API presents it. */
function contentOf(a: ProcessingActivity): ActivityContent {
  return normaliseContent(a);
}

/** The request body: the whole content; a blank reference is left for the API to assign. */
function bodyOf(c: ActivityContent): Schemas['CreateActivityDto'] {
  const { reference, ...rest } = c;
  return { ...rest, ...(reference ? { reference } : {}) };
}

/** The label of a field path (`dataCategories[0].retentionPeriod` → "Catégories de données n° 1 : …"). */
export function useFieldLabel() {
  const { t } = useTranslation();
  return (path: string) => {
    const m = /^(\w+)(?:\[(\w+)\])?(?:\.(.+))?$/.exec(path);
    if (!m) return path;
    const base = t(`registerEditor.fieldNames.${m[1]}`, { defaultValue: m[1] });
    const index = m[2] !== undefined ? (/^\d+$/.test(m[2]) ? ` n° ${Number(m[2]) + 1}` : ` [${m[2]}]`) : '';
    return `${base}${index}${m[3] ? ` (${m[3]})` : ''}`;
  };
}

/**
 * A record of the register: the full CNIL form (create or edit), the live
 * DPIA verdict and completeness, the workflow, the PDF fiche and the link to
 * its version history.
 */
export function ActivityPage() {
  const { member = '', id } = useParams();
  const creating = !id;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canEdit = useCanEdit();
  const fieldLabel = useFieldLabel();
  const reference = useReferenceData();
  const memberInfo = useAsync(
    () => call<Member>(api.GET('/api/v1/members/{member}', { params: { path: { member } } })),
    [member],
  );
  const applications = useAsync(
    () => call<Application[]>(api.GET('/api/v1/applications', { params: { query: { member } } })),
    [member],
  );
  const loaded = useAsync(
    () =>
      creating
        ? Promise.resolve(undefined)
        : call<ProcessingActivity>(
            api.GET('/api/v1/members/{member}/processing-activities/{id}', { params: { path: { member, id } } }),
          ),
    [member, id],
  );
  const [activity, setActivity] = useState<ProcessingActivity | undefined>(undefined);
  const [content, setContent] = useState<ActivityContent>(EMPTY);
  const [saved, setSaved] = useState<string>(JSON.stringify(EMPTY));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [issueSource, setIssueSource] = useState<'save' | 'workflow'>('save');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (loaded.data) {
      const c = contentOf(loaded.data);
      setActivity(loaded.data);
      setContent(c);
      setSaved(JSON.stringify(c));
    }
  }, [loaded.data]);

  const dirty = JSON.stringify(content) !== saved;
  const readOnly = !canEdit || activity?.status === 'archived';
  const errors = useMemo(() => new FieldErrors(issues), [issues]);
  const liveMissing = useMemo(
    () => (reference.data ? missingFields(content, reference.data.lookup) : []),
    [content, reference.data],
  );

  function accept(a: ProcessingActivity) {
    const c = contentOf(a);
    setActivity(a);
    setContent(c);
    setSaved(JSON.stringify(c));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    setIssues([]);
    try {
      if (creating) {
        const created = await call<ProcessingActivity>(
          api.POST('/api/v1/members/{member}/processing-activities', {
            params: { path: { member } },
            body: bodyOf(content),
          }),
        );
        navigate(`/register/${encodeURIComponent(member)}/${created.id}`, { replace: true });
        return;
      }
      const updated = await call<ProcessingActivity>(
        api.PATCH('/api/v1/members/{member}/processing-activities/{id}', {
          params: { path: { member, id } },
          body: { ...bodyOf(content), expectedVersion: activity?.version },
        }),
      );
      accept(updated);
      setNotice(t('registerEditor.form.saved', { version: updated.version }));
    } catch (err) {
      if (err instanceof ApiError && err.body.fields?.length) {
        setIssueSource('save');
        setIssues(err.body.fields);
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function pdf() {
    if (!activity) return;
    setError(null);
    try {
      const filename = await downloadActivityPdf(member, activity.id);
      setNotice(t('registerEditor.exports.done', { filename }));
    } catch (err) {
      setError(err);
    }
  }

  const notFound = [loaded.error, memberInfo.error].some((x) => x instanceof ApiError && x.status === 404);
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
  const fatal = reference.error ?? loaded.error ?? memberInfo.error;
  if (fatal) return <ErrorAlert error={fatal} />;
  if (!reference.data || (!creating && !activity)) return <Loader aria-label={t('app.loading')} />;

  const title = creating
    ? t('registerEditor.form.newTitle')
    : t('registerEditor.form.editTitle', { reference: activity!.reference, name: activity!.name });
  const memberName = memberInfo.data?.name ?? member;

  return (
    <Stack>
      <Anchor component={RouterLink} to={`/register/${encodeURIComponent(member)}`}>
        {t('registerEditor.list.title', { name: memberName })}
      </Anchor>
      <Title order={2}>{title}</Title>
      {activity && (
        <Group gap="sm">
          <Button variant="outline" onClick={() => void pdf()}>
            {t('registerEditor.exports.activityPdf')}
          </Button>
          <Button
            variant="outline"
            component={RouterLink}
            to={`/register/${encodeURIComponent(member)}/${activity.id}/history`}
          >
            {t('registerEditor.history.link')}
          </Button>
        </Group>
      )}
      <ErrorAlert error={error} />
      {notice && (
        <Text role="status" size="sm">
          {notice}
        </Text>
      )}
      {issues.length > 0 && (
        <Alert color="red" role="alert" data-testid="field-problems">
          <Text size="sm" fw={600}>
            {issueSource === 'save'
              ? t('registerEditor.form.problems', { n: issues.length })
              : t('registerEditor.form.problemsWorkflow', { n: issues.length })}
          </Text>
          <List size="sm">
            {issues.map((i, n) => (
              <List.Item key={n}>
                {fieldLabel(i.field)} : {i.problem}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <form onSubmit={(e) => void save(e)} aria-label={title} noValidate>
            <Stack>
              <ActivityForm
                content={content}
                onChange={(change) => {
                  setContent((c) => ({ ...c, ...change }));
                  // A field edited since the API's answer no longer shows that answer's problem.
                  const keys = Object.keys(change);
                  setIssues((all) =>
                    all.filter(
                      (i) =>
                        !keys.some((k) => i.field === k || i.field.startsWith(`${k}.`) || i.field.startsWith(`${k}[`)),
                    ),
                  );
                }}
                errors={errors}
                reference={reference.data}
                applications={applications.data ?? []}
                controllerName={memberName}
                suggestedDataCategories={activity?.suggestedDataCategories}
                readOnly={readOnly}
              />
              {!readOnly && (
                <Group>
                  <Button type="submit" loading={busy}>
                    {creating ? t('registerEditor.form.create') : t('registerEditor.form.save')}
                  </Button>
                  {dirty && <Text size="sm">{t('registerEditor.form.dirty')}</Text>}
                </Group>
              )}
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack style={{ position: 'sticky', top: 80 }}>
            {activity && (
              <WorkflowPanel
                activity={activity}
                dirty={dirty}
                onDone={accept}
                onMissing={(fields) => {
                  setIssueSource('workflow');
                  setIssues(fields);
                }}
              />
            )}
            <Paper withBorder p="md" component="section" aria-labelledby="completeness-title">
              <Stack gap="xs">
                <Title order={3} size="h4" id="completeness-title">
                  {t('registerEditor.completeness.title')}
                </Title>
                {liveMissing.length === 0 ? (
                  <Text size="sm">{t('registerEditor.completeness.complete')}</Text>
                ) : (
                  <>
                    <Text size="sm">{t('registerEditor.completeness.missing', { n: liveMissing.length })}</Text>
                    <List size="sm" data-testid="completeness-missing">
                      {liveMissing.map((m) => (
                        <List.Item key={m.field}>{fieldLabel(m.field)}</List.Item>
                      ))}
                    </List>
                  </>
                )}
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
