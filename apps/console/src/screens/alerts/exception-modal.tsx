import { Group, Radio, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { Alert } from '../../api/responses';
import { FormActions, ModalForm } from '../../components/form-actions';
import { fieldErrors } from '../../components/field-errors';
import { CodeTextarea, endOfDay, inDays, ReasonExpiryFields } from './exception-fields';
import type { CreateExceptionBody, ExceptionView } from './types';

type Scope = 'none' | 'member' | 'host' | 'user' | 'sourceIp' | 'sigma';
const SCOPES: Scope[] = ['none', 'member', 'host', 'user', 'sourceIp', 'sigma'];
const FIELDS = ['ruleId', 'member', 'host', 'user', 'sourceIp', 'sigmaFilter', 'reason', 'expiresAt'] as const;

const groupValue = (a: Alert, re: RegExp) => Object.entries(a.groupValues).find(([k]) => re.test(k))?.[1] ?? '';

/** A starting Sigma expression on the alert's own values, to be narrowed by the analyst. */
function sigmaTemplate(a: Alert): string {
  const ip = groupValue(a, /^(source\.ip|src_ip|sourceip|client\.ip)$/i);
  const host = a.hosts[0];
  const lines = ['selection:'];
  if (ip) lines.push(`  source.ip: '${ip}'`);
  else if (host) lines.push(`  host.name: '${host}'`);
  else lines.push("  user.name|startswith: 'svc-'");
  lines.push('condition: selection');
  return lines.join('\n');
}

interface Props {
  alert: Alert;
  opened: boolean;
  onClose(): void;
  onCreated(e: ExceptionView): void;
}

/**
 * Create an exception from the alert: this rule or every rule; scoped to a member, a host, a user, a source address
 * or a Sigma filter evaluated on the events; a reason and an expiry date are required. The API's field problems are
 * shown at their field.
 */
export function ExceptionModal({ alert, opened, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [rule, setRule] = useState<'rule' | 'all'>('rule');
  const [scope, setScope] = useState<Scope>('sigma');
  const [value, setValue] = useState('');
  const [sigma, setSigma] = useState('');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState(inDays(30));
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<unknown>(null);

  const defaults: Record<Scope, string> = {
    none: '',
    sigma: '',
    member: alert.members[0] ?? '',
    host: alert.hosts[0] ?? '',
    user: groupValue(alert, /user/i),
    sourceIp: groupValue(alert, /^(source\.ip|src_ip|sourceip|client\.ip|src)$/i),
  };

  useEffect(() => {
    if (!opened) return;
    setRule('rule');
    setScope('sigma');
    setSigma(sigmaTemplate(alert));
    setReason('');
    setExpires(inDays(30));
    setErrors({});
    setGeneral(null);
  }, [opened, alert]);

  const choose = (s: Scope) => {
    setScope(s);
    setValue(defaults[s]);
  };

  const submit = async () => {
    setBusy(true);
    setErrors({});
    setGeneral(null);
    const body: CreateExceptionBody = {
      fromAlertId: alert.id,
      ...(rule === 'all' ? { ruleId: null } : {}),
      ...(scope === 'member' ? { member: value.trim() } : {}),
      ...(scope === 'host' ? { host: value.trim() } : {}),
      ...(scope === 'user' ? { user: value.trim() } : {}),
      ...(scope === 'sourceIp' ? { sourceIp: value.trim() } : {}),
      ...(scope === 'sigma' ? { sigmaFilter: sigma } : {}),
      reason: reason.trim(),
      expiresAt: endOfDay(expires),
    };
    try {
      const created = await call<ExceptionView>(api.POST('/api/v1/exceptions', { body }));
      onCreated(created);
    } catch (e) {
      const r = fieldErrors(e, FIELDS);
      setErrors(r.byField);
      if (r.general) setGeneral(e);
    } finally {
      setBusy(false);
    }
  };

  const scopeError = errors.member ?? errors.host ?? errors.user ?? errors.sourceIp;
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      size="lg"
      title={t('alertDetail.exceptionTitle')}
      onSubmit={() => void submit()}
    >
      <Text size="sm">{t('alertDetail.exceptionIntro', { rule: alert.rule.title })}</Text>
      <Radio.Group
        label={t('alertDetail.exceptionRule')}
        value={rule}
        onChange={(v) => setRule(v as 'rule' | 'all')}
        error={errors.ruleId}
      >
        <Group mt="xs">
          <Radio value="rule" label={t('alertDetail.thisRule', { rule: alert.rule.title })} />
          <Radio value="all" label={t('alertDetail.allRules')} />
        </Group>
      </Radio.Group>
      <Radio.Group label={t('alertDetail.exceptionScope')} value={scope} onChange={(v) => choose(v as Scope)}>
        <Group mt="xs">
          {SCOPES.map((s) => (
            <Radio key={s} value={s} label={t(`alertDetail.scope.${s}`)} />
          ))}
        </Group>
      </Radio.Group>
      {scope !== 'none' && scope !== 'sigma' && (
        <TextInput
          label={t(`alertDetail.scope.${scope}`)}
          required
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          error={scopeError}
        />
      )}
      {scope === 'sigma' && (
        <CodeTextarea
          label={t('alertDetail.sigmaFilter')}
          description={t('alertDetail.sigmaFilterHint')}
          required
          minRows={5}
          maxRows={16}
          value={sigma}
          onChange={(e) => setSigma(e.currentTarget.value)}
          error={errors.sigmaFilter}
        />
      )}
      <ReasonExpiryFields
        reason={reason}
        expires={expires}
        onReason={setReason}
        onExpires={setExpires}
        errors={errors}
      />
      <FormActions error={general} submit={t('alertDetail.createException')} onCancel={onClose} busy={busy} />
    </ModalForm>
  );
}
