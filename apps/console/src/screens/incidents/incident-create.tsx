import {
  Anchor,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NativeSelect,
  Paper,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { type Level } from '../../../../../libs/isms/src/severity';
import { INCIDENT_CATEGORIES } from '../../../../../libs/isms/src/taxonomy';
import { SourceFields } from './source-fields';
import { api, call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useSubmit } from '../../components/use-submit';
import { SeverityFields } from './severity-fields';
import { useAsync } from '../../components/use-async';
import { fieldErrors, fromLocalInput, useMembers } from './shared';
import type { ApplicationList, CreateIncidentBody, IncidentView } from './types';

/** Records an incident; the severity follows from impact × urgency as the form is filled. */
export function IncidentCreate() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const members = useMembers();
  const apps = useAsync(() => call<ApplicationList>(api.GET('/api/v1/applications', {})), []);
  const [form, setForm] = useState({
    title: '',
    description: '',
    category: 'malware' as CreateIncidentBody['category'],
    source: 'alert' as CreateIncidentBody['source'],
    sourceRef: '',
    impact: 'medium' as Level,
    urgency: 'medium' as Level,
    members: [] as string[],
    applications: [] as string[],
    hosts: '',
    detectedAt: '',
    personalDataSuspected: false,
  });
  const { submit, busy, error } = useSubmit(async () => {
    const hosts = form.hosts
      .split(/\n/)
      .map((h) => h.trim())
      .filter(Boolean);
    const body: CreateIncidentBody = {
      title: form.title.trim(),
      category: form.category,
      source: form.source,
      impact: form.impact,
      urgency: form.urgency,
      personalDataSuspected: form.personalDataSuspected,
      ...(form.description.trim() ? { description: form.description.trim() } : {}),
      ...(form.sourceRef.trim() ? { sourceRef: form.sourceRef.trim() } : {}),
      ...(form.members.length ? { members: form.members } : {}),
      ...(form.applications.length ? { applications: form.applications } : {}),
      ...(hosts.length ? { hosts } : {}),
      ...(form.detectedAt ? { detectedAt: fromLocalInput(form.detectedAt) } : {}),
    };
    const created = await call<IncidentView>(api.POST('/api/v1/incidents', { body }));
    navigate(`/incidents/${created.reference}`);
  });
  const errs = fieldErrors(error);
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm({ ...form, [k]: v });

  return (
    <Stack>
      <Anchor component={RouterLink} to="/incidents">
        {t('incidents.back')}
      </Anchor>
      <Title order={2}>{t('incidents.create.title')}</Title>
      <Paper withBorder p="md">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <ErrorAlert error={error} />
            <TextInput
              label={t('incidents.create.name')}
              required
              value={form.title}
              error={errs.title}
              onChange={(e) => set('title', e.currentTarget.value)}
            />
            <Textarea
              label={t('incidents.create.description')}
              minRows={3}
              autosize
              value={form.description}
              error={errs.description}
              onChange={(e) => set('description', e.currentTarget.value)}
            />
            <Group grow align="flex-start">
              <NativeSelect
                label={t('incidents.create.category')}
                value={form.category}
                onChange={(e) => set('category', e.currentTarget.value as CreateIncidentBody['category'])}
                data={INCIDENT_CATEGORIES.map((c) => ({ value: c, label: t(`incidents.categories.${c}`) }))}
              />
              <SourceFields source={form.source} sourceRef={form.sourceRef} onChange={set} errors={errs} />
            </Group>
            <SeverityFields
              impact={form.impact}
              urgency={form.urgency}
              onChange={set}
              labels={{ impact: t('incidents.create.impact'), urgency: t('incidents.create.urgency') }}
              previewTestId="severity-preview"
            />
            <Group grow align="flex-start">
              <MultiSelect
                label={t('incidents.create.members')}
                data={members.list.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))}
                value={form.members}
                error={errs.members}
                onChange={(v) => set('members', v)}
                searchable
              />
              <MultiSelect
                label={t('incidents.create.applications')}
                data={(apps.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
                value={form.applications}
                onChange={(v) => set('applications', v)}
                searchable
              />
            </Group>
            <Group grow align="flex-start">
              <Textarea
                label={t('incidents.create.hosts')}
                description={t('incidents.create.hostsHint')}
                minRows={2}
                autosize
                value={form.hosts}
                error={errs.hosts}
                onChange={(e) => set('hosts', e.currentTarget.value)}
              />
              <TextInput
                type="datetime-local"
                label={t('incidents.create.detectedAt')}
                description={t('incidents.create.detectedAtHint')}
                value={form.detectedAt}
                error={errs.detectedAt}
                onChange={(e) => set('detectedAt', e.currentTarget.value)}
              />
            </Group>
            <Checkbox
              label={t('incidents.create.personalData')}
              checked={form.personalDataSuspected}
              onChange={(e) => set('personalDataSuspected', e.currentTarget.checked)}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={busy}>
                {t('incidents.create.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
