import {
  Alert as Notice,
  Anchor,
  Button,
  Code,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { ExceptionEditModal } from './exception-edit-modal';
import type { ExceptionList, ExceptionView, RuleList } from './types';

type State = 'active' | 'inactive' | 'all';
const STATES: State[] = ['active', 'inactive', 'all'];
const STATE_LABEL = { active: 'stateActive', inactive: 'stateInactive', all: 'stateAll' } as const;

/**
 * The alert exceptions in the caller's scope: rule, scope (the Sigma filter as written), reason, author, expiry
 * (expired and revoked ones said in words) and what each suppressed; in force, expired or revoked, or all (kept in
 * the address as `state`). Those who triage edit and revoke them.
 */
export function ExceptionsScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const { hasRole } = useSession();
  const canEdit = hasRole('admin', 'rssi');
  const [params, setParams] = useSearchParams();
  const raw = params.get('state');
  const state: State = STATES.includes(raw as State) ? (raw as State) : 'active';
  const [editing, setEditing] = useState<ExceptionView | null>(null);
  const [revoking, setRevoking] = useState<ExceptionView | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const { data, error, loading, reload } = useAsync(
    () =>
      call<ExceptionList>(
        api.GET('/api/v1/exceptions', {
          params: { query: state === 'all' ? {} : { active: state === 'active' } },
        }),
      ),
    [state],
  );
  // Rule titles: the list names rules by id; an unreadable rule list only costs the titles.
  const rules = useAsync(
    () => call<RuleList>(api.GET('/api/v1/rules', { params: { query: { limit: 5000 } } })).catch(() => undefined),
    [],
  );
  const titles = useMemo(() => new Map((rules.data?.rules ?? []).map((r) => [r.id, r.title])), [rules.data]);
  const ruleTitle = (e: ExceptionView) =>
    e.ruleId === null ? t('alertDetail.exceptions.everyRule') : (titles.get(e.ruleId) ?? e.ruleId);

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    setActionError(null);
    try {
      await call<ExceptionView>(api.DELETE('/api/v1/exceptions/{id}', { params: { path: { id: revoking.id } } }));
      setRevoking(null);
      setNotice(t('alertDetail.exceptions.revoked_'));
      await reload();
    } catch (e) {
      setActionError(e);
      setRevoking(null);
    } finally {
      setBusy(false);
    }
  };

  const items = data ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('alertDetail.exceptions.title')}</Title>
        <Anchor component={Link} to="/alerts">
          {t('alertDetail.exceptions.back')}
        </Anchor>
      </Group>
      <Text size="sm">{t('alertDetail.exceptions.intro')}</Text>
      <NativeSelect
        label={t('alertDetail.exceptions.show')}
        value={state}
        w={260}
        onChange={(e) =>
          setParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              next.set('state', e.currentTarget.value);
              return next;
            },
            { replace: true },
          )
        }
        data={STATES.map((s) => ({ value: s, label: t(`alertDetail.exceptions.${STATE_LABEL[s]}`) }))}
      />
      {notice && (
        <Notice
          color="teal"
          role="status"
          withCloseButton
          onClose={() => setNotice(null)}
          closeButtonLabel={t('common.close')}
        >
          {notice}
        </Notice>
      )}
      <ErrorAlert error={error ?? actionError} />
      <Table striped aria-busy={loading} verticalSpacing="sm">
        <Table.Caption>{t('alertDetail.exceptions.caption', { count: items.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('alertDetail.exceptions.rule')}</Table.Th>
            <Table.Th scope="col">{t('alertDetail.exceptions.scope')}</Table.Th>
            <Table.Th scope="col">{t('alertDetail.exceptions.reason')}</Table.Th>
            <Table.Th scope="col">{t('alertDetail.exceptions.author')}</Table.Th>
            <Table.Th scope="col">{t('alertDetail.exceptions.expiry')}</Table.Th>
            <Table.Th scope="col">{t('alertDetail.exceptions.suppressed')}</Table.Th>
            {canEdit && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => {
            const title = ruleTitle(e);
            return (
              <Table.Tr key={e.id} data-exception-id={e.id}>
                <Table.Td>
                  {e.ruleId === null ? (
                    title
                  ) : (
                    <Anchor
                      component={Link}
                      to={`/alerts?rule=${encodeURIComponent(e.ruleId)}`}
                      aria-label={t('alertDetail.exceptions.alertsOfRule', { rule: title })}
                    >
                      {title}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td>
                  <ScopeCell e={e} rule={title} />
                </Table.Td>
                <Table.Td style={{ maxWidth: 280 }}>{e.reason}</Table.Td>
                <Table.Td>
                  {t('alertDetail.exceptions.createdBy', { by: e.createdBy, date: f.dateTime(e.createdAt) })}
                </Table.Td>
                <Table.Td>
                  <Text
                    size="sm"
                    fw={600}
                    c={e.active ? 'teal.9' : undefined}
                    data-state={e.revokedAt ? 'revoked' : e.active ? 'active' : 'expired'}
                  >
                    {e.revokedAt
                      ? t('alertDetail.exceptions.revoked', { date: f.dateTime(e.revokedAt), by: e.revokedBy ?? '' })
                      : e.active
                        ? t('alertDetail.exceptions.active', { date: f.dateTime(e.expiresAt) })
                        : t('alertDetail.exceptions.expired', { date: f.dateTime(e.expiresAt) })}
                  </Text>
                </Table.Td>
                <Table.Td data-testid="suppressed">
                  <Text size="sm">
                    {t('alertDetail.exceptions.suppressedCount', {
                      matches: f.number(e.suppressed.matches),
                      alerts: f.number(e.suppressed.alerts),
                    })}
                  </Text>
                  {e.suppressed.lastAt && (
                    <Text size="xs">
                      {t('alertDetail.exceptions.suppressedLast', { date: f.dateTime(e.suppressed.lastAt) })}
                    </Text>
                  )}
                </Table.Td>
                {canEdit && (
                  <Table.Td>
                    {e.revokedAt === null && (
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={t('alertDetail.exceptions.editOf', { rule: title })}
                          onClick={() => {
                            setNotice(null);
                            setEditing(e);
                          }}
                        >
                          {t('alertDetail.exceptions.edit')}
                        </Button>
                        <Button
                          size="compact-sm"
                          color="red.9"
                          aria-label={t('alertDetail.exceptions.revokeOf', { rule: title })}
                          onClick={() => {
                            setNotice(null);
                            setRevoking(e);
                          }}
                        >
                          {t('alertDetail.exceptions.revoke')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {data && items.length === 0 && <Text>{t('alertDetail.exceptions.empty')}</Text>}
      <ExceptionEditModal
        exception={editing}
        ruleTitle={editing ? ruleTitle(editing) : ''}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          setNotice(t('alertDetail.exceptions.saved', { date: f.dateTime(saved.expiresAt) }));
          void reload();
        }}
      />
      <Modal
        opened={!!revoking}
        onClose={() => setRevoking(null)}
        title={t('alertDetail.exceptions.revokeTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text size="sm">{t('alertDetail.exceptions.revokeText', { rule: revoking ? ruleTitle(revoking) : '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red.9" loading={busy} onClick={() => void revoke()}>
              {t('alertDetail.exceptions.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** What an exception covers, in words; its Sigma filter as written. */
function ScopeCell({ e, rule }: { e: ExceptionView; rule: string }) {
  const { t } = useTranslation();
  const lines: string[] = [];
  if (e.member) lines.push(t('alertDetail.exceptions.member', { value: e.member }));
  if (e.host) lines.push(t('alertDetail.exceptions.host', { value: e.host }));
  if (e.user) lines.push(t('alertDetail.exceptions.user', { value: e.user }));
  if (e.sourceIp) lines.push(t('alertDetail.exceptions.sourceIp', { value: e.sourceIp }));
  if (e.match) lines.push(t('alertDetail.exceptions.match', { value: JSON.stringify(e.match) }));
  if (!lines.length && !e.sigmaFilter) lines.push(t('alertDetail.exceptions.wholeRule'));
  return (
    <Stack gap={4}>
      {lines.map((l) => (
        <Text size="sm" key={l}>
          {l}
        </Text>
      ))}
      {e.sigmaFilter && (
        <>
          <Text size="sm">{t('alertDetail.exceptions.sigmaFilter')}</Text>
          <Code
            block
            component="pre"
            role="group"
            aria-label={t('alertDetail.exceptions.sigmaFilterOf', { rule })}
            tabIndex={0}
            className="sigma-filter"
            style={{ maxWidth: 360, whiteSpace: 'pre', overflowX: 'auto' }}
          >
            {e.sigmaFilter}
          </Code>
        </>
      )}
    </Stack>
  );
}
