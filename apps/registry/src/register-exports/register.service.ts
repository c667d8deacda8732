import { Injectable } from '@nestjs/common';
import { DomainError } from '@vigie/contracts';
import {
  checkReferences,
  ImportIssue,
  issuesOfRecord,
  readRegisterSheets,
  ReferenceKind,
  ReferenceLookup,
  RegisterRecord,
  registerSheets,
  Sheet,
  SHEETS,
} from '@vigie/gdpr';
import { DataSource } from 'typeorm';
import { ApplicationsRepository } from '../applications/applications.repository';
import { ProcessingActivitiesRepository } from '../processing-activities/processing-activities.repository';
import { ProcessingActivitiesService } from '../processing-activities/processing-activities.service';
import { Controller, ProcessingActivity } from '../processing-activities/processing-activity';
import { ProcessorRegister, ProcessorRegisterService } from '../processor-register/processor-register.service';
import { ReferenceDataRepository } from '../reference-data/reference-data.repository';
import { PdfSection, renderPdf } from './pdf-document';
import { sheetsToXlsx, sheetToCsv, xlsxToSheets } from './spreadsheet';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

export interface MemberRegister {
  controller: Controller;
  generatedAt: string;
  /** Sum of the records' versions: grows with every change to the register. */
  version: number;
  summary: { records: number; byStatus: Record<string, number>; incomplete: number; dpiaMissing: number; reviewOverdue: number };
  activities: ProcessingActivity[];
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
};

const yes = (v: boolean | null | undefined) => (v === null || v === undefined ? null : v ? 'Oui' : 'Non');

function checkFormat(given: string | undefined): ExportFormat {
  const format = given || 'json';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format ?? ''))
    throw new DomainError('invalid', 'invalid_format', `format must be one of ${EXPORT_FORMATS.join(', ')}`, [
      { field: 'format', problem: `must be one of ${EXPORT_FORMATS.join(', ')}` },
    ]);
  return format as ExportFormat;
}

/** A member's whole register, its exports (CSV, XLSX, JSON, PDF) and the XLSX import; the processor register's exports. */
@Injectable()
export class RegisterService {
  constructor(
    private readonly activities: ProcessingActivitiesService,
    private readonly activityRepo: ProcessingActivitiesRepository,
    private readonly apps: ApplicationsRepository,
    private readonly reference: ReferenceDataRepository,
    private readonly processor: ProcessorRegisterService,
    private readonly dataSource: DataSource,
  ) {}

  async register(member: string, includeArchived = false): Promise<MemberRegister> {
    const controller = await this.activities.controllerOf(member);
    const all = await this.activityRepo.list([member], { includeArchived: true });
    const rows = includeArchived ? all : all.filter((r) => r.status !== 'archived');
    const activities = await this.activities.presentAll(rows, new Map([[member, controller]]));
    const byStatus: Record<string, number> = {};
    for (const a of activities) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    return {
      controller,
      generatedAt: new Date().toISOString(),
      version: all.reduce((n, r) => n + r.version, 0),
      summary: {
        records: activities.length,
        byStatus,
        incomplete: activities.filter((a) => !a.completeness.complete).length,
        dpiaMissing: activities.filter((a) => a.dpiaAssessment.missing).length,
        reviewOverdue: activities.filter((a) => a.reviewOverdue).length,
      },
      activities,
    };
  }

  async exportRegister(member: string, format: string | undefined): Promise<ExportFile> {
    const f = checkFormat(format);
    const reg = await this.register(member);
    const ref = await this.reference.lookup();
    const stamp = reg.generatedAt.slice(0, 10);
    const filename = `registre-${member}-${stamp}-v${reg.version}.${f}`;
    const records: RegisterRecord[] = reg.activities.map((a) => ({
      ...a,
      controllerName: a.controller.name,
      dpiaRequired: a.dpiaAssessment.required,
    }));
    const sheets = registerSheets(records, ref);
    if (f === 'json') return { body: Buffer.from(JSON.stringify(reg, null, 2)), contentType: CONTENT_TYPES.json, filename };
    if (f === 'csv') return { body: sheetToCsv(flatCsv(sheets)), contentType: CONTENT_TYPES.csv, filename };
    const facts: Array<[string, string]> = [
      ['Registre des activités de traitement', reg.controller.name],
      ['SIREN', reg.controller.siren ?? ''],
      ['Date', reg.generatedAt],
      ['Version', String(reg.version)],
      ['Fiches', String(records.length)],
    ];
    if (f === 'xlsx') return { body: await sheetsToXlsx(sheets, facts), contentType: CONTENT_TYPES.xlsx, filename };
    const body = await renderPdf({
      title: 'Registre des activités de traitement',
      subtitle: [reg.controller.name, ...(reg.controller.siren ? [`SIREN ${reg.controller.siren}`] : []), 'Article 30.1 du RGPD'],
      date: stamp,
      version: String(reg.version),
      sections: reg.activities.map((a) => activitySection(a, ref)),
    });
    return { body, contentType: CONTENT_TYPES.pdf, filename };
  }

  /** One record of the register as a PDF (its CNIL-model fiche), named after its reference and version. */
  async exportActivityPdf(member: string, id: string): Promise<ExportFile> {
    const a = await this.activities.get(member, id);
    const ref = await this.reference.lookup();
    const stamp = new Date().toISOString().slice(0, 10);
    const body = await renderPdf({
      title: 'Fiche de registre : activité de traitement',
      subtitle: [a.name, a.controller.name, ...(a.controller.siren ? [`SIREN ${a.controller.siren}`] : []), 'Article 30.1 du RGPD'],
      date: stamp,
      version: String(a.version),
      sections: [activitySection(a, ref)],
    });
    const safe = a.reference.replace(/[^A-Za-z0-9._-]/g, '_');
    return { body, contentType: CONTENT_TYPES.pdf, filename: `fiche-${safe}-v${a.version}-${stamp}.pdf` };
  }

  /**
   * XLSX import in the export's layout: every row validated, errors by sheet,
   * row and column, all or nothing.
   */
  async importRegister(member: string, file: Buffer | undefined, dryRun = false) {
    await this.activities.controllerOf(member);
    if (!file?.length)
      throw new DomainError('invalid', 'file_required', 'Send the workbook as multipart field "file" or as contentBase64', [{ field: 'file', problem: 'is required' }]);
    let sheets: Sheet[];
    try {
      sheets = await xlsxToSheets(file);
    } catch (e) {
      throw new DomainError('unprocessable', 'unreadable_workbook', `Not a readable XLSX workbook: ${(e as Error).message}`, [{ field: 'file', problem: 'is not an XLSX workbook' }]);
    }
    return this.dataSource.transaction(async (m) => {
      const ref = await this.reference.lookup(m);
      const known = await this.apps.list(undefined, {}, m);
      const parsed = readRegisterSheets(sheets, ref, known);
      const errors: ImportIssue[] = [...parsed.errors];
      const rowOf = new Map<string, number>();
      const main = sheets.find((s) => s.name === SHEETS.activities);
      main?.rows.forEach((r, i) => rowOf.set(String(r[0] ?? '').trim(), i + 2));
      const knownIds = new Set(known.map((a) => a.id));
      for (const rec of parsed.records) errors.push(...issuesOfRecord(rec.reference, rowOf.get(rec.reference) ?? 0, checkReferences(rec, ref, knownIds)));
      if (errors.length)
        throw new DomainError(
          'unprocessable',
          'import_invalid',
          `The workbook has ${errors.length} error(s); nothing was imported`,
          errors.map((e) => ({ field: `${e.sheet}!row ${e.row}!${e.column}`, problem: e.problem })),
          { errors },
        );
      const outcome = { created: [] as string[], updated: [] as string[], unchanged: [] as string[] };
      for (const rec of parsed.records) {
        const { reference, ...rest } = rec;
        const r = await this.activities.importContent(m, member, { ...rest, reference });
        outcome[r].push(reference);
      }
      if (dryRun) throw new DryRun({ dryRun: true, records: parsed.records.length, ...outcome });
      return { dryRun: false, records: parsed.records.length, ...outcome };
    }).catch((e) => {
      if (e instanceof DryRun) return e.result;
      throw e;
    });
  }

  async exportProcessorRegister(member: string | undefined, format: string | undefined): Promise<ExportFile> {
    const f = checkFormat(format);
    const registers = member ? [await this.processor.forMember(member)] : await this.processor.all();
    const ref = await this.reference.lookup();
    const date = new Date().toISOString();
    const stamp = date.slice(0, 10);
    const filename = `registre-sous-traitant-${member ?? 'tous'}-${stamp}.${f}`;
    if (f === 'json') return { body: Buffer.from(JSON.stringify(registers, null, 2)), contentType: CONTENT_TYPES.json, filename };
    const sheets = processorSheets(registers, ref);
    if (f === 'csv') return { body: sheetToCsv(sheets[0]), contentType: CONTENT_TYPES.csv, filename };
    const version = String(registers.reduce((n, r) => n + r.processing.length, 0));
    if (f === 'xlsx')
      return {
        body: await sheetsToXlsx(sheets, [
          ['Registre des catégories d’activités de traitement (sous-traitant)', registers[0]?.processor.name ?? ''],
          ['Date', date],
          ['Responsables', registers.map((r) => r.controller.name).join(', ')],
        ]),
        contentType: CONTENT_TYPES.xlsx,
        filename,
      };
    const p = registers[0]?.processor;
    const body = await renderPdf({
      title: 'Registre des activités de traitement du sous-traitant',
      subtitle: [p?.name ?? '', p?.address ?? '', 'Article 30.2 du RGPD'],
      date: stamp,
      version,
      sections: registers.map((r) => ({
        title: `Pour le compte de ${r.controller.name}`,
        fields: [
          ['Responsable du traitement', `${r.controller.name}${r.controller.siren ? ` (SIREN ${r.controller.siren})` : ''}`],
          ['Sous-traitant', `${r.processor.name}, ${r.processor.address}, ${r.processor.email}`],
          ['Délégué à la protection des données', r.processor.dpo],
          [
            'Catégories de traitements effectués pour le compte du responsable',
            r.processing.map((x) => `${x.reference} - ${x.name} [${x.applications.map((a) => a.name).join(', ')}]`).join('\n'),
          ],
          ['Applications hébergées sans fiche', r.uncoveredApplications.map((a) => `${a.name} (${a.vendor})`).join('\n')],
          ['Sous-traitants ultérieurs', r.subProcessors.map((s) => `${s.vendor} - ${s.application}${s.dpaReference ? ` - ${s.dpaReference}` : ''}`).join('\n')],
          ['Transferts hors UE', r.transfers.map((t) => `${t.recipient} - ${t.country} - ${t.safeguard ?? 'sans garantie'}`).join('\n')],
          ['Mesures de sécurité', r.securityMeasures.map((s) => `${ref.label('security-measures', s.type)} : ${s.description}`).join('\n')],
        ] as Array<[string, string | null]>,
      })),
    });
    return { body, contentType: CONTENT_TYPES.pdf, filename };
  }
}

/** The fields of one record in the order of the CNIL model register, for the PDF exports. */
export function activitySection(a: ProcessingActivity, ref: ReferenceLookup): PdfSection {
  const label = (kind: ReferenceKind, code: string | null | undefined) => (code ? ref.label(kind, code) : null);
  return {
    title: `${a.reference} - ${a.name}`,
    fields: [
      ['Statut', `${a.status} (version ${a.version}, mise à jour ${a.updatedAt.slice(0, 10)} par ${a.updatedBy})`],
      ['Responsable du traitement', a.controller.name],
      ['Responsables conjoints', a.jointControllers.map((j) => `${j.name}${j.contact ? ` (${j.contact})` : ''}`).join('\n')],
      ['Délégué à la protection des données', a.dpo ? `${a.dpo.name}${a.dpo.contact ? ` (${a.dpo.contact})` : ''}` : null],
      ['Finalités', a.purposes.join('\n')],
      ['Base légale', [label('legal-bases', a.legalBasis), a.legalBasisJustification].filter(Boolean).join(' : ')],
      ["Condition de l'article 9.2", label('art9-conditions', a.art9Condition)],
      ['Personnes concernées', a.dataSubjects.map((s) => `${label('data-subject-categories', s.code)}${s.volume ? ` (${s.volume})` : ''}`).join('\n')],
      [
        'Catégories de données (durée de conservation, sort final)',
        a.dataCategories
          .map((d) => `${label('data-categories', d.code)}${d.description ? ` : ${d.description}` : ''} - ${d.retentionPeriod ?? '?'} - ${d.retentionFate ?? '?'}`)
          .join('\n'),
      ],
      ['Destinataires', a.recipients.map((r) => `${r.name} (${label('recipient-types', r.type)}, ${r.internal ? 'interne' : 'externe'})`).join('\n')],
      ['Transferts hors UE', a.transfers.map((t) => `${t.recipient} - ${t.country} - ${label('transfer-safeguards', t.safeguard) ?? 'sans garantie'}`).join('\n')],
      ['Mesures de sécurité', a.securityMeasures.map((s) => `${label('security-measures', s.type)} : ${s.description}`).join('\n')],
      ['Applications', a.applications.map((x) => `${x.name} (${x.vendor})`).join('\n')],
      ['Source des données', a.dataSource],
      ['Collecte obligatoire', yes(a.collectionMandatory)],
      ['Décision automatisée', [yes(a.automatedDecision), a.automatedDecisionDetails].filter(Boolean).join(' : ')],
      ['Exercice des droits', a.rightsExercise],
      ['AIPD', `${a.dpiaAssessment.required ? 'requise' : 'non requise'} - ${a.dpia.status}${a.dpia.reference ? ` - ${a.dpia.reference}` : ''}${a.dpia.date ? ` (${a.dpia.date})` : ''}\n${a.dpiaAssessment.reasons.join('\n')}`],
      ['Prochaine revue', a.nextReviewDate],
    ] as Array<[string, string | null]>,
  };
}

class DryRun extends Error {
  constructor(readonly result: Record<string, unknown>) {
    super('dry run');
  }
}

/** The record sheet with the child sheets folded into multi-line columns: one CSV row per record. */
function flatCsv(sheets: Sheet[]): Sheet {
  const [main, ...children] = sheets;
  const columns = [...main.columns, ...children.map((c) => c.name)];
  const rows = main.rows.map((r) => [
    ...r,
    ...children.map((c) =>
      c.rows
        .filter((x) => x[0] === r[0])
        .map((x) => x.slice(1).filter((v) => v !== null && v !== '').join(' | '))
        .join('\n') || null,
    ),
  ]);
  return { name: main.name, columns, rows };
}

function processorSheets(registers: ProcessorRegister[], ref: Awaited<ReturnType<ReferenceDataRepository['lookup']>>): Sheet[] {
  return [
    {
      name: 'Traitements pour compte',
      columns: ['Responsable du traitement', 'SIREN', 'Référence', 'Catégorie de traitement', 'Finalités', 'Applications hébergées', 'Catégories de données', 'Personnes concernées', 'Statut'],
      rows: registers.flatMap((r) =>
        r.processing.map((x) => [
          r.controller.name,
          r.controller.siren,
          x.reference,
          x.name,
          x.purposes.join('\n'),
          x.applications.map((a) => `${a.name} (${a.vendor})`).join('\n'),
          x.dataCategories.map((c) => ref.label('data-categories', c)).join('\n'),
          x.dataSubjects.map((c) => ref.label('data-subject-categories', c)).join('\n'),
          x.status,
        ]),
      ),
    },
    {
      name: 'Sous-traitants ultérieurs',
      columns: ['Responsable du traitement', 'Éditeur', 'Application', 'Rôle', 'Contrat / DPA'],
      rows: registers.flatMap((r) => r.subProcessors.map((s) => [r.controller.name, s.vendor, s.application, s.role, s.dpaReference])),
    },
    {
      name: 'Transferts hors UE',
      columns: ['Responsable du traitement', 'Destinataire', 'Pays', 'Garantie', 'Documentation', 'Source'],
      rows: registers.flatMap((r) => r.transfers.map((t) => [r.controller.name, t.recipient, t.country, t.safeguard ? ref.label('transfer-safeguards', t.safeguard) : null, t.documentation, t.source])),
    },
    {
      name: 'Mesures de sécurité',
      columns: ['Responsable du traitement', 'Type de mesure', 'Description', 'Source'],
      rows: registers.flatMap((r) => r.securityMeasures.map((s) => [r.controller.name, ref.label('security-measures', s.type), s.description, s.source])),
    },
  ];
}

