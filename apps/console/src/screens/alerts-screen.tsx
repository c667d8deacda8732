import {
  Alert as Notice,
  Anchor,
  Button,
  CloseButton,
  Checkbox,
  Group,
  MultiSelect,
  Pagination,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useSearchParams } from 'react-router-dom';
import { api, call } from '../api/client';
import { ALERT_LEVELS, ALERT_STATUSES } from '../api/enums';
import type {
  Alert,
  AlertLevel,
  AlertList,
  AlertStatus,
  BulkResult,
  CloseReason,
  Member,
  Schemas,
} from '../api/responses';
import { useSession } from '../auth/session';
import { LevelBadge, StatusBadge } from '../components/badges';
import { ErrorAlert } from '../components/error-alert';
import { useAsync } from '../components/use-async';
import { useFormat } from '../i18n/format';
import { AlertDrawer } from './alerts/alert-drawer';
import { CloseModal } from './alerts/close-modal';
import { ExceptionsScreen } from './alerts/exceptions-screen';
import { NotFoundScreen } from './not-found-screen';

const PAGE = 50;
const UNCLOSED: AlertStatus[] = ['open', 'acknowledged', 'in_progress'];

/** A comma-separated list parameter; `known` keeps only the values it accepts. */
function listParam<T extends string>(params: URLSearchParams, key: string, known?: readonly T[]): T[] {
  const raw = params.get(key);
  if (!raw) return [];
  const values = raw
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return [...new Set(known ? values.filter((v): v is T => known.includes(v as T)) : (values as T[]))];
}

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/** `/alerts`: the queue; `/alerts/exceptions`: the exceptions. */
export function AlertsScreen() {
  return (
    <Routes>
      <Route index element={<AlertQueue />} />
      <Route path="exceptions" element={<ExceptionsScreen />} />
      <Route path="*" element={<NotFoundScreen />} />
    </Routes>
  );
}

/**
 * The triage queue: filters kept in the address (`status`, `level`, `rule`, `member` comma-separated, `q`; no
 * `status` means the unclosed ones, an empty one every status), level badges, bulk acknowledge and close, j/k/a/c
 * shortcuts.
 */
function AlertQueue() {
  const { t } = useTranslation();
  const f = useFormat();
  const { hasRole } = useSession();
  const canTriage = hasRole('admin', 'rssi');
  const canSeeExceptions = hasRole('admin', 'rssi', 'referent', 'auditor');
  const [params, setParams] = useSearchParams();
  const statuses: AlertStatus[] = params.has('status') ? listParam(params, 'status', ALERT_STATUSES) : UNCLOSED;
  const levels = listParam<AlertLevel>(params, 'level', ALERT_LEVELS);
  const members = listParam<string>(params, 'member');
  const rules = listParam<string>(params, 'rule');
  const urlQ = params.get('q') ?? '';
  const [q, setQ] = useState(urlQ);
  const [debouncedQ] = useDebouncedValue(q, 300);
  const written = useRef(urlQ);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [cursor, setCursor] = useState(0);
  const [closing, setClosing] = useState<string[] | null>(null);
  const [detail, setDetail] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const rows = useRef<Array<HTMLTableRowElement | null>>([]);

  /** Writes filters into the address, from the latest parameters so that quick changes do not undo one another. */
  const setFilters = useCallback(
    (change: Record<string, string | null>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(change)) {
            if (v === null) next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  // The words typed reach the address once typing pauses; an address changed from outside (a link) reaches the box.
  useEffect(() => {
    const v = debouncedQ.trim();
    if (v === (params.get('q') ?? '')) return;
    written.current = v;
    setFilters({ q: v || null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedQ]);
  useEffect(() => {
    if (urlQ !== written.current) {
      written.current = urlQ;
      setQ(urlQ);
    }
  }, [urlQ]);

  const filterKey = [params.has('status') ? statuses.join(',') : '*', levels, members, rules, urlQ].join('|');
  useEffect(() => setPage(1), [filterKey]);

  const memberList = useAsync(() => call<Member[]>(api.GET('/api/v1/members')), []);
  const { data, error, loading, reload } = useAsync(
    () =>
      call<AlertList>(
        api.GET('/api/v1/alerts', {
          params: {
            query: {
              ...(statuses.length ? { status: statuses } : {}),
              ...(levels.length ? { level: levels } : {}),
              ...(members.length ? { member: members } : {}),
              ...(rules.length ? { rule: rules } : {}),
              ...(urlQ.trim() ? { q: urlQ.trim() } : {}),
              limit: PAGE,
              offset: (page - 1) * PAGE,
            },
          },
        }),
      ),
    [filterKey, page],
  );
  const items: Alert[] = data?.items ?? [];

  useEffect(() => {
    setSelected(new Set());
    setCursor(0);
  }, [data]);

  /** The selection, or the row under the cursor when nothing is selected. */
  const targets = useCallback((): string[] => {
    if (selected.size) return [...selected];
    return items[cursor] ? [items[cursor].id] : [];
  }, [selected, items, cursor]);

  const bulk = useCallback(
    async (ids: string[], change: Schemas['UpdateAlertDto']) => {
      setActionError(null);
      try {
        const r = await call<BulkResult>(api.POST('/api/v1/alerts/bulk', { body: { ids, change } }));
        setOutcome(t('alerts.bulkDone', { updated: r.updated, unchanged: r.unchanged, failed: r.failed.length }));
        await reload();
      } catch (e) {
        setActionError(e);
      }
    },
    [reload, t],
  );

  const acknowledge = useCallback(() => {
    const ids = targets();
    if (ids.length) void bulk(ids, { status: 'acknowledged' });
  }, [bulk, targets]);

  const askClose = useCallback(() => {
    const ids = targets();
    if (ids.length) setClosing(ids);
  }, [targets]);

  const close = async (reason: CloseReason, comment: string) => {
    if (!closing) return;
    await bulk(closing, { status: 'closed', closeReason: reason, comment });
    setClosing(null);
  };

  const move = useCallback(
    (delta: number) => {
      if (!items.length) return;
      const next = Math.max(0, Math.min(items.length - 1, cursor + delta));
      setCursor(next);
      rows.current[next]?.focus();
    },
    [items.length, cursor],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (closing || detail || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (e.key === 'j') move(1);
      else if (e.key === 'k') move(-1);
      else if (e.key === 'x' && items[cursor]) toggle(items[cursor].id);
      else if (e.key === 'a' && canTriage) acknowledge();
      else if (e.key === 'c' && canTriage) askClose();
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const allSelected = items.length > 0 && items.every((a) => selected.has(a.id));
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('alerts.title')}</Title>
        {canSeeExceptions && (
          <Anchor component={Link} to="/alerts/exceptions">
            {t('alertDetail.exceptionsLink')}
          </Anchor>
        )}
      </Group>
      <form role="search" aria-label={t('alerts.filters')} onSubmit={(e) => e.preventDefault()}>
        <Group align="flex-end">
          <MultiSelect
            label={t('alerts.status')}
            data={ALERT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={statuses}
            onChange={(v) => setFilters({ status: v.join(',') })}
            clearable
            w={280}
          />
          <MultiSelect
            label={t('alerts.level')}
            data={ALERT_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
            value={levels}
            onChange={(v) => setFilters({ level: v.length ? v.join(',') : null })}
            clearable
            w={240}
          />
          <MultiSelect
            label={t('common.members')}
            data={(memberList.data ?? []).map((m) => ({ value: m.code, label: m.name }))}
            value={members}
            onChange={(v) => setFilters({ member: v.length ? v.join(',') : null })}
            clearable
            searchable
            w={240}
          />
          <TextInput
            label={t('alerts.query')}
            placeholder={t('alerts.queryHint')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            w={240}
          />
        </Group>
      </form>
      {rules.map((r) => {
        const title = items.find((a) => a.rule.id === r)?.rule.title ?? r;
        return (
          <Group key={r} gap="xs">
            <Text size="sm">{t('alertDetail.ruleFilter', { rule: title })}</Text>
            <CloseButton
              size="sm"
              aria-label={t('alertDetail.clearRuleFilter', { rule: title })}
              onClick={() => setFilters({ rule: rules.filter((x) => x !== r).join(',') || null })}
            />
          </Group>
        );
      })}
      {data && (
        <Group gap="xs" aria-label={t('alerts.counts')} role="group">
          {ALERT_STATUSES.map((s) => (
            <Text key={s} size="sm">
              {t(`status.${s}`)} : {f.number(data.counts[s] ?? 0)}
            </Text>
          ))}
          <Text size="sm" fw={700}>
            {t('common.total', { n: f.number(data.total) })}
          </Text>
        </Group>
      )}
      {canTriage && (
        <Group>
          <Text size="sm" aria-live="polite">
            {t('alerts.selected', { count: selected.size })}
          </Text>
          <Button size="xs" onClick={acknowledge} disabled={!targets().length}>
            {t('alerts.acknowledge')}
          </Button>
          <Button size="xs" color="red.9" onClick={askClose} disabled={!targets().length}>
            {t('alerts.closeSelected')}
          </Button>
        </Group>
      )}
      <Text size="xs" c="dimmed" id="alert-shortcuts">
        {t('alerts.shortcuts')}
      </Text>
      {outcome && (
        <Notice
          color="teal"
          role="status"
          withCloseButton
          onClose={() => setOutcome(null)}
          closeButtonLabel={t('common.close')}
        >
          {outcome}
        </Notice>
      )}
      <ErrorAlert error={error ?? actionError} />
      <Table highlightOnHover striped aria-describedby="alert-shortcuts" aria-busy={loading}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <Checkbox
                aria-label={t('alerts.selectAll')}
                checked={allSelected}
                indeterminate={selected.size > 0 && !allSelected}
                onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((a) => a.id)))}
              />
            </Table.Th>
            <Table.Th>{t('alerts.level')}</Table.Th>
            <Table.Th>{t('alerts.rule')}</Table.Th>
            <Table.Th>{t('common.member')}</Table.Th>
            <Table.Th>{t('alerts.hosts')}</Table.Th>
            <Table.Th>{t('alerts.count')}</Table.Th>
            <Table.Th>{t('alerts.lastSeen')}</Table.Th>
            <Table.Th>{t('alerts.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a, i) => (
            <Table.Tr
              key={a.id}
              ref={(el) => {
                rows.current[i] = el;
              }}
              tabIndex={i === cursor ? 0 : -1}
              data-current={i === cursor}
              data-alert-id={a.id}
              onFocus={() => setCursor(i)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && e.target === e.currentTarget) setDetail(a.id);
              }}
            >
              <Table.Td>
                <Checkbox
                  aria-label={t('alerts.select', { title: a.rule.title })}
                  checked={selected.has(a.id)}
                  onChange={() => toggle(a.id)}
                />
              </Table.Td>
              <Table.Td>
                <LevelBadge level={a.rule.level} />
              </Table.Td>
              <Table.Td>
                <Button variant="subtle" size="compact-sm" onClick={() => setDetail(a.id)}>
                  {a.rule.title}
                </Button>
              </Table.Td>
              <Table.Td>{a.members.join(', ')}</Table.Td>
              <Table.Td>{a.hosts.slice(0, 3).join(', ')}</Table.Td>
              <Table.Td>{f.number(a.count)}</Table.Td>
              <Table.Td>{f.dateTime(a.lastSeen)}</Table.Td>
              <Table.Td>
                <StatusBadge status={a.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data && items.length === 0 && <Text>{t('common.empty')}</Text>}
      {pages > 1 && (
        <Pagination
          total={pages}
          value={page}
          onChange={setPage}
          getControlProps={(c) => ({
            'aria-label': c === 'previous' ? t('common.previous') : c === 'next' ? t('common.next') : c,
          })}
        />
      )}
      <CloseModal count={closing?.length ?? 0} opened={!!closing} onCancel={() => setClosing(null)} onConfirm={close} />
      <AlertDrawer id={detail} onClose={() => setDetail(null)} onChanged={() => void reload()} />
    </Stack>
  );
}
