import { Anchor, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { api, ApiError, call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { useMembers } from './shared';
import type { BreachRegister as Register, BreachRegisterEntry } from './types';
import { ColumnHeads } from '../../components/column-heads';

/**
 * The Art. 33(5) register of one member (controller): every personal data breach,
 * notified to the CNIL or not, with the facts, effects, remedial action and the reason.
 */
export function BreachRegister() {
  const { t } = useTranslation();
  const f = useFormat();
  const members = useMembers();
  const [params, setParams] = useSearchParams();
  const member = params.get('member') ?? '';
  const register = useAsync(
    async () =>
      member
        ? call<Register>(api.GET('/api/v1/members/{member}/breach-register', { params: { path: { member } } }))
        : null,
    [member],
  );
  const notFound = register.error instanceof ApiError && register.error.status === 404;
  const name = members.name(member);

  function notification(e: BreachRegisterEntry): string {
    const first = e.notifications[0];
    if (first)
      return e.late
        ? t('incidents.register.notifiedLate', { at: f.dateTime(first.sentAt), why: e.lateJustification ?? '—' })
        : t('incidents.register.notified', { at: f.dateTime(first.sentAt) });
    if (e.risk === null) return t('incidents.register.notAssessed');
    if (e.cnilNotificationRequired === false)
      return t('incidents.register.notRequired', { rationale: e.riskRationale ?? '' });
    return e.deadline.state === 'overdue' ? t('incidents.register.overdue') : t('incidents.register.pending');
  }

  function subjects(e: BreachRegisterEntry): string {
    if (e.subjectsToldAt) return t('incidents.register.subjectsTold', { at: f.dateTime(e.subjectsToldAt) });
    if (!e.subjectCommunication) return t('incidents.subjectsComm.notAssessed');
    return t(`incidents.breach.subjectCommunication.${e.subjectCommunication}`);
  }

  const volume = (e: BreachRegisterEntry) =>
    `${e.subjectsApprox === null ? '—' : f.number(e.subjectsApprox)} / ${e.recordsApprox === null ? '—' : f.number(e.recordsApprox)}`;

  return (
    <Stack>
      <Anchor component={RouterLink} to="/incidents">
        {t('incidents.back')}
      </Anchor>
      <Title order={2}>{t('incidents.register.title')}</Title>
      <Text>{t('incidents.register.intro')}</Text>
      <Paper withBorder p="sm">
        <NativeSelect
          label={t('incidents.register.member')}
          value={member}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setParams(v ? { member: v } : {}, { replace: true });
          }}
          data={[
            { value: '', label: t('incidents.register.choose') },
            ...members.list.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` })),
          ]}
          maw={480}
        />
      </Paper>
      {notFound ? <Text role="alert">{t('incidents.register.notFound')}</Text> : <ErrorAlert error={register.error} />}
      {register.data && (
        <>
          <Text size="sm">{t('incidents.register.generatedAt', { at: f.dateTime(register.data.generatedAt) })}</Text>
          <Table.ScrollContainer minWidth={1100}>
            <Table striped withTableBorder data-testid="breach-register">
              <Table.Caption>{t('incidents.register.caption', { name })}</Table.Caption>
              <ColumnHeads
                labels={[
                  t('incidents.register.incident'),
                  t('incidents.register.detectedAt'),
                  t('incidents.register.awareAt'),
                  t('incidents.register.facts'),
                  t('incidents.register.volume'),
                  t('incidents.register.effects'),
                  t('incidents.register.measures'),
                  t('incidents.register.risk'),
                  t('incidents.register.notification'),
                  t('incidents.register.subjects'),
                ]}
              />
              <Table.Tbody>
                {register.data.entries.map((e) => (
                  <Table.Tr key={e.incidentId} data-incident={e.incident} data-notified={String(e.notified)}>
                    <Table.Td>
                      <Anchor component={RouterLink} to={`/incidents/${e.incident}?tab=breach`}>
                        {e.incident}
                      </Anchor>
                      <Text size="xs">{e.title}</Text>
                    </Table.Td>
                    <Table.Td>{f.dateTime(e.detectedAt)}</Table.Td>
                    <Table.Td>{f.dateTime(e.controllerAwareAt)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{e.facts}</Table.Td>
                    <Table.Td>{volume(e)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{e.effects ?? '—'}</Table.Td>
                    <Table.Td>
                      {e.remedialActions.measures && (
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                          {e.remedialActions.measures}
                        </Text>
                      )}
                      {e.remedialActions.correctiveActions.map((a) => (
                        <Text size="sm" key={a.id}>
                          {a.title} ({t(`incidents.actions.statuses.${a.status as 'open'}`)})
                        </Text>
                      ))}
                      {!e.remedialActions.measures && e.remedialActions.correctiveActions.length === 0 && '—'}
                    </Table.Td>
                    <Table.Td>
                      {e.risk ? t(`incidents.breach.risks.${e.risk}`) : t('incidents.deadlines.notAssessed')}
                    </Table.Td>
                    <Table.Td>{notification(e)}</Table.Td>
                    <Table.Td>{subjects(e)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {register.data.entries.length === 0 && <Text>{t('incidents.register.empty')}</Text>}
        </>
      )}
    </Stack>
  );
}
