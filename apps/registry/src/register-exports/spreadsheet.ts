import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { Cell, Sheet } from '@vigie/gdpr';

const BOM = '\uFEFF';

/** CSV in UTF-8 with a byte-order mark (Excel then reads the accents right), `;`-free RFC 4180 with commas. */
export function sheetToCsv(sheet: Sheet): Buffer {
  return Buffer.from(BOM + stringify([sheet.columns, ...sheet.rows.map((r) => r.map((c) => (c === null ? '' : c)))], { record_delimiter: '\r\n' }), 'utf8');
}

/** One worksheet per sheet, header row bold and frozen, plus a cover sheet of facts. */
export async function sheetsToXlsx(sheets: Sheet[], facts: Array<[string, string]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Vigie';
  wb.created = new Date();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(s.columns);
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) ws.addRow(r.map((c) => (c === null ? null : c)));
    ws.columns.forEach((col, i) => {
      const longest = Math.max(s.columns[i].length, ...s.rows.map((r) => String(r[i] ?? '').split('\n')[0].length));
      col.width = Math.min(60, Math.max(10, longest + 2));
      col.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  const info = wb.addWorksheet('Informations');
  facts.forEach(([k, v]) => info.addRow([k, v]));
  info.getColumn(1).width = 30;
  info.getColumn(2).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'Oui' : 'Non';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'result' in v) return v.result === undefined || v.result === null ? null : String(v.result);
  return String(v);
}

/** Every worksheet as a sheet of cells (first row = header). */
export async function xlsxToSheets(buffer: Buffer): Promise<Sheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: Cell[][] = [];
    const width = ws.columnCount;
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: Cell[] = [];
      for (let i = 1; i <= width; i++) cells.push(cellValue(row.getCell(i).value));
      rows[n - 1] = cells;
    });
    const [header = [], ...body] = Array.from(rows, (r) => r ?? []);
    return { name: ws.name, columns: header.map((h) => (h === null ? '' : String(h).trim())), rows: body };
  });
}
