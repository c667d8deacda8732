import {
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DpiaPanel } from './dpia-panel';
import type { FieldErrors } from '../../components/field-errors';
import { EEA_COUNTRIES, RETENTION_FATES } from './gdpr';
import { optionLabel, type ReferenceData } from './reference';
import type { ActivityContent, Application, ReferenceItem } from './types';

export type Patch = (change: Partial<ActivityContent>) => void;

interface Props {
  content: ActivityContent;
  onChange: Patch;
  errors: FieldErrors;
  reference: ReferenceData;
  applications: Application[];
  controllerName: string;
  suggestedDataCategories?: string[];
  readOnly: boolean;
}

/** A titled part of the form, as in the CNIL's model register. */
export function Section({ title, error, children }: { title: string; error?: string; children: ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={id}>
          {title}
        </Title>
        {error && (
          <Text c="red.9" size="sm" role="alert">
            {error}
          </Text>
        )}
        {children}
      </Stack>
    </Paper>
  );
}

function RefSelect(props: {
  label: string;
  value: string | null | undefined;
  items: ReferenceItem[];
  onChange: (v: string | null) => void;
  error?: string;
  description?: string;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={props.label}
      description={props.description}
      value={props.value ?? ''}
      error={props.error}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.currentTarget.value || null)}
      data={[
        { value: '', label: t('registerEditor.form.choose') },
        ...props.items.map((i) => ({ value: i.code, label: optionLabel(i) })),
      ]}
    />
  );
}

function YesNo(props: {
  label: string;
  value: boolean | null | undefined;
  onChange: (v: boolean | null) => void;
  error?: string;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={props.label}
      value={props.value === true ? 'true' : props.value === false ? 'false' : ''}
      error={props.error}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.currentTarget.value === '' ? null : e.currentTarget.value === 'true')}
      data={[
        { value: '', label: t('registerEditor.form.unknown') },
        { value: 'true', label: t('common.yes') },
        { value: 'false', label: t('common.no') },
      ]}
    />
  );
}

/** A repeated group (one fieldset per item) with its add and remove buttons. */
function ListEditor<T>(props: {
  items: T[];
  legend: (n: number) => string;
  addLabel: string;
  make: () => T;
  onChange: (items: T[]) => void;
  render: (item: T, set: (v: Partial<T>) => void, i: number) => ReactNode;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const { items, onChange } = props;
  return (
    <Stack gap="sm">
      {items.length === 0 && <Text size="sm">{t('registerEditor.form.empty')}</Text>}
      {items.map((item, i) => (
        <Fieldset key={i} legend={props.legend(i + 1)} disabled={props.disabled}>
          <Stack gap="xs">
            {props.render(item, (v) => onChange(items.map((x, j) => (j === i ? { ...x, ...v } : x))), i)}
            {!props.disabled && (
              <Group justify="flex-end">
                <Button
                  variant="subtle"
                  color="#8f1d1d"
                  size="xs"
                  onClick={() => onChange(items.filter((_, j) => j !== i))}
                  aria-label={t('registerEditor.form.removeItem', { what: props.legend(i + 1) })}
                >
                  {t('registerEditor.form.remove')}
                </Button>
              </Group>
            )}
          </Stack>
        </Fieldset>
      ))}
      {!props.disabled && (
        <Group>
          <Button variant="light" size="xs" onClick={() => onChange([...items, props.make()])}>
            {props.addLabel}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

const text = (v: string) => (v === '' ? null : v);

/**
 * Every field of an Art. 30(1) record, in the sections of the CNIL's model
 * register; the selects come from the reference data and each input shows
 * the API's problem with its field.
 */
export function ActivityForm({
  content: c,
  onChange,
  errors: e,
  reference: ref,
  applications,
  controllerName,
  suggestedDataCategories,
  readOnly,
}: Props) {
  const { t } = useTranslation();
  const k = (key: string, o?: Record<string, unknown>) => t(`registerEditor.form.${key}`, o);
  const art9Categories = c.dataCategories.filter((d) => {
    const item = ref.lookup.get('data-categories', d.code);
    return item?.sensitive && item.article?.startsWith('9');
  });
  const item = (kind: Parameters<typeof ref.lookup.get>[0], code: string) => ref.lookup.get(kind, code);

  return (
    <Stack gap="md">
      <Section title={k('sections.identification')}>
        <TextInput
          label={k('name')}
          required
          value={c.name}
          error={e.of('name')}
          disabled={readOnly}
          onChange={(ev) => onChange({ name: ev.currentTarget.value })}
        />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput
            label={k('reference')}
            description={k('referenceHint')}
            value={c.reference ?? ''}
            error={e.of('reference')}
            disabled={readOnly}
            onChange={(ev) => onChange({ reference: text(ev.currentTarget.value) })}
          />
          <TextInput
            type="date"
            label={k('nextReviewDate')}
            value={c.nextReviewDate ?? ''}
            error={e.of('nextReviewDate')}
            disabled={readOnly}
            onChange={(ev) => onChange({ nextReviewDate: text(ev.currentTarget.value) })}
          />
        </SimpleGrid>
      </Section>

      <Section title={k('sections.actors')}>
        <TextInput label={k('controller')} description={k('controllerHint')} value={controllerName} readOnly />
        <Fieldset legend={k('dpo')} disabled={readOnly}>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextInput
              label={k('dpoName')}
              value={c.dpo?.name ?? ''}
              error={e.of('dpo.name') ?? e.of('dpo')}
              onChange={(ev) => {
                const name = ev.currentTarget.value;
                onChange({ dpo: name || c.dpo?.contact ? { name, contact: c.dpo?.contact ?? null } : null });
              }}
            />
            <TextInput
              label={k('dpoContact')}
              value={c.dpo?.contact ?? ''}
              error={e.of('dpo.contact')}
              onChange={(ev) => {
                const contact = text(ev.currentTarget.value);
                onChange({ dpo: contact || c.dpo?.name ? { name: c.dpo?.name ?? '', contact } : null });
              }}
            />
          </SimpleGrid>
        </Fieldset>
        <Text fw={600} size="sm">
          {k('jointControllers')}
        </Text>
        <ListEditor
          items={c.jointControllers}
          legend={(n) => k('jointController', { n })}
          addLabel={`${k('add')} : ${k('jointControllers').toLowerCase()}`}
          make={() => ({ name: '', contact: null })}
          onChange={(jointControllers) => onChange({ jointControllers })}
          disabled={readOnly}
          render={(j, set, i) => (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <TextInput
                label={k('partyName')}
                value={j.name}
                error={e.of(`jointControllers[${i}].name`)}
                onChange={(ev) => set({ name: ev.currentTarget.value })}
              />
              <TextInput
                label={k('partyContact')}
                value={j.contact ?? ''}
                error={e.of(`jointControllers[${i}].contact`)}
                onChange={(ev) => set({ contact: text(ev.currentTarget.value) })}
              />
            </SimpleGrid>
          )}
        />
      </Section>

      <Section title={k('sections.purposes')} error={e.list('purposes')}>
        <ListEditor
          items={c.purposes}
          legend={(n) => k('purpose', { n })}
          addLabel={k('addPurpose')}
          make={() => ''}
          disabled={readOnly}
          onChange={(purposes) => onChange({ purposes })}
          render={(p, _set, i) => (
            <Textarea
              label={k('purpose', { n: i + 1 })}
              autosize
              minRows={1}
              value={p}
              error={e.of(`purposes[${i}]`)}
              onChange={(ev) => {
                const v = ev.currentTarget.value;
                onChange({ purposes: c.purposes.map((x, j) => (j === i ? v : x)) });
              }}
            />
          )}
        />
      </Section>

      <Section title={k('sections.legal')}>
        <RefSelect
          label={k('legalBasis')}
          value={c.legalBasis}
          items={ref.legalBases}
          error={e.of('legalBasis')}
          disabled={readOnly}
          onChange={(legalBasis) => onChange({ legalBasis })}
        />
        <Textarea
          label={k('legalBasisJustification')}
          description={k('legalBasisJustificationHint')}
          autosize
          minRows={2}
          value={c.legalBasisJustification ?? ''}
          error={e.of('legalBasisJustification')}
          disabled={readOnly}
          onChange={(ev) => onChange({ legalBasisJustification: text(ev.currentTarget.value) })}
        />
        {(art9Categories.length > 0 || c.art9Condition || e.of('art9Condition')) && (
          <RefSelect
            label={k('art9Condition')}
            description={art9Categories.length ? k('art9Needed') : undefined}
            value={c.art9Condition}
            items={ref.art9}
            error={e.of('art9Condition')}
            disabled={readOnly}
            onChange={(art9Condition) => onChange({ art9Condition })}
          />
        )}
      </Section>

      <Section title={k('sections.subjects')} error={e.list('dataSubjects')}>
        <ListEditor
          items={c.dataSubjects}
          legend={(n) => k('subject', { n })}
          addLabel={k('addSubject')}
          make={() => ({ code: '', volume: null })}
          disabled={readOnly}
          onChange={(dataSubjects) => onChange({ dataSubjects })}
          render={(s, set, i) => (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <RefSelect
                label={k('subjectCode')}
                value={s.code}
                items={ref.subjects}
                error={e.of(`dataSubjects[${i}].code`)}
                description={item('data-subject-categories', s.code)?.vulnerable ? k('vulnerable') : undefined}
                disabled={readOnly}
                onChange={(code) => set({ code: code ?? '' })}
              />
              <TextInput
                label={k('subjectVolume')}
                value={s.volume ?? ''}
                error={e.of(`dataSubjects[${i}].volume`)}
                onChange={(ev) => set({ volume: text(ev.currentTarget.value) })}
              />
            </SimpleGrid>
          )}
        />
      </Section>

      <Section title={k('sections.categories')} error={e.list('dataCategories')}>
        {suggestedDataCategories && suggestedDataCategories.length > 0 && (
          <Text size="sm">
            {k('suggested', {
              list: suggestedDataCategories.map((code) => ref.lookup.label('data-categories', code)).join(', '),
            })}
          </Text>
        )}
        <ListEditor
          items={c.dataCategories}
          legend={(n) => k('category', { n })}
          addLabel={k('addCategory')}
          make={() => ({ code: '', description: null, retentionPeriod: null, retentionFate: null })}
          disabled={readOnly}
          onChange={(dataCategories) => onChange({ dataCategories })}
          render={(d, set, i) => {
            const info = item('data-categories', d.code);
            return (
              <>
                <Group gap="xs" align="flex-end">
                  <div style={{ flex: 1 }}>
                    <NativeSelect
                      label={k('categoryCode')}
                      value={d.code}
                      error={e.of(`dataCategories[${i}].code`)}
                      disabled={readOnly}
                      onChange={(ev) => set({ code: ev.currentTarget.value })}
                      data={[
                        { value: '', label: k('choose') },
                        ...ref.dataCategories.map((x) => ({
                          value: x.code,
                          label: x.sensitive ? `${optionLabel(x)} — ${k('sensitive').toLowerCase()}` : optionLabel(x),
                        })),
                      ]}
                    />
                  </div>
                  {info?.sensitive && (
                    <Badge color="#8f1d1d" variant="filled" radius="sm" mb={4} data-testid="sensitive-badge">
                      {info.article ? k('sensitiveArt', { article: info.article }) : k('sensitive')}
                    </Badge>
                  )}
                  {info?.regulated && (
                    <Badge color="#5b3d99" variant="filled" radius="sm" mb={4}>
                      {k('regulated')}
                    </Badge>
                  )}
                </Group>
                <Textarea
                  label={k('categoryDescription')}
                  autosize
                  minRows={1}
                  value={d.description ?? ''}
                  error={e.of(`dataCategories[${i}].description`)}
                  onChange={(ev) => set({ description: text(ev.currentTarget.value) })}
                />
                <SimpleGrid cols={{ base: 1, md: 2 }}>
                  <TextInput
                    label={k('retentionPeriod')}
                    value={d.retentionPeriod ?? ''}
                    error={e.of(`dataCategories[${i}].retentionPeriod`)}
                    onChange={(ev) => set({ retentionPeriod: text(ev.currentTarget.value) })}
                  />
                  <NativeSelect
                    label={k('retentionFate')}
                    value={d.retentionFate ?? ''}
                    error={e.of(`dataCategories[${i}].retentionFate`)}
                    disabled={readOnly}
                    onChange={(ev) =>
                      set({
                        retentionFate: (ev.currentTarget.value || null) as (typeof RETENTION_FATES)[number] | null,
                      })
                    }
                    data={[
                      { value: '', label: k('choose') },
                      ...RETENTION_FATES.map((f) => ({ value: f, label: k(`fates.${f}`) })),
                    ]}
                  />
                </SimpleGrid>
              </>
            );
          }}
        />
      </Section>

      <Section title={k('sections.recipients')} error={e.list('recipients')}>
        <ListEditor
          items={c.recipients}
          legend={(n) => k('recipient', { n })}
          addLabel={k('addRecipient')}
          make={() => ({ type: '', name: '', internal: true })}
          disabled={readOnly}
          onChange={(recipients) => onChange({ recipients })}
          render={(r, set, i) => (
            <>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <RefSelect
                  label={k('recipientType')}
                  value={r.type}
                  items={ref.recipientTypes}
                  error={e.of(`recipients[${i}].type`)}
                  disabled={readOnly}
                  onChange={(type) => set({ type: type ?? '' })}
                />
                <TextInput
                  label={k('recipientName')}
                  value={r.name}
                  error={e.of(`recipients[${i}].name`)}
                  onChange={(ev) => set({ name: ev.currentTarget.value })}
                />
              </SimpleGrid>
              <Checkbox
                label={k('recipientInternal')}
                checked={r.internal}
                error={e.of(`recipients[${i}].internal`)}
                onChange={(ev) => set({ internal: ev.currentTarget.checked })}
              />
            </>
          )}
        />
      </Section>

      <Section title={k('sections.transfers')} error={e.list('transfers')}>
        <ListEditor
          items={c.transfers}
          legend={(n) => k('transfer', { n })}
          addLabel={k('addTransfer')}
          make={() => ({ recipient: '', country: '', safeguard: null, documentation: null })}
          disabled={readOnly}
          onChange={(transfers) => onChange({ transfers })}
          render={(x, set, i) => (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <TextInput
                label={k('transferRecipient')}
                value={x.recipient}
                error={e.of(`transfers[${i}].recipient`)}
                onChange={(ev) => set({ recipient: ev.currentTarget.value })}
              />
              <TextInput
                label={k('transferCountry')}
                value={x.country}
                maxLength={2}
                description={EEA_COUNTRIES.has(x.country) ? k('transferEea') : undefined}
                error={e.of(`transfers[${i}].country`)}
                onChange={(ev) => set({ country: ev.currentTarget.value.toUpperCase() })}
              />
              <RefSelect
                label={k('transferSafeguard')}
                value={x.safeguard}
                items={ref.safeguards}
                error={e.of(`transfers[${i}].safeguard`)}
                disabled={readOnly}
                onChange={(safeguard) => set({ safeguard })}
              />
              <TextInput
                label={k('transferDocumentation')}
                value={x.documentation ?? ''}
                error={e.of(`transfers[${i}].documentation`)}
                onChange={(ev) => set({ documentation: text(ev.currentTarget.value) })}
              />
            </SimpleGrid>
          )}
        />
      </Section>

      <Section title={k('sections.security')} error={e.list('securityMeasures')}>
        <ListEditor
          items={c.securityMeasures}
          legend={(n) => k('measure', { n })}
          addLabel={k('addMeasure')}
          make={() => ({ type: '', description: '' })}
          disabled={readOnly}
          onChange={(securityMeasures) => onChange({ securityMeasures })}
          render={(s, set, i) => (
            <>
              <RefSelect
                label={k('measureType')}
                value={s.type}
                items={ref.measures}
                error={e.of(`securityMeasures[${i}].type`)}
                disabled={readOnly}
                onChange={(type) => set({ type: type ?? '' })}
              />
              <Textarea
                label={k('measureDescription')}
                autosize
                minRows={1}
                value={s.description}
                error={e.of(`securityMeasures[${i}].description`)}
                onChange={(ev) => set({ description: ev.currentTarget.value })}
              />
            </>
          )}
        />
      </Section>

      <Section title={k('sections.source')}>
        <Textarea
          label={k('dataSource')}
          autosize
          minRows={1}
          value={c.dataSource ?? ''}
          error={e.of('dataSource')}
          disabled={readOnly}
          onChange={(ev) => onChange({ dataSource: text(ev.currentTarget.value) })}
        />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <YesNo
            label={k('collectionMandatory')}
            value={c.collectionMandatory}
            error={e.of('collectionMandatory')}
            disabled={readOnly}
            onChange={(collectionMandatory) => onChange({ collectionMandatory })}
          />
          <YesNo
            label={k('automatedDecision')}
            value={c.automatedDecision}
            error={e.of('automatedDecision')}
            disabled={readOnly}
            onChange={(automatedDecision) => onChange({ automatedDecision })}
          />
        </SimpleGrid>
        {(c.automatedDecision || c.automatedDecisionDetails || e.of('automatedDecisionDetails')) && (
          <Textarea
            label={k('automatedDecisionDetails')}
            autosize
            minRows={2}
            value={c.automatedDecisionDetails ?? ''}
            error={e.of('automatedDecisionDetails')}
            disabled={readOnly}
            onChange={(ev) => onChange({ automatedDecisionDetails: text(ev.currentTarget.value) })}
          />
        )}
        <Textarea
          label={k('rightsExercise')}
          autosize
          minRows={2}
          value={c.rightsExercise ?? ''}
          error={e.of('rightsExercise')}
          disabled={readOnly}
          onChange={(ev) => onChange({ rightsExercise: text(ev.currentTarget.value) })}
        />
      </Section>

      <Section title={k('sections.applications')} error={e.list('applicationIds')}>
        <Text size="sm">{k('applicationsHint')}</Text>
        {applications.length === 0 ? (
          <Text size="sm">{k('noApplications')}</Text>
        ) : (
          <Checkbox.Group
            label={k('applications')}
            value={c.applicationIds}
            onChange={(applicationIds) => onChange({ applicationIds })}
          >
            <Stack gap={4} mt="xs">
              {applications.map((a, i) => (
                <Checkbox
                  key={a.id}
                  value={a.id}
                  disabled={readOnly}
                  error={e.of(`applicationIds[${i}]`)}
                  label={k('applicationLabel', { name: a.name, vendor: a.vendor || '—', hosting: a.hosting })}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
      </Section>

      <Section title={k('sections.dpia')}>
        <DpiaPanel content={c} onChange={onChange} errors={e} reference={ref} readOnly={readOnly} />
      </Section>
    </Stack>
  );
}
