import PDFDocument from 'pdfkit';
import { IncidentReport } from './incident-report.types';

/** The standard PDF fonts only encode WinAnsi: map what they cannot show to close equivalents. */
const REPLACEMENTS: Record<string, string> = {
  '\u2192': '->',
  '\u2190': '<-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2212': '-',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2011': '-',
};
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else if (
      code === 0x0a ||
      code === 0x09 ||
      (code >= 0x20 && code <= 0x7e) ||
      (code >= 0xa0 && code <= 0xff) ||
      WIN_ANSI_EXTRA.has(ch)
    )
      out += ch;
    else out += '?';
  }
  return out;
}

function when(iso: string | null): string {
  return iso ? iso.replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC') : '-';
}

/** Renders an incident report as a PDF (A4). */
export function renderIncidentReportPdf(r: IncidentReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: {
      Title: `${r.incident.reference} - ${winAnsi(r.incident.title)}`,
      Author: 'Vigie',
      Subject: 'Incident report',
      CreationDate: new Date(r.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const text = (s: string, opts: PDFKit.Mixins.TextOptions = {}) => doc.text(winAnsi(s), opts);
  const heading = (s: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13);
    text(s);
    doc.font('Helvetica').fontSize(10).moveDown(0.3);
  };
  const field = (label: string, value: string) => {
    doc
      .font('Helvetica-Bold')
      .text(winAnsi(`${label}: `), { continued: true })
      .font('Helvetica');
    text(value || '-');
  };

  const i = r.incident;
  doc.font('Helvetica-Bold').fontSize(18);
  text(`Incident report ${i.reference}`);
  doc.fontSize(12);
  text(i.title);
  doc.font('Helvetica').fontSize(8).fillColor('#555');
  text(`Generated ${when(r.generatedAt)} by ${r.generatedBy}`);
  doc.fillColor('black').fontSize(10);

  heading('Incident');
  field('Status', i.status);
  field('Category', i.category);
  field('Source', `${i.source}${i.sourceRef ? ` (${i.sourceRef})` : ''}`);
  field('Reporter', i.reporter);
  field('Severity', `${i.severity} (impact ${i.impact} x urgency ${i.urgency})`);
  field(
    'CIA impact',
    `confidentiality ${i.cia.confidentiality}, integrity ${i.cia.integrity}, availability ${i.cia.availability}`,
  );
  field('Occurred', when(i.occurredAt));
  field('Detected', when(i.detectedAt));
  field('Reported', when(i.reportedAt));
  field('Contained', when(i.containedAt));
  field('Resolved', when(i.resolvedAt));
  field('Closed', when(i.closedAt));
  field(
    'Decision',
    i.decision
      ? `${i.decision.decision} by ${i.decision.by} at ${when(i.decision.at)}: ${i.decision.rationale}`
      : 'not taken',
  );
  field('Affected members', i.members.map((m) => m.member).join(', '));
  field('Applications', i.links.applications.join(', '));
  field('Hosts', i.links.hosts.join(', '));
  field('Alerts', i.links.alerts.join(', '));
  if (i.description) field('Description', i.description);
  if (i.rootCause) field('Root cause', i.rootCause);
  if (i.lessonsLearned) field('Lessons learned', i.lessonsLearned);

  heading('Impact (from the GDPR registry)');
  field(
    'Personal data breach suspected',
    r.impact.personalDataBreachSuspected || i.personalDataSuspected ? 'yes' : 'no',
  );
  field('Controllers', r.impact.controllers.map((c) => c.member).join(', '));
  for (const a of r.impact.processingActivities)
    text(`- ${a.member}: ${a.name} [${a.dataCategories.join(', ')}]`, { indent: 10 });
  field('Data categories', r.impact.dataCategories.join(', '));
  field('Art. 9 special categories', r.impact.specialCategories.join(', '));
  field('Art. 10 criminal data', r.impact.criminalData.join(', '));
  field('NIR', r.impact.nir ? 'yes' : 'no');
  field('Data subjects', r.impact.subjectCategories.join(', '));

  heading('Timeline');
  for (const g of r.timeline) {
    doc.font('Helvetica-Bold').fontSize(11);
    text(g.label);
    doc.font('Helvetica').fontSize(10);
    for (const e of g.entries) {
      doc
        .font('Helvetica-Bold')
        .text(
          winAnsi(`#${e.seq} ${when(e.occurredAt)} ${e.kind} (${e.author})${e.corrects ? ' [correction]' : ''}: `),
          { continued: true, indent: 10 },
        );
      doc.font('Helvetica');
      text(e.body);
    }
    doc.moveDown(0.3);
  }

  heading('Evidence (chain of custody)');
  if (!r.evidence.length) text('None');
  for (const e of r.evidence)
    text(
      `- ${e.filename} (${e.sizeBytes} bytes), SHA-256 ${e.sha256}, uploaded by ${e.uploadedBy} at ${when(e.uploadedAt)}`,
    );

  heading('Personal data breach notifications');
  if (!r.breach) text('No personal data breach recorded');
  else {
    field('Consortium aware', when(r.breach.consortiumAwareAt));
    field('Nature', r.breach.nature);
    for (const c of r.breach.controllers) {
      doc.font('Helvetica-Bold');
      text(`Controller ${c.member}`);
      doc.font('Helvetica');
      text(
        `Aware ${when(c.awareAt)}; CNIL deadline ${when(c.deadline.deadline)} (${c.deadline.state}); risk ${c.assessment?.risk ?? 'not assessed'}`,
        { indent: 10 },
      );
      for (const n of c.notices)
        text(`Processor notice ${when(n.sentAt)} by ${n.sentBy}: ${n.content}`, { indent: 10 });
      for (const n of c.notifications)
        text(
          `CNIL notification (${n.phase}) ${when(n.sentAt)}${n.cnilReference ? `, ref ${n.cnilReference}` : ''}${n.late ? `, late: ${n.lateJustification}` : ''}`,
          { indent: 10 },
        );
      if (c.subjectCommunication)
        text(`Data subjects told ${when(c.subjectCommunication.sentAt)} (${c.subjectCommunication.method})`, {
          indent: 10,
        });
    }
  }

  heading('Corrective actions');
  if (!r.correctiveActions.length) text('None');
  for (const a of r.correctiveActions)
    text(
      `- ${a.title}: ${a.action} (owner ${a.owner}, due ${a.dueDate ?? '-'}, ${a.status}${a.review ? `, review ${a.review.result} on ${a.review.date}` : ''})`,
    );

  doc.end();
  return done;
}
