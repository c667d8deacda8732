import { Modal, NativeSelect, NumberInput, Stack, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { MEMBER_TYPES } from '../../api/enums';
import type { Member, MemberType } from '../../api/responses';
import { FormActions } from '../../components/form-actions';
import { generalError, problemsByField } from './field-errors';

interface Props {
  member: Member | null;
  onClose(): void;
  onSaved(member: Member): void;
}

const FIELDS = ['name', 'type', 'siren', 'networks', 'timeZone', 'retentionDays'] as const;

/** The IANA time zones the browser knows, the member's own first when the browser lacks it. */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(current) ? known : [current, ...known];
}

/** The networks typed in the text area: one per line (commas and spaces also separate). */
export const splitNetworks = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);

/**
 * Edits a member (PATCH /members/:code): name, type, SIREN, networks (CIDR,
 * checked by the API), time zone (syslog times without an offset are read in
 * it) and retention. The code is the member's key and stays as it is.
 */
export function MemberEditModal({ member, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    name: '',
    type: 'city' as MemberType,
    siren: '',
    networks: '',
    timeZone: 'Europe/Paris',
    retentionDays: 365,
  });
  const [sent, setSent] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!member) return;
    setForm({
      name: member.name,
      type: member.type as MemberType,
      siren: member.siren ?? '',
      networks: member.networks.join('\n'),
      timeZone: member.timeZone,
      retentionDays: member.retentionDays,
    });
    setError(null);
  }, [member]);

  const problems = problemsByField(error);
  const at = (field: (typeof FIELDS)[number]) =>
    problems[field]
      ?.map((p) =>
        field === 'networks' && p.index !== undefined
          ? t('admin.networkInvalid', { line: p.index + 1, value: sent[p.index] ?? '' })
          : p.problem,
      )
      .join(' ; ');

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!member) return;
    setError(null);
    setBusy(true);
    const networks = splitNetworks(form.networks);
    setSent(networks);
    try {
      onSaved(
        await call<Member>(
          api.PATCH('/api/v1/members/{member}', {
            params: { path: { member: member.code } },
            body: {
              name: form.name.trim(),
              type: form.type,
              // Emptied: cleared (null); unchanged: not sent.
              ...(form.siren.trim() !== (member.siren ?? '') ? { siren: form.siren.trim() || null } : {}),
              networks,
              timeZone: form.timeZone,
              retentionDays: form.retentionDays,
            },
          }),
        ),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const title = member ? t('admin.editMember', { name: member.name }) : '';
  return (
    <Modal
      opened={!!member}
      onClose={onClose}
      size="lg"
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form noValidate onSubmit={(e) => void save(e)} aria-label={title || undefined}>
        <Stack>
          <TextInput label={t('admin.code')} value={member?.code ?? ''} readOnly variant="filled" />
          <TextInput
            data-autofocus
            label={t('admin.name')}
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={at('name')}
          />
          <NativeSelect
            label={t('admin.type')}
            value={form.type}
            onChange={(e) => setForm({ ...form, type: e.currentTarget.value as MemberType })}
            data={MEMBER_TYPES.map((m) => ({ value: m, label: t(`memberType.${m}`) }))}
            error={at('type')}
          />
          <TextInput
            label={t('admin.siren')}
            description={t('admin.sirenHint')}
            inputMode="numeric"
            maxLength={9}
            value={form.siren}
            onChange={(e) => setForm({ ...form, siren: e.currentTarget.value })}
            error={at('siren')}
          />
          <Textarea
            label={t('admin.networks')}
            description={t('admin.networksHint')}
            autosize
            minRows={3}
            value={form.networks}
            onChange={(e) => setForm({ ...form, networks: e.currentTarget.value })}
            error={at('networks')}
          />
          <NativeSelect
            label={t('admin.timeZone')}
            description={t('admin.timeZoneHint')}
            value={form.timeZone}
            onChange={(e) => setForm({ ...form, timeZone: e.currentTarget.value })}
            data={timeZones(form.timeZone)}
            error={at('timeZone')}
          />
          <NumberInput
            label={t('admin.retention')}
            min={1}
            max={3650}
            value={form.retentionDays}
            onChange={(v) => setForm({ ...form, retentionDays: Number(v) || 365 })}
            error={at('retentionDays')}
          />
          <FormActions error={generalError(error, FIELDS)} submit={t('common.save')} onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}
