import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { IsmsClock } from '@vigie/registry/incidents/isms-clock';
import { ADMIN_PASSWORD, ApiClient, startEmbeddedApp, TestApp, USER_PASSWORD } from '@vigie/testing';

/** Incident report (JSON, PDF), incident log export (CSV, XLSX) and metrics. */
describe('incident reports, exports and metrics (embedded)', () => {
  let t: TestApp;
  let rssi: ApiClient;
  let token: string;
  let refVitry: ApiClient;
  let refVitryToken: string;
  let now = new Date('2026-01-10T10:00:00Z');
  let incident: { id: string; reference: string };

  const at = (iso: string) => (now = new Date(iso));
  const raw = async (path: string, bearer = token) => {
    const r = await fetch(t.baseUrl + path, { headers: { authorization: `Bearer ${bearer}` } });
    return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
  };

  beforeAll(async () => {
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    t = await startEmbeddedApp();
    jest.spyOn(t.app.get(IsmsClock), 'now').mockImplementation(() => new Date(now));
    const anon = new ApiClient(t.baseUrl);
    const admin = await anon.login('admin', ADMIN_PASSWORD);
    for (const code of ['ivry', 'vitry']) await admin.post('/api/v1/members', { code, name: code, type: 'city' });
    await admin.post('/api/v1/users', { username: 'rssi', password: USER_PASSWORD, roles: ['rssi'] });
    await admin.post('/api/v1/users', {
      username: 'ref-vitry',
      password: USER_PASSWORD,
      roles: ['referent'],
      memberScopes: ['vitry'],
    });
    token = (await anon.post('/api/v1/auth/login', { username: 'rssi', password: USER_PASSWORD })).body.accessToken;
    rssi = anon.withToken(token);
    refVitryToken = (await anon.post('/api/v1/auth/login', { username: 'ref-vitry', password: USER_PASSWORD })).body
      .accessToken;
    refVitry = anon.withToken(refVitryToken);

    // INC-2026-0001 (ivry): occurred 08:00, detected 10:00, contained 14:00, closed 2 days after detection.
    incident = (
      await rssi.post('/api/v1/incidents', {
        title: 'Ransomware on the Ivry file server',
        source: 'alert',
        category: 'malware',
        occurredAt: '2026-01-10T08:00:00Z',
        detectedAt: '2026-01-10T10:00:00Z',
        impact: 'high',
        urgency: 'high',
        members: ['ivry'],
      })
    ).body;
    const id = incident.id;
    await rssi.post(`/api/v1/incidents/${id}/status`, { status: 'triage' });
    await rssi.post(`/api/v1/incidents/${id}/decision`, {
      decision: 'incident',
      rationale: 'Files encrypted on a production share',
    });
    await rssi.post(`/api/v1/incidents/${id}/status`, { status: 'investigating' });
    await rssi.post(`/api/v1/incidents/${id}/timeline`, {
      kind: 'observation',
      body: 'Ransom note LOCKBIT found in every share',
    });
    at('2026-01-10T14:00:00Z');
    await rssi.post(`/api/v1/incidents/${id}/status`, {
      status: 'contained',
      note: 'Server isolated from the network',
    });
    await rssi.post(`/api/v1/incidents/${id}/timeline`, {
      kind: 'action',
      body: 'Reimaged the server from the golden image',
    });
    await rssi.post(`/api/v1/incidents/${id}/evidence`, {
      filename: 'ransom-note.txt',
      contentBase64: Buffer.from('Your files are encrypted').toString('base64'),
    });
    await rssi.post(`/api/v1/incidents/${id}/breach`, {
      consortiumAwareAt: '2026-01-10T10:30:00Z',
      nature: 'Encryption of HR documents',
    });
    await rssi.post(`/api/v1/incidents/${id}/breach/notices`, {
      member: 'ivry',
      sentAt: '2026-01-10T11:00:00Z',
      content: 'Notice to the Ivry DPO',
    });
    await rssi.post(`/api/v1/incidents/${id}/breach/risk-assessment`, {
      risk: 'risk',
      rationale: 'Backups intact, no exfiltration seen',
    });
    await rssi.post(`/api/v1/incidents/${id}/breach/notifications`, {
      member: 'ivry',
      phase: 'initial',
      sentAt: '2026-01-11T09:00:00Z',
      nature: 'Ransomware',
      cnilReference: 'CNIL-2026-42',
    });
    await rssi.post(`/api/v1/incidents/${id}/status`, { status: 'eradicated' });
    await rssi.post(`/api/v1/incidents/${id}/status`, { status: 'recovered' });
    await rssi.post('/api/v1/corrective-actions', {
      source: 'incident',
      incident: incident.reference,
      title: 'Offline backups for file servers',
      nonconformity: 'Backups reachable from the domain',
      action: 'Immutable backup repository',
      owner: 'Infra',
      dueDate: '2026-01-20',
    });
    at('2026-01-12T10:00:00Z');
    await rssi.post(`/api/v1/incidents/${id}/status`, {
      status: 'closed',
      rootCause: 'RDP exposed without MFA',
      lessonsLearned: 'Close RDP, enforce MFA',
    });

    // INC-2026-0002 (vitry, February): detected 1 h after it occurred, still open; its title would be a spreadsheet formula.
    at('2026-02-03T09:00:00Z');
    await rssi.post('/api/v1/incidents', {
      title: '=HYPERLINK("http://evil.example") phishing',
      source: 'user_report',
      category: 'phishing',
      occurredAt: '2026-02-03T08:00:00Z',
      members: ['vitry'],
    });
    // An event closed at triage does not count in the metrics.
    const ev = (
      await rssi.post('/api/v1/incidents', {
        title: 'Port scan',
        source: 'alert',
        category: 'other',
        occurredAt: '2026-02-03T00:00:00Z',
        members: ['vitry'],
      })
    ).body;
    await rssi.post(`/api/v1/incidents/${ev.id}/status`, { status: 'triage' });
    await rssi.post(`/api/v1/incidents/${ev.id}/decision`, { decision: 'event', rationale: 'Blocked by the firewall' });
    await rssi.post(`/api/v1/incidents/${ev.id}/status`, { status: 'closed' });
  });
  afterAll(() => t?.close());

  it('gives the report as JSON: timeline by phase, impact, notifications and actions', async () => {
    const r = await rssi.get(`/api/v1/incidents/${incident.reference}/report`);
    expect(r.status).toBe(200);
    expect(r.body.timeline.map((g: { phase: string }) => g.phase)).toEqual([
      'detection',
      'analysis',
      'containment',
      'eradication',
      'recovery',
      'post_incident',
    ]);
    const analysis = r.body.timeline.find((g: { phase: string }) => g.phase === 'analysis');
    expect(analysis.entries.map((e: { body: string }) => e.body)).toContain('Ransom note LOCKBIT found in every share');
    const containment = r.body.timeline
      .find((g: { phase: string }) => g.phase === 'containment')
      .entries.map((e: { body: string }) => e.body);
    expect(containment).toEqual(
      expect.arrayContaining([
        'Reimaged the server from the golden image',
        expect.stringContaining('CNIL notification (initial) for ivry'),
      ]),
    );
    expect(r.body.breach.controllers[0].notifications[0]).toMatchObject({ cnilReference: 'CNIL-2026-42', late: false });
    expect(r.body.correctiveActions.map((a: { title: string }) => a.title)).toEqual([
      'Offline backups for file servers',
    ]);
    expect(r.body.evidence[0].sha256).toBe(createHash('sha256').update('Your files are encrypted').digest('hex'));
    expect(r.body.impact).toMatchObject({ controllers: [] });
    expect((await refVitry.get(`/api/v1/incidents/${incident.reference}/report`)).status).toBe(404);
  });

  it('renders the PDF report, whose text contains the timeline', async () => {
    const r = await raw(`/api/v1/incidents/${incident.id}/report/pdf`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.headers.get('x-content-sha256')).toBe(createHash('sha256').update(r.body).digest('hex'));
    const parser = new PDFParse({ data: new Uint8Array(r.body) });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    for (const s of [
      'Incident report INC-2026-0001',
      'Timeline',
      'Detection and triage',
      'Analysis',
      'Containment',
      'Post-incident',
      'Ransom note LOCKBIT found in every share',
      'Reimaged the server from the golden image',
      'Status contained -> eradicated',
      'Classified as an information security incident: Files encrypted on a production share',
      'CNIL-2026-42',
      'Offline backups for file servers',
      'RDP exposed without MFA',
    ])
      expect({ s, found: text.includes(s) }).toEqual({ s, found: true });
    // Phases appear in order.
    expect(text.indexOf('Ransom note LOCKBIT')).toBeLessThan(text.indexOf('Reimaged the server'));
    const audit = await rssi.get('/api/v1/audit?action=incident.report_generated');
    expect(
      audit.body.records.some(
        (x: { changes: { details: { sha256: string } } }) =>
          x.changes.details.sha256 === r.headers.get('x-content-sha256'),
      ),
    ).toBe(true);
  });

  it('exports the incident log as CSV, neutralising formulas', async () => {
    const r = await raw('/api/v1/incident-reports/log?format=csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    const lines = r.body.toString('utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^reference,title,status,category,severity/);
    expect(lines).toHaveLength(4);
    const first = lines.find((l) => l.startsWith('INC-2026-0001'))!;
    expect(first).toContain('Ransomware on the Ivry file server,closed,malware,critical');
    expect(first).toContain(',true,true,RDP exposed without MFA'); // personal data suspected, breach
    expect(lines.find((l) => l.startsWith('INC-2026-0002'))).toContain(
      `"'=HYPERLINK(""http://evil.example"") phishing"`,
    );
    const mine = (await raw('/api/v1/incident-reports/log', refVitryToken)).body.toString();
    expect(mine).not.toContain('INC-2026-0001');
  });

  it('exports the incident log as XLSX', async () => {
    const r = await raw('/api/v1/incident-reports/log?format=xlsx&category=malware');
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Incident log')!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(1).getCell(1).value).toBe('reference');
    expect(ws.getRow(2).getCell(1).value).toBe('INC-2026-0001');
    expect(ws.getRow(2).getCell(5).value).toBe('critical');
    expect((await raw('/api/v1/incident-reports/log?format=pdf')).status).toBe(400);
  });

  it('computes MTTD, MTTC, MTTR, monthly counts by category and member, and overdue actions', async () => {
    const m = (await rssi.get('/api/v1/incident-reports/metrics')).body;
    expect(m.meanTimeToDetectHours).toEqual({ hours: 1.5, count: 2 });
    expect(m.meanTimeToContainHours).toEqual({ hours: 4, count: 1 });
    expect(m.meanTimeToCloseHours).toEqual({ hours: 48, count: 1 });
    expect(m.incidents).toBe(2);
    expect(m.perMonthByCategory).toEqual({ '2026-01': { malware: 1 }, '2026-02': { phishing: 1 } });
    expect(m.perMonthByMember).toEqual({ '2026-01': { ivry: 1 }, '2026-02': { vitry: 1 } });
    expect(m.actionsOverdue).toMatchObject({
      count: 1,
      actions: [{ title: 'Offline backups for file servers', incident: 'INC-2026-0001' }],
    });
    const mine = (await refVitry.get('/api/v1/incident-reports/metrics')).body;
    expect(mine.perMonthByMember).toEqual({ '2026-02': { vitry: 1 } });
    expect(mine.actionsOverdue.count).toBe(0);
  });
});
