import { stringify } from 'csv-stringify/sync';
import PDFDocument from 'pdfkit';
import { EvidenceItem, stableJson } from '@vigie/evidence';

export type Cell = string | number | boolean | null | undefined | Date | string[];

/** ISO 8601 UTC for dates, `a b` for arrays; a quote before cells a spreadsheet would run as formulas. */
export function cell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return [...v].sort().join(' ');
  // Numbers are data; text that a spreadsheet would run as a formula is quoted.
  if (typeof v === 'number') return String(v);
  const s = String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** CSV with a header row, rows in the order given (callers sort), LF line ends. */
export function csv(columns: readonly string[], rows: ReadonlyArray<readonly Cell[]>): Buffer {
  return Buffer.from(stringify([[...columns], ...rows.map((r) => r.map(cell))], { record_delimiter: '\n' }));
}

export function json(value: unknown): Buffer {
  return Buffer.from(stableJson(normalise(value)));
}

/** Dates to ISO strings, recursively, so JSON files do not depend on the driver. */
export function normalise(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)]));
  return v;
}

export const iso = (v: unknown): string | null =>
  v === null || v === undefined ? null : new Date(v as string).toISOString();

export function noData(what: string, period: { from: string; to: string }): Buffer {
  return Buffer.from(`no data: ${what} between ${period.from} and ${period.to} (UTC) in this scope.\n`);
}

/** Query rows as CSV in the given column order, `*_at` columns as ISO 8601 UTC times. */
export function rowsCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): Buffer {
  return csv(
    columns,
    rows.map((r) => columns.map((c) => (c.endsWith('_at') ? iso(r[c]) : (r[c] as string)))),
  );
}

/** An evidence item made of one table `<path>.csv`, with `<path>-no-data.txt` saying why when it has no row. */
export function tableItem(
  item: { id: string; title: string; path: string; noDataOf: string },
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
  period: { from: string; to: string },
): EvidenceItem {
  const files = [{ path: `${item.path}.csv`, body: rowsCsv(columns, rows) }];
  if (!rows.length) files.push({ path: `${item.path}-no-data.txt`, body: noData(item.noDataOf, period) });
  return { id: item.id, title: item.title, empty: !rows.length, files };
}

export interface PdfBlock {
  title: string;
  lines: Array<[string, string | null | undefined]>;
}

/**
 * A plain PDF whose bytes depend only on its content: creation and modification
 * dates are pinned (pdfkit derives the file ID from them).
 */
export function renderPlainPdf(
  title: string,
  subtitle: string[],
  blocks: PdfBlock[],
  pinnedDate: Date,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 50,
      compress: true,
      info: { Title: title, Creator: 'Vigie', Producer: 'Vigie', CreationDate: pinnedDate, ModDate: pinnedDate },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text(title);
    doc.fontSize(10);
    for (const s of subtitle) doc.text(s);
    if (!blocks.length) doc.moveDown().text('No data.');
    for (const b of blocks) {
      doc.moveDown().fontSize(12).text(b.title, { underline: true }).fontSize(9);
      for (const [k, v] of b.lines) if (v) doc.text(`${k}: ${v}`);
    }
    doc.end();
  });
}
