import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { IncidentView } from '../incidents/incident.types';

/** Columns of the incident log export. */
const COLUMNS: Array<
  [header: string, value: (i: IncidentView & { breach: boolean }) => string | number | boolean | null]
> = [
  ['reference', (i) => i.reference],
  ['title', (i) => i.title],
  ['status', (i) => i.status],
  ['category', (i) => i.category],
  ['severity', (i) => i.severity],
  ['impact', (i) => i.impact],
  ['urgency', (i) => i.urgency],
  ['confidentiality', (i) => i.cia.confidentiality],
  ['integrity', (i) => i.cia.integrity],
  ['availability', (i) => i.cia.availability],
  ['source', (i) => i.source],
  ['source_ref', (i) => i.sourceRef],
  ['reporter', (i) => i.reporter],
  ['occurred_at', (i) => i.occurredAt],
  ['detected_at', (i) => i.detectedAt],
  ['reported_at', (i) => i.reportedAt],
  ['contained_at', (i) => i.containedAt],
  ['resolved_at', (i) => i.resolvedAt],
  ['closed_at', (i) => i.closedAt],
  ['decision', (i) => i.decision?.decision ?? null],
  ['decision_by', (i) => i.decision?.by ?? null],
  ['members', (i) => i.members.map((m) => m.member).join(' ')],
  ['applications', (i) => i.links.applications.join(' ')],
  ['hosts', (i) => i.links.hosts.join(' ')],
  ['alerts', (i) => i.links.alerts.join(' ')],
  ['personal_data_suspected', (i) => i.personalDataSuspected],
  ['breach', (i) => i.breach],
  ['root_cause', (i) => i.rootCause],
  ['lessons_learned', (i) => i.lessonsLearned],
];

/** A cell a spreadsheet would run as a formula is prefixed with a quote (CSV injection). */
function safe(v: string | number | boolean | null): string | number | boolean | null {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export function incidentLogCsv(list: Array<IncidentView & { breach: boolean }>): string {
  return stringify([COLUMNS.map(([h]) => h), ...list.map((i) => COLUMNS.map(([, f]) => safe(f(i))))], {
    cast: { boolean: (b) => (b ? 'true' : 'false') },
  });
}

export async function incidentLogXlsx(list: Array<IncidentView & { breach: boolean }>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Vigie';
  const ws = wb.addWorksheet('Incident log');
  ws.columns = COLUMNS.map(([header]) => ({ header, key: header, width: header === 'title' ? 50 : 18 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const i of list) ws.addRow(COLUMNS.map(([, f]) => safe(f(i))));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
