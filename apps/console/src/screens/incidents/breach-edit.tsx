import { Button, Group, NumberInput, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { generalError } from '../../components/field-errors';
import { FormActions } from '../../components/form-actions';
import { useSubmit } from '../../components/use-submit';
import { fieldErrors, fromLocalInput, toLocalInput } from './shared';
import type { BreachFormProps } from './types';

export type Count = number | string;

interface BreachFactsProps {
  values: { nature: string; subjectsApprox: Count; recordsApprox: Count };
  errors: Record<string, string | undefined>;
  onChange(field: 'nature', value: string): void;
  onChange(field: 'subjectsApprox' | 'recordsApprox', value: Count): void;
}

/** The nature of a breach and its approximate numbers of data subjects and records, as opened and as corrected. */
export function BreachFacts({ values, errors, onChange }: BreachFactsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Textarea
        label={t('incidents.breach.nature')}
        required
        autosize
        minRows={3}
        value={values.nature}
        error={errors.nature}
        onChange={(e) => onChange('nature', e.currentTarget.value)}
      />
      <Group grow align="flex-start">
        {(['subjectsApprox', 'recordsApprox'] as const).map((k) => (
          <NumberInput
            key={k}
            label={t(`incidents.breach.${k}`)}
            min={0}
            allowDecimal={false}
            value={values[k]}
            error={errors[k]}
            onChange={(v) => onChange(k, v)}
          />
        ))}
      </Group>
    </>
  );
}

/**
 * Corrects the breach record (PATCH): when the consortium became aware, the
 * nature, the approximate numbers of data subjects and records (cleared:
 * unknown). Only what changed is sent; the API's field problems are shown at
 * the field. Correcting the awareness time moves no controller's deadline: each
 * runs from that controller's own awareness.
 */
export function BreachEdit({ incident, breach, onDone }: BreachFormProps) {
  const { t } = useTranslation();
  const initial = () => ({
    consortiumAwareAt: toLocalInput(breach.consortiumAwareAt),
    nature: breach.nature,
    subjectsApprox: (breach.subjectsApprox ?? '') as Count,
    recordsApprox: (breach.recordsApprox ?? '') as Count,
  });
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  const [form, setForm] = useState(initial);
  const { submit, busy, error, setError } = useSubmit(async () => {
    const before = initial();
    const body: Record<string, unknown> = {};
    if (form.consortiumAwareAt !== before.consortiumAwareAt)
      body.consortiumAwareAt = fromLocalInput(form.consortiumAwareAt) ?? '';
    if (form.nature !== before.nature) body.nature = form.nature.trim();
    for (const k of ['subjectsApprox', 'recordsApprox'] as const)
      if (form[k] !== before[k]) body[k] = typeof form[k] === 'number' ? form[k] : null;
    if (Object.keys(body).length) {
      await call(api.PATCH('/api/v1/incidents/{id}/breach', { params: { path: { id: incident.id } }, body }));
      setSaved(true);
    }
    setOpen(false);
    await onDone();
  });
  const errs = fieldErrors(error);

  if (!open)
    return (
      <Group justify="space-between">
        {saved ? (
          <Text role="status" size="sm">
            {t('incidents.breach.edited')}
          </Text>
        ) : (
          <span />
        )}
        <Button
          variant="outline"
          onClick={() => {
            setForm(initial());
            setError(null);
            setSaved(false);
            setOpen(true);
          }}
        >
          {t('incidents.breach.edit')}
        </Button>
      </Group>
    );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="breach-edit">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Title order={4} size="h5" id="breach-edit">
            {t('incidents.breach.edit')}
          </Title>
          <ErrorAlert error={generalError(error)} />
          <TextInput
            type="datetime-local"
            label={t('incidents.breach.consortiumAwareAt')}
            description={t('incidents.breach.editAwareHint')}
            required
            value={form.consortiumAwareAt}
            error={errs.consortiumAwareAt}
            onChange={(e) => setForm({ ...form, consortiumAwareAt: e.currentTarget.value })}
          />
          <BreachFacts values={form} errors={errs} onChange={(k, v) => setForm({ ...form, [k]: v })} />
          <FormActions submit={t('incidents.breach.submitEdit')} onCancel={() => setOpen(false)} busy={busy} />
        </Stack>
      </form>
    </Paper>
  );
}
