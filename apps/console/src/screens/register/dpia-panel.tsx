import {
  Alert,
  Badge,
  Checkbox,
  Group,
  List,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patch } from './activity-form';
import type { FieldErrors } from '../../components/field-errors';
import { assessDpia, DPIA_STATUSES } from './gdpr';
import type { ReferenceData } from './reference';
import type { ActivityContent } from './types';

/**
 * The DPIA checklist: the EDPB criteria the DPO declares, the CNIL list types
 * that apply, the DPIA's state, and the verdict computed live by the same
 * rule as the API (libs/gdpr `assessDpia`): criteria obvious from the record
 * (sensitive data, vulnerable subjects, automated decisions) are derived.
 */
export function DpiaPanel({
  content: c,
  onChange,
  errors: e,
  reference: ref,
  readOnly,
}: {
  content: ActivityContent;
  onChange: Patch;
  errors: FieldErrors;
  reference: ReferenceData;
  readOnly: boolean;
}) {
  const { t, i18n } = useTranslation();
  const k = (key: string, o?: Record<string, unknown>) => t(`registerEditor.dpia.${key}`, o);
  const verdict = assessDpia(c, ref.lookup);
  const verdictId = useId();
  const label = (item: { label: string; description: string }) =>
    i18n.language === 'en' ? item.description : item.label;
  const dpia = (change: Partial<ActivityContent['dpia']>) => onChange({ dpia: { ...c.dpia, ...change } });
  const criterionError = (i: number) => e.of(`dpia.criteria[${i}]`);
  const typeError = (i: number) => e.of(`dpia.cnilTypes[${i}]`);

  return (
    <Stack gap="md">
      <Checkbox.Group
        label={k('criteria')}
        description={k('criteriaHint')}
        value={c.dpia.criteria}
        onChange={(criteria) => dpia({ criteria })}
        error={
          c.dpia.criteria
            .map((_, i) => criterionError(i))
            .filter(Boolean)
            .join(' ; ') || undefined
        }
      >
        <Stack gap={4} mt="xs">
          {ref.dpiaCriteria.map((x) => {
            const hit = verdict.criteria.find((h) => h.code === x.code);
            return (
              <Group key={x.code} gap="xs" wrap="nowrap">
                <Checkbox value={x.code} label={label(x)} disabled={readOnly} />
                {hit?.source === 'derived' && (
                  <Badge variant="outline" color="gray.8" radius="sm" size="sm">
                    {k('derived')}
                  </Badge>
                )}
              </Group>
            );
          })}
        </Stack>
      </Checkbox.Group>

      <Checkbox.Group
        label={k('cnilTypes')}
        value={c.dpia.cnilTypes}
        onChange={(cnilTypes) => dpia({ cnilTypes })}
        error={
          c.dpia.cnilTypes
            .map((_, i) => typeError(i))
            .filter(Boolean)
            .join(' ; ') || undefined
        }
      >
        <Stack gap={4} mt="xs">
          {ref.dpiaTypes.map((x) => (
            <Checkbox key={x.code} value={x.code} label={label(x)} disabled={readOnly} />
          ))}
        </Stack>
      </Checkbox.Group>

      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <NativeSelect
          label={k('status')}
          value={c.dpia.status}
          error={e.of('dpia.status')}
          disabled={readOnly}
          onChange={(ev) => dpia({ status: ev.currentTarget.value as ActivityContent['dpia']['status'] })}
          data={DPIA_STATUSES.map((s) => ({ value: s, label: k(`statuses.${s}`) }))}
        />
        <TextInput
          type="date"
          label={k('date')}
          value={c.dpia.date ?? ''}
          error={e.of('dpia.date')}
          disabled={readOnly}
          onChange={(ev) => dpia({ date: ev.currentTarget.value || null })}
        />
        <TextInput
          label={k('reference')}
          value={c.dpia.reference ?? ''}
          error={e.of('dpia.reference')}
          disabled={readOnly}
          onChange={(ev) => dpia({ reference: ev.currentTarget.value || null })}
        />
      </SimpleGrid>

      <Alert
        color={verdict.missing ? 'red' : verdict.required ? 'yellow' : 'gray'}
        variant="light"
        role="status"
        aria-live="polite"
        aria-labelledby={verdictId}
        data-testid="dpia-verdict"
      >
        <Stack gap={4}>
          <Title order={4} size="h5" id={verdictId}>
            {k('verdict')} : {verdict.required ? k('required') : k('notRequired')}
          </Title>
          <Text size="xs">{k('verdictLive')}</Text>
          {verdict.missing && (
            <Text size="sm" fw={600}>
              {k('missing')}
            </Text>
          )}
          {verdict.required && !verdict.missing && (
            <Text size="sm">{k('covered', { status: k(`statuses.${c.dpia.status}`) })}</Text>
          )}
          {verdict.criteria.length === 0 ? (
            <Text size="sm">{k('noCriteria')}</Text>
          ) : (
            <>
              <Text size="sm">{k('criteriaMet', { n: verdict.criteria.length })}</Text>
              <List size="sm">
                {verdict.criteria.map((h) => {
                  const item = ref.dpiaCriteria.find((x) => x.code === h.code);
                  return (
                    <List.Item key={h.code}>
                      {item ? label(item) : h.label} ({h.source === 'derived' ? k('derived') : k('declared')})
                    </List.Item>
                  );
                })}
              </List>
            </>
          )}
          {verdict.cnilTypes.map((x) => (
            <Text size="sm" key={x.code}>
              {k('onCnilList', { label: label(x) })}
            </Text>
          ))}
        </Stack>
      </Alert>
    </Stack>
  );
}
