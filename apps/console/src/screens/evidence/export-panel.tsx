import {
  Alert as Notice,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Progress,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { Member } from '../../api/responses';
import { downloadFile } from '../../components/download';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import type { ChecklistFramework, ExportJob, ExportStatus } from './types';

const DAY_MS = 86_400_000;
const POLL_MS = 1000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);

const STATUS_COLOURS: Record<ExportStatus, string> = { running: '#1f3a8a', done: '#0b5e55', failed: '#8f1d1d' };

/** Period and scope of a bundle, the export started, its progress followed, the ZIP downloaded. */
export function ExportPanel({ frameworks }: { frameworks: ChecklistFramework[] | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const today = isoDay(Date.now());
  const [from, setFrom] = useState(isoDay(Date.now() - 365 * DAY_MS));
  const [to, setTo] = useState(today);
  const [member, setMember] = useState('');
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [jobs, setJobs] = useState<ExportJob[]>([]);
  const [downloading, setDownloading] = useState<string | null>(null);
  const [downloaded, setDownloaded] = useState<string | null>(null);
  const members = useAsync(() => call<Member[]>(api.GET('/api/v1/members')), []);
  // The exports made earlier (in another tab or session) that this user may see.
  const earlier = useAsync(() => call<ExportJob[]>(api.GET('/api/v1/evidence/exports')), []);
  useEffect(() => {
    const listed = earlier.data;
    if (!listed) return;
    setJobs((list) =>
      [...list, ...listed.filter((l) => !list.some((j) => j.id === l.id))].sort((a, b) =>
        b.createdAt.localeCompare(a.createdAt),
      ),
    );
  }, [earlier.data]);
  const invalid = !from || !to || dayStart(from) > dayStart(to);

  // Polls the running exports until each is done or failed.
  const running = jobs.filter((j) => j.status === 'running').map((j) => j.id);
  const runningKey = running.join(',');
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  useEffect(() => {
    if (!runningKey) return;
    const timer = setTimeout(async () => {
      const updates = await Promise.all(
        runningKey.split(',').map((id) =>
          call<ExportJob>(api.GET('/api/v1/evidence/exports/{id}', { params: { path: { id } } })).catch(
            (e: unknown) => {
              setError(e);
              return null;
            },
          ),
        ),
      );
      if (!alive.current) return;
      setJobs((list) => list.map((j) => updates.find((u) => u?.id === j.id) ?? j));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [runningKey, jobs]);

  const start = async () => {
    setError(null);
    setStarting(true);
    try {
      const job = await call<ExportJob>(
        api.POST('/api/v1/evidence/exports', {
          body: { from, to: isoDay(dayStart(to) + DAY_MS), ...(member ? { member } : {}) },
        }),
      );
      setJobs((list) => [job, ...list]);
    } catch (e) {
      setError(e);
    } finally {
      setStarting(false);
    }
  };

  const download = async (id: string) => {
    setError(null);
    setDownloaded(null);
    setDownloading(id);
    try {
      setDownloaded(
        await downloadFile(
          api.GET('/api/v1/evidence/exports/{id}/download', { params: { path: { id } }, parseAs: 'blob' }),
          `vigie-evidence-${id}.zip`,
        ),
      );
    } catch (e) {
      setError(e);
    } finally {
      setDownloading(null);
    }
  };

  const nameOf = (code: string | null) =>
    code === null ? t('evidence.export.allMembers') : (members.data?.find((m) => m.code === code)?.name ?? code);
  // Days of the period in UTC, the end shown inclusive as it was entered.
  const utcDay = new Intl.DateTimeFormat(f.locale, { dateStyle: 'long', timeZone: 'UTC' });
  const periodOf = (j: ExportJob) => ({
    from: utcDay.format(new Date(j.period.from)),
    to: utcDay.format(new Date(Date.parse(j.period.to) - DAY_MS)),
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="export-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="export-title">
          {t('evidence.export.title')}
        </Title>
        <form
          aria-labelledby="export-title"
          onSubmit={(e) => {
            e.preventDefault();
            if (!invalid) void start();
          }}
        >
          <Group align="flex-end" wrap="wrap">
            <TextInput
              type="date"
              label={t('evidence.export.from')}
              value={from}
              max={to}
              onChange={(e) => setFrom(e.currentTarget.value)}
              required
              aria-describedby="export-dates-hint"
            />
            <TextInput
              type="date"
              label={t('evidence.export.to')}
              value={to}
              min={from}
              onChange={(e) => setTo(e.currentTarget.value)}
              required
              aria-describedby="export-dates-hint"
            />
            <NativeSelect
              label={t('evidence.export.member')}
              value={member}
              onChange={(e) => setMember(e.currentTarget.value)}
              data={[
                { value: '', label: t('evidence.export.allMembers') },
                ...(members.data ?? []).map((m) => ({ value: m.code, label: m.name })),
              ]}
              miw={260}
            />
            <Button type="submit" loading={starting} disabled={invalid}>
              {t('evidence.export.start')}
            </Button>
          </Group>
        </form>
        <Text size="xs" c="dimmed" id="export-dates-hint">
          {t('evidence.export.datesHint')}
        </Text>
        {invalid && (
          <Text size="sm" c="red.9" role="alert">
            {t('evidence.export.invalidPeriod')}
          </Text>
        )}
        {frameworks && (
          <Text size="sm">
            {t('evidence.export.frameworks', { list: frameworks.map((fw) => fw.title).join(' ; ') })}
          </Text>
        )}
        <ErrorAlert error={error ?? earlier.error} />
        {downloaded && (
          <Notice color="teal" role="status">
            {t('evidence.export.downloaded', { filename: downloaded })}
          </Notice>
        )}
        <Title order={4} size="h5" id="export-jobs">
          {t('evidence.export.jobs')}
        </Title>
        {jobs.length === 0 ? (
          <Text size="sm">{t('evidence.export.none')}</Text>
        ) : (
          <Stack gap="sm" component="ul" aria-labelledby="export-jobs" style={{ listStyle: 'none', padding: 0 }}>
            {jobs.map((j) => {
              const p = periodOf(j);
              return (
                <Paper component="li" withBorder p="sm" key={j.id} data-export-id={j.id} data-status={j.status}>
                  <Stack gap={6}>
                    <Group gap="xs">
                      <Badge color={STATUS_COLOURS[j.status]} autoContrast variant="filled" radius="sm">
                        {t(`evidence.export.status.${j.status}`)}
                      </Badge>
                      <Text size="sm" fw={600}>
                        {t('evidence.export.job', { from: p.from, to: p.to, scope: nameOf(j.member) })}
                      </Text>
                    </Group>
                    {j.status === 'running' && (
                      <div role="status">
                        <Progress.Root size="lg">
                          <Progress.Section
                            value={j.progress.percent}
                            aria-label={t('evidence.export.progress')}
                            aria-valuetext={`${j.progress.percent} %`}
                          />
                        </Progress.Root>
                        <Text size="xs">
                          {t('evidence.export.step', {
                            step: j.progress.step,
                            done: j.progress.done,
                            total: j.progress.total,
                          })}{' '}
                          — {j.progress.percent} %
                        </Text>
                      </div>
                    )}
                    {j.status === 'done' && (
                      <>
                        <Text size="xs">{t('evidence.export.size', { size: f.number(j.size ?? 0) })}</Text>
                        <Text size="xs" style={{ wordBreak: 'break-all' }}>
                          {t('evidence.export.sha256', { sha: j.sha256 })}
                        </Text>
                        <Group>
                          <Button
                            size="xs"
                            onClick={() => void download(j.id)}
                            loading={downloading === j.id}
                            aria-label={t('evidence.export.downloadNamed', p)}
                          >
                            {t('evidence.export.download')}
                          </Button>
                        </Group>
                      </>
                    )}
                    {j.status === 'failed' && (
                      <Text size="sm" c="red.9" role="alert">
                        {t('evidence.export.failed', { message: j.error?.message ?? '' })}
                      </Text>
                    )}
                  </Stack>
                </Paper>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
