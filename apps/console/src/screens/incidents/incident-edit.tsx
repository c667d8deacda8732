import { Button, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type Level } from '../../../../../libs/isms/src/severity';
import { INCIDENT_CATEGORIES } from '../../../../../libs/isms/src/taxonomy';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/error-alert';
import { SeverityFields } from './severity-fields';
import { FormActions } from '../../components/form-actions';
import { generalError } from '../../components/field-errors';
import { fieldErrors } from './shared';
import type { IncidentView, UpdateIncidentBody } from './types';

type Category = NonNullable<UpdateIncidentBody['category']>;

/**
 * Corrects an open incident's title, description, category, impact and urgency
 * (PATCH); only the fields changed are sent, the API's field problems are shown at the field.
 */
export function IncidentEdit({ incident, onChange }: { incident: IncidentView; onChange(): Promise<void> | void }) {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const initial = () => ({
    title: incident.title,
    description: incident.description ?? '',
    category: incident.category as Category,
    impact: incident.impact as Level,
    urgency: incident.urgency as Level,
  });
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error);
  if (!hasRole('admin', 'rssi') || incident.status === 'closed') return null;
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => {
    setForm({ ...form, [k]: v });
    setSaved(false);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    setBusy(true);
    try {
      const before = initial();
      // Urgency is always sent (the document marks it required, from its default).
      const body: UpdateIncidentBody = { urgency: form.urgency };
      if (form.title !== before.title) body.title = form.title.trim();
      if (form.description !== before.description) body.description = form.description;
      if (form.category !== before.category) body.category = form.category;
      if (form.impact !== before.impact) body.impact = form.impact;
      await call(api.PATCH('/api/v1/incidents/{id}', { params: { path: { id: incident.id } }, body }));
      setSaved(true);
      setOpen(false);
      await onChange();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!open)
    return (
      <Group justify="space-between" mt="sm">
        {saved ? (
          <Text role="status" size="sm">
            {t('incidents.edit.saved')}
          </Text>
        ) : (
          <span />
        )}
        <Button
          variant="outline"
          aria-label={t('incidents.edit.openLabel')}
          onClick={() => {
            setForm(initial());
            setError(null);
            setOpen(true);
          }}
        >
          {t('incidents.edit.open')}
        </Button>
      </Group>
    );
  // Field problems are shown at their field; anything else above the form.
  const general = generalError(error);
  return (
    <Paper withBorder p="md" mt="sm" component="section" aria-labelledby="incident-edit">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Title order={4} size="h5" id="incident-edit">
            {t('incidents.edit.title')}
          </Title>
          <ErrorAlert error={general} />
          <TextInput
            label={t('incidents.edit.name')}
            required
            value={form.title}
            error={errs.title}
            onChange={(e) => set('title', e.currentTarget.value)}
          />
          <Textarea
            label={t('incidents.edit.description')}
            autosize
            minRows={3}
            value={form.description}
            error={errs.description}
            onChange={(e) => set('description', e.currentTarget.value)}
          />
          <NativeSelect
            label={t('incidents.edit.category')}
            value={form.category}
            error={errs.category}
            onChange={(e) => set('category', e.currentTarget.value as Category)}
            data={INCIDENT_CATEGORIES.map((c) => ({ value: c, label: t(`incidents.categories.${c}`) }))}
          />
          <SeverityFields
            impact={form.impact}
            urgency={form.urgency}
            onChange={set}
            labels={{ impact: t('incidents.edit.impact'), urgency: t('incidents.edit.urgency') }}
            errors={{ impact: errs.impact, urgency: errs.urgency }}
            previewTestId="edit-severity-preview"
          />
          <FormActions submit={t('incidents.edit.submit')} onCancel={() => setOpen(false)} busy={busy} />
        </Stack>
      </form>
    </Paper>
  );
}
