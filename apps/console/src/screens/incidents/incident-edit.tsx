import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CIA_LEVELS, type CiaLevel, type Level } from '../../../../../libs/isms/src/severity';
import { INCIDENT_CATEGORIES } from '../../../../../libs/isms/src/taxonomy';
import { SourceFields } from './source-fields';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/error-alert';
import { SeverityFields } from './severity-fields';
import { FormActions } from '../../components/form-actions';
import { generalError } from '../../components/field-errors';
import { fieldErrors, fromLocalInput, toLocalInput } from './shared';
import type { IncidentView, UpdateIncidentBody } from './types';

type Category = NonNullable<UpdateIncidentBody['category']>;
type Source = NonNullable<UpdateIncidentBody['source']>;
const TIMES = ['occurredAt', 'detectedAt', 'reportedAt', 'resolvedAt'] as const;
const CIA = ['confidentiality', 'integrity', 'availability'] as const;
const local = (iso: string | null) => (iso ? toLocalInput(iso) : '');

/**
 * Corrects an open incident (PATCH): title, description, category, source and
 * its reference, the four times (a cleared optional time is removed; the
 * detection time is required), the C/I/A levels, impact, urgency and whether
 * personal data is concerned. Only the fields changed are sent; a C/I/A change
 * without an impact of its own lets the API derive the impact. The API's field
 * problems are shown at the field.
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
    source: incident.source as Source,
    sourceRef: incident.sourceRef ?? '',
    occurredAt: local(incident.occurredAt),
    detectedAt: local(incident.detectedAt),
    reportedAt: local(incident.reportedAt),
    resolvedAt: local(incident.resolvedAt),
    confidentiality: incident.cia.confidentiality as CiaLevel,
    integrity: incident.cia.integrity as CiaLevel,
    availability: incident.cia.availability as CiaLevel,
    personalDataSuspected: incident.personalDataSuspected,
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
      if (form.source !== before.source) body.source = form.source;
      if (form.sourceRef !== before.sourceRef) body.sourceRef = form.sourceRef.trim();
      for (const k of TIMES) {
        if (form[k] === before[k]) continue;
        // An optional time left empty is removed (null); the detection time cannot be.
        const at = fromLocalInput(form[k]) ?? (k === 'detectedAt' ? undefined : null);
        if (at !== undefined) (body as Record<string, unknown>)[k] = at;
      }
      for (const k of CIA) if (form[k] !== before[k]) body[k] = form[k];
      if (form.personalDataSuspected !== before.personalDataSuspected)
        body.personalDataSuspected = form.personalDataSuspected;
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
          <Group grow align="flex-start">
            <SourceFields source={form.source} sourceRef={form.sourceRef} onChange={set} errors={errs} />
          </Group>
          <Fieldset legend={t('incidents.edit.times')}>
            <Group grow align="flex-start">
              {TIMES.map((k) => (
                <TextInput
                  key={k}
                  type="datetime-local"
                  label={t(`incidents.edit.${k}`)}
                  required={k === 'detectedAt'}
                  value={form[k]}
                  error={errs[k]}
                  onChange={(e) => set(k, e.currentTarget.value)}
                />
              ))}
            </Group>
          </Fieldset>
          <Fieldset legend={t('incidents.edit.cia')}>
            <Group grow align="flex-start">
              {CIA.map((k) => (
                <NativeSelect
                  key={k}
                  label={t(`incidents.edit.${k}`)}
                  value={form[k]}
                  error={errs[k]}
                  onChange={(e) => set(k, e.currentTarget.value as CiaLevel)}
                  data={CIA_LEVELS.map((l) => ({ value: l, label: t(`incidents.cia.${l}`) }))}
                />
              ))}
            </Group>
          </Fieldset>
          <SeverityFields
            impact={form.impact}
            urgency={form.urgency}
            onChange={set}
            labels={{ impact: t('incidents.edit.impact'), urgency: t('incidents.edit.urgency') }}
            errors={{ impact: errs.impact, urgency: errs.urgency }}
            previewTestId="edit-severity-preview"
          />
          <Checkbox
            label={t('incidents.personalDataSuspected')}
            checked={form.personalDataSuspected}
            onChange={(e) => set('personalDataSuspected', e.currentTarget.checked)}
          />
          <FormActions submit={t('incidents.edit.submit')} onCancel={() => setOpen(false)} busy={busy} />
        </Stack>
      </form>
    </Paper>
  );
}
