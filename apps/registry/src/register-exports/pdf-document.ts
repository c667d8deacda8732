import PDFDocument from 'pdfkit';

export interface PdfSection {
  title: string;
  /** Label / value pairs; empty values print as "—". */
  fields: Array<[string, string | null | undefined]>;
}

export interface PdfSpec {
  title: string;
  subtitle: string[];
  date: string;
  version: string;
  sections: PdfSection[];
}

const TOC_LINES_PER_PAGE = 32;

/** Characters outside WinAnsi (the standard fonts' encoding) would print as garbage. */
function printable(s: string): string {
  // eslint-disable-next-line no-control-regex -- the range starts at U+0000 on purpose: every Latin-1 character is kept
  return s.replace(/[→⇒]/g, '->').replace(/[^\u0000-\u00ff’‘“”–—…€œŒšŠžŽŸ•]/g, '?');
}

/**
 * A printable register: a cover page (title, controller, date, version), a
 * table of contents with page numbers, then one page per section (a section
 * longer than a page continues on the next). Every page carries the date and
 * version in its footer.
 */
export function renderPdf(spec: PdfSpec): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, bufferPages: true, info: { Title: printable(spec.title), Creator: 'Vigie' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(24).text(printable(spec.title), { align: 'center' }).moveDown(2);
    doc.font('Helvetica').fontSize(14);
    for (const line of spec.subtitle) doc.text(printable(line), { align: 'center' });
    doc.moveDown(2).fontSize(12).text(`Date : ${spec.date}`, { align: 'center' }).text(`Version : ${spec.version}`, { align: 'center' });
    doc.text(`${spec.sections.length} fiche(s)`, { align: 'center' });

    const tocPages = Math.max(1, Math.ceil(spec.sections.length / TOC_LINES_PER_PAGE));
    const tocStart = 1;
    for (let i = 0; i < tocPages; i++) doc.addPage();

    const starts: number[] = [];
    for (const s of spec.sections) {
      doc.addPage();
      starts.push(doc.bufferedPageRange().count);
      doc.font('Helvetica-Bold').fontSize(16).text(printable(s.title)).moveDown(0.5);
      for (const [label, value] of s.fields) {
        doc.font('Helvetica-Bold').fontSize(9).text(printable(label));
        doc.font('Helvetica').fontSize(9).text(printable(value && value.trim() ? value : '—')).moveDown(0.3);
      }
    }

    for (let p = 0; p < tocPages; p++) {
      doc.switchToPage(tocStart + p);
      doc.font('Helvetica-Bold').fontSize(18).text(p === 0 ? 'Table des matières' : 'Table des matières (suite)').moveDown();
      doc.font('Helvetica').fontSize(10);
      spec.sections.slice(p * TOC_LINES_PER_PAGE, (p + 1) * TOC_LINES_PER_PAGE).forEach((s, i) => {
        const n = p * TOC_LINES_PER_PAGE + i;
        const y = doc.y;
        doc.text(printable(s.title).slice(0, 90), 50, y, { width: 430, lineBreak: false });
        doc.text(String(starts[n]), 480, y, { width: 65, align: 'right' });
        doc.moveDown(0.4);
      });
    }

    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font('Helvetica').fontSize(8).text(
        printable(`${spec.title} - ${spec.date} - version ${spec.version} - page ${i + 1}/${range.count}`),
        50,
        doc.page.height - 35,
        { width: doc.page.width - 100, align: 'center', lineBreak: false },
      );
      doc.page.margins.bottom = bottom;
    }
    doc.end();
  });
}
