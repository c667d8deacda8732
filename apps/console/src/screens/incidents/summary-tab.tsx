import {
  Alert,
  Badge,
  Button,
  CloseButton,
  Group,
  List,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/error-alert';
import { useSubmit } from '../../components/use-submit';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { IncidentEdit } from './incident-edit';
import { fieldErrors, useMembers } from './shared';
import type {
  IncidentImpact,
  IncidentLinks,
  IncidentStatus,
  IncidentView,
  LinkKind,
  ReferenceItem,
  TransitionErrorBody,
} from './types';
import { ColumnHeads } from '../../components/column-heads';

interface Props {
  incident: IncidentView;
  onChange(): Promise<void> | void;
}

/** Labels of the CNIL data and subject categories, by code. */
function useReferenceLabels() {
  const cats = useAsync(() => call<ReferenceItem[]>(api.GET('/api/v1/reference/data-categories')), []);
  const subjects = useAsync(() => call<ReferenceItem[]>(api.GET('/api/v1/reference/data-subject-categories')), []);
  const label = (list: ReferenceItem[] | undefined, code: string) => list?.find((i) => i.code === code)?.label ?? code;
  return {
    category: (code: string) => label(cats.data, code),
    subject: (code: string) => label(subjects.data, code),
  };
}

export function SummaryTab({ incident, onChange }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const members = useMembers();
  const i = incident;
  const rows: Array<[string, string]> = [
    [t('incidents.summary.category'), t(`incidents.categories.${i.category}`)],
    [t('incidents.summary.source'), `${t(`incidents.sources.${i.source}`)}${i.sourceRef ? ` (${i.sourceRef})` : ''}`],
    [t('incidents.summary.reporter'), i.reporter],
    [t('incidents.detectedAt'), f.dateTime(i.detectedAt)],
    [t('incidents.occurredAt'), f.dateTime(i.occurredAt)],
    [
      t('incidents.summary.impactUrgency'),
      `${t(`incidents.levels.${i.impact}`)} / ${t(`incidents.levels.${i.urgency}`)} → ${t(`incidents.severities.${i.severity}`)}`,
    ],
    [
      t('incidents.summary.cia'),
      [i.cia.confidentiality, i.cia.integrity, i.cia.availability].map((c) => t(`incidents.cia.${c}`)).join(' / '),
    ],
    [
      t('incidents.members'),
      i.members
        .map(
          (m) =>
            `${members.name(m.member)} (${[m.manual && t('incidents.summary.manual'), m.derived && t('incidents.summary.derived')].filter(Boolean).join(', ')})`,
        )
        .join(' ; ') || '—',
    ],
    ...(i.rootCause ? ([[t('incidents.summary.rootCause'), i.rootCause]] as Array<[string, string]>) : []),
    ...(i.lessonsLearned
      ? ([[t('incidents.summary.lessonsLearned'), i.lessonsLearned]] as Array<[string, string]>)
      : []),
  ];
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="md" component="section" aria-labelledby="incident-summary">
          <Title order={3} size="h4" id="incident-summary" mb="sm">
            {t('incidents.tabs.summary')}
          </Title>
          <Text mb="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {i.description || t('incidents.summary.noDescription')}
          </Text>
          <Table variant="vertical" withTableBorder>
            <Table.Tbody>
              {rows.map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Th w={220}>{k}</Table.Th>
                  <Table.Td>{v}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <IncidentEdit incident={i} onChange={onChange} />
        </Paper>
        <Stack>
          <StatusPanel incident={i} onChange={onChange} />
          <DecisionPanel incident={i} onChange={onChange} />
        </Stack>
      </SimpleGrid>
      <LinksPanel incident={i} onChange={onChange} />
      <ImpactPanel incident={i} />
    </Stack>
  );
}

function StatusPanel({ incident, onChange }: Props) {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const allowed = incident.allowedNextStates;
  const [next, setNext] = useState<IncidentStatus | ''>(allowed[0] ?? '');
  const [note, setNote] = useState('');
  const [rootCause, setRootCause] = useState(incident.rootCause ?? '');
  const [lessons, setLessons] = useState(incident.lessonsLearned ?? '');
  const [error, setError] = useState<unknown>(null);
  const [refused, setRefused] = useState<TransitionErrorBody | null>(null);
  const [done, setDone] = useState<IncidentStatus | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setNext((n) => (n && allowed.includes(n) ? n : (allowed[0] ?? '')));
  }, [allowed]);
  // Closing without root cause or lessons learned: said at each field, in the console's language.
  const closing = error instanceof ApiError && error.body.code === 'close_requirements';
  const errs = closing
    ? Object.fromEntries(Object.keys(fieldErrors(error)).map((k) => [k, t('incidents.status_.required')]))
    : error instanceof ApiError && error.body.code === 'decision_required'
      ? { status: t('incidents.status_.decisionRequired') }
      : fieldErrors(error);
  const statusList = (l: IncidentStatus[]) => l.map((s) => t(`incidents.statuses.${s}`)).join(', ') || '—';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!next) return;
    setError(null);
    setRefused(null);
    setDone(null);
    setBusy(true);
    try {
      await call(
        api.POST('/api/v1/incidents/{id}/status', {
          params: { path: { id: incident.id } },
          body: {
            status: next,
            ...(note.trim() ? { note: note.trim() } : {}),
            ...(next === 'closed' ? { rootCause: rootCause.trim(), lessonsLearned: lessons.trim() } : {}),
          },
        }),
      );
      setDone(next);
      setNote('');
      await onChange();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setRefused(err.body as TransitionErrorBody);
        await onChange();
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="incident-lifecycle">
      <Stack>
        <Title order={3} size="h4" id="incident-lifecycle">
          {t('incidents.status_.title')}
        </Title>
        <Text>{t('incidents.status_.current', { status: t(`incidents.statuses.${incident.status}`) })}</Text>
        {refused && (
          <Alert color="red" role="alert" data-testid="transition-refused">
            <Text size="sm">{t('incidents.status_.refused', { message: refused.message })}</Text>
            <Text size="sm" fw={600}>
              {t('incidents.status_.allowed', { states: statusList(refused.allowed ?? []) })}
            </Text>
          </Alert>
        )}
        {done && (
          <Text role="status" size="sm">
            {t('incidents.status_.done', { status: t(`incidents.statuses.${done}`) })}
          </Text>
        )}
        {allowed.length === 0 ? (
          <Text size="sm">{t('incidents.status_.none')}</Text>
        ) : (
          hasRole('admin', 'rssi') && (
            <form onSubmit={(e) => void submit(e)} noValidate>
              <Stack>
                {error && !closing && !errs.status ? <ErrorAlert error={error} /> : null}
                <NativeSelect
                  label={t('incidents.status_.next')}
                  value={next}
                  error={errs.status}
                  onChange={(e) => setNext(e.currentTarget.value as IncidentStatus)}
                  data={allowed.map((s) => ({ value: s, label: t(`incidents.statuses.${s}`) }))}
                />
                <Textarea
                  label={t('incidents.status_.note')}
                  autosize
                  minRows={2}
                  value={note}
                  onChange={(e) => setNote(e.currentTarget.value)}
                />
                {next === 'closed' && (
                  <>
                    <Textarea
                      label={t('incidents.status_.rootCause')}
                      description={t('incidents.status_.closeHint')}
                      autosize
                      minRows={2}
                      value={rootCause}
                      error={errs.rootCause}
                      onChange={(e) => setRootCause(e.currentTarget.value)}
                    />
                    <Textarea
                      label={t('incidents.status_.lessonsLearned')}
                      description={t('incidents.status_.closeHint')}
                      autosize
                      minRows={2}
                      value={lessons}
                      error={errs.lessonsLearned}
                      onChange={(e) => setLessons(e.currentTarget.value)}
                    />
                  </>
                )}
                <Group justify="flex-end">
                  <Button type="submit" loading={busy}>
                    {t('incidents.status_.submit')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )
        )}
      </Stack>
    </Paper>
  );
}

function DecisionPanel({ incident, onChange }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const { hasRole } = useSession();
  const [decision, setDecision] = useState<'incident' | 'event'>(incident.decision?.decision ?? 'incident');
  const [rationale, setRationale] = useState('');
  const { submit, busy, error } = useSubmit(async () => {
    await call(
      api.POST('/api/v1/incidents/{id}/decision', {
        params: { path: { id: incident.id } },
        body: { decision, rationale: rationale.trim() },
      }),
    );
    setRationale('');
    await onChange();
  });
  const open = incident.status === 'new' || incident.status === 'triage';
  const errs = fieldErrors(error);

  const d = incident.decision;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="incident-decision">
      <Stack>
        <Title order={3} size="h4" id="incident-decision">
          {t('incidents.decision.title')}
        </Title>
        <Text size="sm" data-testid="decision-current">
          {d
            ? t('incidents.decision.current', {
                decision: t(`incidents.decision.${d.decision}`),
                by: d.by,
                at: f.dateTime(d.at),
                rationale: d.rationale,
              })
            : t('incidents.decision.none')}
        </Text>
        {open && hasRole('admin', 'rssi') && (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Stack>
              <Text size="sm" c="dimmed">
                {t('incidents.decision.hint')}
              </Text>
              <ErrorAlert error={error} />
              <Radio.Group
                label={t('incidents.decision.choice')}
                value={decision}
                onChange={(v) => setDecision(v as 'incident' | 'event')}
              >
                <Group mt="xs">
                  <Radio value="incident" label={t('incidents.decision.incident')} />
                  <Radio value="event" label={t('incidents.decision.event')} />
                </Group>
              </Radio.Group>
              <Textarea
                label={t('incidents.decision.rationale')}
                required
                autosize
                minRows={2}
                value={rationale}
                error={errs.rationale}
                onChange={(e) => setRationale(e.currentTarget.value)}
              />
              <Group justify="flex-end">
                <Button type="submit" variant="outline" loading={busy}>
                  {t('incidents.decision.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

const LINK_KINDS: LinkKind[] = ['members', 'applications', 'hosts', 'alerts'];

function LinksPanel({ incident, onChange }: Props) {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const members = useMembers();
  const links = useAsync(
    () => call<IncidentLinks>(api.GET('/api/v1/incidents/{id}/links', { params: { path: { id: incident.id } } })),
    [incident.id, incident.updatedAt],
  );
  const [kind, setKind] = useState<LinkKind>('hosts');
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>(null);
  const writer = hasRole('admin', 'rssi');
  const errs = fieldErrors(error);

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!value.trim()) return;
    setError(null);
    try {
      await call(
        api.POST('/api/v1/incidents/{id}/links', {
          params: { path: { id: incident.id } },
          body: { [kind]: [value.trim()] },
        }),
      );
      setValue('');
      await Promise.all([links.reload(), onChange()]);
    } catch (err) {
      setError(err);
    }
  }

  async function remove(k: LinkKind, ref: string) {
    setError(null);
    try {
      await call(
        api.DELETE('/api/v1/incidents/{id}/links/{kind}/{ref}', {
          params: { path: { id: incident.id, kind: k, ref } },
        }),
      );
      await Promise.all([links.reload(), onChange()]);
    } catch (err) {
      setError(err);
    }
  }

  const l = links.data;
  const items = (k: LinkKind): Array<{ ref: string; label: string; removable: boolean }> =>
    !l
      ? []
      : k === 'members'
        ? l.members.map((m) => ({ ref: m.member, label: members.name(m.member), removable: m.manual }))
        : l[k].map((ref) => ({ ref, label: ref, removable: true }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="incident-links">
      <Stack>
        <Title order={3} size="h4" id="incident-links">
          {t('incidents.links.title')}
        </Title>
        <ErrorAlert error={links.error ?? error} />
        <SimpleGrid cols={{ base: 1, md: 4 }}>
          {LINK_KINDS.map((k) => (
            <div key={k}>
              <Text fw={600} size="sm" id={`links-${k}`}>
                {t(`incidents.links.${k}`)}
              </Text>
              {items(k).length === 0 ? (
                <Text size="sm">{t('incidents.links.none')}</Text>
              ) : (
                <List size="sm" aria-labelledby={`links-${k}`} listStyleType="none" spacing={2}>
                  {items(k).map((x) => (
                    <List.Item key={x.ref}>
                      <Group gap={4} wrap="nowrap">
                        <span>{x.label}</span>
                        {writer && x.removable && (
                          <CloseButton
                            size="sm"
                            aria-label={t('incidents.links.remove', { ref: x.label })}
                            onClick={() => void remove(k, x.ref)}
                          />
                        )}
                      </Group>
                    </List.Item>
                  ))}
                </List>
              )}
            </div>
          ))}
        </SimpleGrid>
        {writer && (
          <form onSubmit={(e) => void add(e)} noValidate>
            <Group align="flex-end">
              <NativeSelect
                label={t('incidents.links.kind')}
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value as LinkKind)}
                data={LINK_KINDS.map((k) => ({ value: k, label: t(`incidents.links.${k}`) }))}
              />
              <TextInput
                label={t('incidents.links.value')}
                description={t('incidents.links.valueHint')}
                value={value}
                error={errs[kind] ?? Object.values(errs)[0]}
                onChange={(e) => setValue(e.currentTarget.value)}
                w={360}
              />
              <Button type="submit" variant="outline">
                {t('incidents.links.add')}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

function ImpactPanel({ incident }: { incident: IncidentView }) {
  const { t } = useTranslation();
  const members = useMembers();
  const labels = useReferenceLabels();
  const { data, error } = useAsync(
    () => call<IncidentImpact>(api.GET('/api/v1/incidents/{id}/impact', { params: { path: { id: incident.id } } })),
    [incident.id, incident.updatedAt],
  );
  const unknown = data ? [...data.unknown.applications, ...data.unknown.hosts] : [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="incident-impact">
      <Stack>
        <Title order={3} size="h4" id="incident-impact">
          {t('incidents.impact.title')}
        </Title>
        <ErrorAlert error={error} />
        {data && (
          <>
            <Text fw={data.personalDataBreachSuspected ? 600 : 400}>
              {data.personalDataBreachSuspected ? t('incidents.impact.suspected') : t('incidents.impact.notSuspected')}
            </Text>
            <Group gap="xs">
              {data.specialCategories.length > 0 && (
                <Badge color="red.9" variant="filled" tt="none">
                  {t('incidents.impact.special')} : {data.specialCategories.map(labels.category).join(', ')}
                </Badge>
              )}
              {data.criminalData.length > 0 && (
                <Badge color="red.9" variant="filled" tt="none">
                  {t('incidents.impact.criminal')}
                </Badge>
              )}
              {data.nir && (
                <Badge color="orange.9" variant="filled" tt="none">
                  {t('incidents.impact.nir')}
                </Badge>
              )}
            </Group>
            <Text size="sm">
              <strong>{t('incidents.impact.controllers')} :</strong>{' '}
              {data.controllers.map((c) => members.name(c.member)).join(', ') || '—'}
            </Text>
            <Text size="sm">
              <strong>{t('incidents.impact.dataCategories')} :</strong>{' '}
              {data.dataCategories.map(labels.category).join(', ') || '—'}
            </Text>
            <Text size="sm">
              <strong>{t('incidents.impact.subjects')} :</strong>{' '}
              {data.subjectCategories.map(labels.subject).join(', ') || '—'}
            </Text>
            {unknown.length > 0 && <Text size="sm">{t('incidents.impact.unknown', { list: unknown.join(', ') })}</Text>}
            {data.processingActivities.length > 0 && (
              <Table striped withTableBorder>
                <Table.Caption>{t('incidents.impact.activities')}</Table.Caption>
                <ColumnHeads
                  labels={[
                    t('incidents.impact.activity'),
                    t('incidents.impact.controller'),
                    t('incidents.impact.dataCategories'),
                    t('incidents.impact.subjects'),
                  ]}
                />
                <Table.Tbody>
                  {data.processingActivities.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{a.name}</Table.Td>
                      <Table.Td>{members.name(a.member)}</Table.Td>
                      <Table.Td>
                        {a.dataCategories
                          .map((c) =>
                            a.specialCategories.includes(c) || a.criminalData.includes(c) || a.nirCategories.includes(c)
                              ? `${labels.category(c)} (${t('incidents.impact.sensitiveFlag')})`
                              : labels.category(c),
                          )
                          .join(', ')}
                      </Table.Td>
                      <Table.Td>{a.subjectCategories.map(labels.subject).join(', ')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
