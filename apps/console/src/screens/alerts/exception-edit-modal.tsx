import { Group, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { FormActions, ModalForm } from '../../components/form-actions';
import { fieldErrors } from '../../components/field-errors';
import { CodeTextarea, dateInput, endOfDay, ReasonExpiryFields } from './exception-fields';
import type { ExceptionView, UpdateExceptionBody } from './types';

const FIELDS = ['ruleId', 'member', 'host', 'user', 'sourceIp', 'match', 'sigmaFilter', 'reason', 'expiresAt'] as const;
type Text = 'ruleId' | 'member' | 'host' | 'user' | 'sourceIp' | 'sigmaFilter' | 'reason';
const TEXTS: Text[] = ['ruleId', 'member', 'host', 'user', 'sourceIp', 'sigmaFilter', 'reason'];

/** The field match as the form shows it: indented JSON, or nothing. */
const matchText = (match: unknown) => (match ? JSON.stringify(match, null, 2) : '');

/** The field match typed in the form: null when empty, an object, or undefined when it is not one. */
function parseMatch(text: string): Record<string, unknown> | null | undefined {
  if (text.trim() === '') return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

interface Props {
  exception: ExceptionView | null;
  ruleTitle: string;
  onClose(): void;
  onSaved(e: ExceptionView): void;
}

/**
 * Edit an exception: its rule (empty: every rule, which then needs a scope), its scope (member, host, user, source
 * address, field match as a JSON object, Sigma filter), its reason and its expiry. Only what changed is sent; the
 * API's field problems are shown at their field.
 */
export function ExceptionEditModal({ exception, ruleTitle, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<Text, string>>({
    ruleId: '',
    member: '',
    host: '',
    user: '',
    sourceIp: '',
    sigmaFilter: '',
    reason: '',
  });
  const [expires, setExpires] = useState('');
  const [match, setMatch] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (!exception) return;
    setValues({
      ruleId: exception.ruleId ?? '',
      member: exception.member ?? '',
      host: exception.host ?? '',
      user: exception.user ?? '',
      sourceIp: exception.sourceIp ?? '',
      sigmaFilter: exception.sigmaFilter ?? '',
      reason: exception.reason,
    });
    setExpires(dateInput(exception.expiresAt));
    setMatch(matchText(exception.match));
    setErrors({});
    setGeneral(null);
    setNotice(null);
  }, [exception]);

  if (!exception) return null;

  const set = (k: Text, v: string) => {
    setValues((s) => ({ ...s, [k]: v }));
    setErrors(({ [k]: _gone, ...rest }) => rest);
  };

  const submit = async () => {
    const body: Record<string, string | null | Record<string, unknown>> = {};
    for (const k of TEXTS) {
      const before = k === 'reason' ? exception.reason : (exception[k] ?? '');
      const now = k === 'sigmaFilter' ? values[k] : values[k].trim();
      if (now.trim() !== before.trim()) body[k] = k === 'reason' ? now : now.trim() === '' ? null : now;
    }
    if (expires !== dateInput(exception.expiresAt)) body.expiresAt = endOfDay(expires);
    if (match.trim() !== matchText(exception.match).trim()) {
      const parsed = parseMatch(match);
      if (parsed === undefined) {
        setErrors((e) => ({ ...e, match: t('alertDetail.exceptions.matchInvalid') }));
        return;
      }
      body.match = parsed;
    }
    if (!Object.keys(body).length) {
      setNotice(t('alertDetail.exceptions.noChange'));
      return;
    }
    setBusy(true);
    setErrors({});
    setGeneral(null);
    setNotice(null);
    try {
      const saved = await call<ExceptionView>(
        api.PATCH('/api/v1/exceptions/{id}', {
          params: { path: { id: exception.id } },
          body: body as UpdateExceptionBody,
        }),
      );
      onSaved(saved);
    } catch (e) {
      const r = fieldErrors(e, FIELDS);
      setErrors(r.byField);
      if (r.general) setGeneral(e);
    } finally {
      setBusy(false);
    }
  };

  const input = (k: Exclude<Text, 'sigmaFilter' | 'reason'>, label: string) => (
    <TextInput
      label={label}
      value={values[k]}
      onChange={(e) => set(k, e.currentTarget.value)}
      error={errors[k]}
      spellCheck={false}
    />
  );

  return (
    <ModalForm
      opened={true}
      onClose={onClose}
      size="lg"
      title={t('alertDetail.exceptions.editTitle')}
      onSubmit={() => void submit()}
    >
      <Text size="sm">{t('alertDetail.exceptions.editIntro', { rule: ruleTitle })}</Text>
      <TextInput
        label={t('alertDetail.exceptions.ruleId')}
        description={t('alertDetail.exceptions.ruleIdHint')}
        value={values.ruleId}
        onChange={(e) => set('ruleId', e.currentTarget.value)}
        error={errors.ruleId}
        spellCheck={false}
      />
      <Group grow align="flex-start">
        {input('member', t('alertDetail.exceptions.scopeMember'))}
        {input('host', t('alertDetail.exceptions.scopeHost'))}
      </Group>
      <Group grow align="flex-start">
        {input('user', t('alertDetail.exceptions.scopeUser'))}
        {input('sourceIp', t('alertDetail.exceptions.scopeSourceIp'))}
      </Group>
      <CodeTextarea
        label={t('alertDetail.exceptions.matchField')}
        description={t('alertDetail.exceptions.matchHint')}
        minRows={2}
        maxRows={12}
        value={match}
        onChange={(e) => {
          setMatch(e.currentTarget.value);
          setErrors(({ match: _gone, ...rest }) => rest);
        }}
        error={errors.match}
      />
      <CodeTextarea
        label={t('alertDetail.sigmaFilter')}
        description={t('alertDetail.sigmaFilterHint')}
        minRows={3}
        maxRows={16}
        value={values.sigmaFilter}
        onChange={(e) => set('sigmaFilter', e.currentTarget.value)}
        error={errors.sigmaFilter}
      />
      <ReasonExpiryFields
        reason={values.reason}
        expires={expires}
        onReason={(v) => set('reason', v)}
        onExpires={(v) => {
          setExpires(v);
          setErrors(({ expiresAt: _gone, ...rest }) => rest);
        }}
        errors={errors}
      />
      {notice && (
        <Text size="sm" role="status">
          {notice}
        </Text>
      )}
      <FormActions error={general} submit={t('common.save')} onCancel={onClose} busy={busy} />
    </ModalForm>
  );
}
