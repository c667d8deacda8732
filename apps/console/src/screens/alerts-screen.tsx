import {
  Alert as Notice,
  Button,
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

const PAGE = 50;

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/** The triage queue: filters, level badges, bulk acknowledge and close, j/k/a/c shortcuts. */
export function AlertsScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const { hasRole } = useSession();
  const canTriage = hasRole('admin', 'rssi');
  const [statuses, setStatuses] = useState<AlertStatus[]>(['open', 'acknowledged', 'in_progress']);
  const [levels, setLevels] = useState<AlertLevel[]>([]);
  const [members, setMembers] = useState<string[]>([]);
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [cursor, setCursor] = useState(0);
  const [closing, setClosing] = useState<string[] | null>(null);
  const [detail, setDetail] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const rows = useRef<Array<HTMLTableRowElement | null>>([]);

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
              ...(debouncedQ.trim() ? { q: debouncedQ.trim() } : {}),
              limit: PAGE,
              offset: (page - 1) * PAGE,
            },
          },
        }),
      ),
    [statuses, levels, members, debouncedQ, page],
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
      <Title order={2}>{t('alerts.title')}</Title>
      <form role="search" aria-label={t('alerts.filters')} onSubmit={(e) => e.preventDefault()}>
        <Group align="flex-end">
          <MultiSelect
            label={t('alerts.status')}
            data={ALERT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={statuses}
            onChange={(v) => {
              setStatuses(v as AlertStatus[]);
              setPage(1);
            }}
            clearable
            w={280}
          />
          <MultiSelect
            label={t('alerts.level')}
            data={ALERT_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
            value={levels}
            onChange={(v) => {
              setLevels(v as AlertLevel[]);
              setPage(1);
            }}
            clearable
            w={240}
          />
          <MultiSelect
            label={t('common.members')}
            data={(memberList.data ?? []).map((m) => ({ value: m.code, label: m.name }))}
            value={members}
            onChange={(v) => {
              setMembers(v);
              setPage(1);
            }}
            clearable
            searchable
            w={240}
          />
          <TextInput
            label={t('alerts.query')}
            placeholder={t('alerts.queryHint')}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              setPage(1);
            }}
            w={240}
          />
        </Group>
      </form>
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
