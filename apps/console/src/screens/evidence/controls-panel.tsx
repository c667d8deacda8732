import {
  Alert as Notice,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/error-alert';
import { FormActions, ModalForm } from '../../components/form-actions';
import { useFormat } from '../../i18n/format';
import type { ChecklistControl, ChecklistFramework, ControlStatementView } from './types';

/** Roles that write control statements (PUT /api/v1/evidence/controls/:framework/:control). */
const WRITERS = ['admin', 'rssi', 'dpo'] as const;

interface Editing {
  framework: string;
  control: ChecklistControl;
}

function StatementModal({
  editing,
  onClose,
  onSaved,
}: {
  editing: Editing | null;
  onClose: () => void;
  onSaved: (control: string) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setText(editing?.control.statement ?? '');
    setError(null);
  }, [editing]);
  const save = async () => {
    if (!editing) return;
    setSaving(true);
    setError(null);
    try {
      await call<ControlStatementView>(
        api.PUT('/api/v1/evidence/controls/{framework}/{control}', {
          params: { path: { framework: editing.framework, control: editing.control.id } },
          body: { statement: text.trim() },
        }),
      );
      onSaved(editing.control.id);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <ModalForm
      opened={!!editing}
      onClose={onClose}
      size="lg"
      title={
        editing ? t('evidence.controls.modalTitle', { control: editing.control.id, title: editing.control.title }) : ''
      }
      validate
      onSubmit={() => void save()}
    >
      <Textarea
        label={t('evidence.controls.statementLabel')}
        description={t('evidence.controls.statementHint')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        required
        autosize
        minRows={5}
        maxLength={20000}
        data-autofocus
      />
      <FormActions
        error={error}
        submit={t('common.save')}
        onCancel={onClose}
        busy={saving}
        disabled={!text.trim()}
        cancelVariant="outline"
      />
    </ModalForm>
  );
}

/** Every control of a framework with its statement status; writers may write or edit the statement. */
export function ControlsPanel({
  frameworks,
  error,
  loading,
  reload,
}: {
  frameworks: ChecklistFramework[] | undefined;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const { hasRole } = useSession();
  const canWrite = hasRole(...WRITERS);
  const [selected, setSelected] = useState('');
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const fw = frameworks?.find((x) => x.id === selected) ?? frameworks?.[0];
  const sections = (fw?.sections ?? [])
    .map((s) => ({ ...s, controls: s.controls.filter((c) => !onlyMissing || c.statementStatus === 'missing') }))
    .filter((s) => s.controls.length > 0);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="controls-title" aria-busy={loading}>
      <Stack gap="sm">
        <Title order={3} size="h4" id="controls-title">
          {t('evidence.controls.title')}
        </Title>
        <ErrorAlert error={error} />
        {!canWrite && (
          <Text size="sm" c="dimmed">
            {t('evidence.controls.readOnly')}
          </Text>
        )}
        {saved && (
          <Notice
            color="teal"
            role="status"
            withCloseButton
            onClose={() => setSaved(null)}
            closeButtonLabel={t('common.close')}
          >
            {t('evidence.controls.saved', { control: saved })}
          </Notice>
        )}
        {frameworks && fw && (
          <>
            <Group align="flex-end">
              <NativeSelect
                label={t('evidence.controls.framework')}
                value={fw.id}
                onChange={(e) => setSelected(e.currentTarget.value)}
                data={frameworks.map((x) => ({ value: x.id, label: x.title }))}
                miw={320}
              />
              <Checkbox
                label={t('evidence.controls.onlyMissing')}
                checked={onlyMissing}
                onChange={(e) => setOnlyMissing(e.currentTarget.checked)}
                mb={8}
              />
            </Group>
            <Text size="sm" fw={600} data-testid="controls-summary">
              {t('evidence.controls.summary', { written: f.number(fw.written), total: f.number(fw.controls) })}
            </Text>
            {sections.length === 0 ? (
              <Text size="sm">{t('evidence.controls.empty')}</Text>
            ) : (
              <Table striped data-testid="controls-table">
                <Table.Caption>{t('evidence.controls.caption', { framework: fw.title })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('evidence.controls.control')}</Table.Th>
                    <Table.Th scope="col">{t('evidence.controls.controlTitle')}</Table.Th>
                    <Table.Th scope="col">{t('evidence.controls.evidence')}</Table.Th>
                    <Table.Th scope="col">{t('evidence.controls.statement')}</Table.Th>
                    <Table.Th scope="col">{t('evidence.controls.updated')}</Table.Th>
                    {canWrite && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {sections.map((s) => (
                    <Fragment key={s.id}>
                      <Table.Tr>
                        <Table.Th scope="colgroup" colSpan={canWrite ? 6 : 5} bg="gray.1">
                          {s.id} — {s.title}
                        </Table.Th>
                      </Table.Tr>
                      {s.controls.map((c) => (
                        <Table.Tr key={c.id} data-control={c.id} data-statement={c.statementStatus}>
                          <Table.Th scope="row">{c.id}</Table.Th>
                          <Table.Td>{c.title}</Table.Td>
                          <Table.Td>
                            <Text size="xs">
                              {c.evidence.length ? c.evidence.join(', ') : t('evidence.controls.noEvidence')}
                            </Text>
                          </Table.Td>
                          <Table.Td maw={360}>
                            <Badge
                              color={c.statementStatus === 'written' ? '#0b5e55' : '#e6e8eb'}
                              autoContrast
                              variant="filled"
                              radius="sm"
                            >
                              {t(`evidence.controls.${c.statementStatus}`)}
                            </Badge>
                            {c.statement && (
                              <Text size="xs" lineClamp={2} mt={4}>
                                {c.statement}
                              </Text>
                            )}
                            {c.attachments > 0 && (
                              <Text size="xs">{t('evidence.controls.attachments', { n: c.attachments })}</Text>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Text size="xs">
                              {c.updatedBy
                                ? t('evidence.controls.updatedBy', { by: c.updatedBy, at: f.dateTime(c.updatedAt) })
                                : '—'}
                            </Text>
                          </Table.Td>
                          {canWrite && (
                            <Table.Td>
                              <Button
                                size="compact-sm"
                                variant="outline"
                                onClick={() => setEditing({ framework: fw.id, control: c })}
                                aria-label={t(
                                  c.statementStatus === 'written'
                                    ? 'evidence.controls.editNamed'
                                    : 'evidence.controls.writeNamed',
                                  { control: c.id },
                                )}
                              >
                                {t(
                                  c.statementStatus === 'written'
                                    ? 'evidence.controls.edit'
                                    : 'evidence.controls.write',
                                )}
                              </Button>
                            </Table.Td>
                          )}
                        </Table.Tr>
                      ))}
                    </Fragment>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </Stack>
      <StatementModal
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={(control) => {
          setEditing(null);
          setSaved(control);
          void reload();
        }}
      />
    </Paper>
  );
}
