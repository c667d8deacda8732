import { createHash } from 'node:crypto';
import { ADMIN_PASSWORD, ApiClient, startEmbeddedApp, TestApp, USER_PASSWORD } from '@vigie/testing';

/** The incident log: references, severity, lifecycle, links, timeline, evidence and scope. */
describe('incidents (embedded)', () => {
  let t: TestApp;
  let admin: ApiClient;
  let rssi: ApiClient;
  let rssiToken: string;
  let refIvry: ApiClient;
  let auditor: ApiClient;

  beforeAll(async () => {
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    t = await startEmbeddedApp();
    const anon = new ApiClient(t.baseUrl);
    admin = await anon.login('admin', ADMIN_PASSWORD);
    for (const code of ['ivry', 'vitry'])
      expect((await admin.post('/api/v1/members', { code, name: code, type: 'city' })).status).toBe(201);
    await admin.post('/api/v1/users', { username: 'rssi', password: USER_PASSWORD, roles: ['rssi'] });
    await admin.post('/api/v1/users', {
      username: 'ref-ivry',
      password: USER_PASSWORD,
      roles: ['referent'],
      memberScopes: ['ivry'],
    });
    await admin.post('/api/v1/users', { username: 'auditor', password: USER_PASSWORD, roles: ['auditor'] });
    const login = await anon.post('/api/v1/auth/login', { username: 'rssi', password: USER_PASSWORD });
    rssiToken = login.body.accessToken;
    rssi = anon.withToken(rssiToken);
    refIvry = await anon.login('ref-ivry', USER_PASSWORD);
    auditor = await anon.login('auditor', USER_PASSWORD);
  });
  afterAll(() => t?.close());

  const base = {
    title: 'Phishing campaign against town hall mailboxes',
    source: 'user_report',
    category: 'phishing',
    detectedAt: '2026-02-10T08:00:00Z',
  };

  it('numbers incidents INC-YYYY-NNNN per year of detection and computes severity from impact × urgency', async () => {
    const a = await rssi.post('/api/v1/incidents', { ...base, impact: 'high', urgency: 'high', members: ['ivry'] });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ reference: 'INC-2026-0001', severity: 'critical', status: 'new', reporter: 'rssi' });
    const b = await rssi.post('/api/v1/incidents', {
      ...base,
      confidentiality: 'medium',
      availability: 'low',
      urgency: 'low',
      members: ['vitry'],
    });
    expect(b.body).toMatchObject({
      reference: 'INC-2026-0002',
      impact: 'medium',
      severity: 'low',
      cia: { confidentiality: 'medium', integrity: 'none', availability: 'low' },
    });
    const c = await rssi.post('/api/v1/incidents', { ...base, detectedAt: '2025-12-31T23:00:00Z' });
    expect(c.body.reference).toBe('INC-2025-0001');
    expect((await rssi.get('/api/v1/incidents/INC-2026-0002')).body.id).toBe(b.body.id);
  });

  it('validates bodies and unknown members', async () => {
    const bad = await rssi.post('/api/v1/incidents', { title: 'x', source: 'rumour', category: 'phishing' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['source', 'title']);
    const unknown = await rssi.post('/api/v1/incidents', { ...base, members: ['ivry', 'nowhere'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'unknown_member', fields: [{ field: 'members[1]' }] });
    const order = await rssi.post('/api/v1/incidents', { ...base, occurredAt: '2026-02-11T00:00:00Z' });
    expect(order.status).toBe(422);
  });

  it('walks the lifecycle: 409 names the allowed next states, the decision and closing rules give 422', async () => {
    const inc = (await rssi.post('/api/v1/incidents', { ...base, members: ['ivry'] })).body;
    const skip = await rssi.post(`/api/v1/incidents/${inc.id}/status`, { status: 'contained' });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ code: 'invalid_transition', allowed: ['triage'] });
    expect(skip.body.message).toContain('triage');
    expect((await rssi.post(`/api/v1/incidents/${inc.id}/status`, { status: 'triage' })).status).toBe(200);
    const undecided = await rssi.post(`/api/v1/incidents/${inc.id}/status`, { status: 'investigating' });
    expect(undecided.status).toBe(422);
    expect(undecided.body.code).toBe('decision_required');
    const decided = await rssi.post(`/api/v1/incidents/${inc.id}/decision`, {
      decision: 'incident',
      rationale: 'Credentials were entered on the fake page',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.decision).toMatchObject({
      decision: 'incident',
      by: 'rssi',
      rationale: 'Credentials were entered on the fake page',
    });
    expect(decided.body.allowedNextStates).toEqual(['investigating']);
    for (const status of ['investigating', 'contained', 'eradicated', 'recovered'])
      expect((await rssi.post(`/api/v1/incidents/${inc.id}/status`, { status })).status).toBe(200);
    const late = await rssi.post(`/api/v1/incidents/${inc.id}/decision`, { decision: 'event', rationale: 'too late' });
    expect(late.status).toBe(409);
    const close = await rssi.post(`/api/v1/incidents/${inc.id}/status`, {
      status: 'closed',
      rootCause: 'No MFA on webmail',
    });
    expect(close.status).toBe(422);
    expect(close.body).toMatchObject({ code: 'close_requirements', fields: [{ field: 'lessonsLearned' }] });
    const closed = await rssi.post(`/api/v1/incidents/${inc.id}/status`, {
      status: 'closed',
      rootCause: 'No MFA on webmail',
      lessonsLearned: 'Enforce MFA',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', rootCause: 'No MFA on webmail', allowedNextStates: [] });
    expect(closed.body.containedAt).not.toBeNull();
    expect(closed.body.closedAt).not.toBeNull();
    const again = await rssi.post(`/api/v1/incidents/${inc.id}/status`, { status: 'new' });
    expect(again.status).toBe(409);
    expect(again.body.allowed).toEqual([]);
  });

  it('closes an event at triage on the decision alone', async () => {
    const inc = (await rssi.post('/api/v1/incidents', { ...base, title: 'Port scan from the Internet' })).body;
    await rssi.post(`/api/v1/incidents/${inc.id}/status`, { status: 'triage' });
    await rssi.post(`/api/v1/incidents/${inc.id}/decision`, {
      decision: 'event',
      rationale: 'Blocked at the firewall, no impact',
    });
    const r = await rssi.post(`/api/v1/incidents/${inc.id}/status`, { status: 'closed' });
    expect(r.status).toBe(200);
    const tl = await rssi.get(`/api/v1/incidents/${inc.id}/timeline`);
    expect(tl.body.map((e: { kind: string; phase: string }) => `${e.kind}/${e.phase}`)).toEqual([
      'observation/detection',
      'decision/detection',
      'decision/detection',
      'decision/post_incident',
    ]);
  });

  it('keeps an append-only timeline: corrections are new entries', async () => {
    const inc = (await rssi.post('/api/v1/incidents', { ...base, members: ['ivry'] })).body;
    const first = await rssi.post(`/api/v1/incidents/${inc.id}/timeline`, {
      kind: 'observation',
      body: 'Mail seen by 40 agents',
      occurredAt: '2026-02-10T08:05:00Z',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      seq: 2,
      author: 'rssi',
      phase: 'detection',
      occurredAt: '2026-02-10T08:05:00.000Z',
    });
    const fix = await rssi.post(`/api/v1/incidents/${inc.id}/timeline`, {
      kind: 'observation',
      body: 'Correction: 14 agents',
      corrects: first.body.id,
    });
    expect(fix.body).toMatchObject({ seq: 3, corrects: first.body.id });
    const stranger = await rssi.post(`/api/v1/incidents/${inc.id}/timeline`, {
      kind: 'action',
      body: 'x',
      corrects: '00000000-0000-4000-8000-000000000000',
    });
    expect(stranger.status).toBe(422);
    expect(
      (await rssi.request('PATCH', `/api/v1/incidents/${inc.id}/timeline/${first.body.id}`, { body: 'edited' })).status,
    ).toBe(404);
    expect((await rssi.delete(`/api/v1/incidents/${inc.id}/timeline/${first.body.id}`)).status).toBe(404);
    expect((await rssi.post(`/api/v1/incidents/${inc.id}/timeline`, { kind: 'gossip', body: 'x' })).status).toBe(400);
    const list = await refIvry.get(`/api/v1/incidents/${inc.id}/timeline`);
    expect(list.body.map((e: { body: string }) => e.body)).toEqual([
      expect.stringContaining('Incident recorded'),
      'Mail seen by 40 agents',
      'Correction: 14 agents',
    ]);
    // The database refuses edits too.
    const ds = t.app.get((await import('typeorm')).DataSource);
    await expect(
      ds.query('UPDATE vigie_incident_timeline SET body = $1 WHERE id = $2', ['tampered', first.body.id]),
    ).rejects.toThrow(/append-only/);
    expect((await auditor.post(`/api/v1/incidents/${inc.id}/timeline`, { kind: 'action', body: 'x' })).status).toBe(
      403,
    );
  });

  it('stores evidence with its SHA-256, uploader and time, from multipart or base64 JSON; 413 over the limit', async () => {
    const inc = (await rssi.post('/api/v1/incidents', { ...base, members: ['ivry'] })).body;
    const bytes = Buffer.from('Received: from mx.evil.example\r\nSubject: Votre mot de passe expire\r\n\r\n');
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'message/rfc822' }), 'phish.eml');
    form.append('description', 'Original message with headers');
    const up = await fetch(`${t.baseUrl}/api/v1/incidents/${inc.id}/evidence`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rssiToken}` },
      body: form,
    });
    expect(up.status).toBe(201);
    const ev = (await up.json()) as { id: string; sha256: string };
    expect(ev).toMatchObject({
      filename: 'phish.eml',
      contentType: 'message/rfc822',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      uploadedBy: 'rssi',
      description: 'Original message with headers',
    });
    const json = await rssi.post(`/api/v1/incidents/${inc.id}/evidence`, {
      filename: 'fw.csv',
      contentType: 'text/csv',
      contentBase64: Buffer.from('a,b\n1,2\n').toString('base64'),
    });
    expect(json.status).toBe(201);
    expect(json.body.sha256).toBe(createHash('sha256').update('a,b\n1,2\n').digest('hex'));
    const dl = await fetch(`${t.baseUrl}/api/v1/incidents/${inc.id}/evidence/${ev.id}/content`, {
      headers: { authorization: `Bearer ${rssiToken}` },
    });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('x-content-sha256')).toBe(ev.sha256);
    expect(Buffer.from(await dl.arrayBuffer()).equals(bytes)).toBe(true);
    const big = new FormData();
    big.append('file', new Blob([Buffer.alloc(10 * 1024 * 1024 + 1, 1)]), 'disk.img');
    const tooBig = await fetch(`${t.baseUrl}/api/v1/incidents/${inc.id}/evidence`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rssiToken}` },
      body: big,
    });
    expect(tooBig.status).toBe(413);
    const bigJson = await rssi.post(`/api/v1/incidents/${inc.id}/evidence`, {
      filename: 'x.bin',
      contentBase64: Buffer.alloc(2 * 1024 * 1024).toString('base64'),
    });
    expect(bigJson.status).toBe(413);
    const list = await rssi.get(`/api/v1/incidents/${inc.id}/evidence`);
    expect(list.body.map((e: { filename: string }) => e.filename)).toEqual(['phish.eml', 'fw.csv']);
    const tl = await rssi.get(`/api/v1/incidents/${inc.id}/timeline`);
    expect(
      tl.body.filter((e: { kind: string }) => e.kind === 'evidence').map((e: { evidenceId: string }) => e.evidenceId),
    ).toEqual([ev.id, json.body.id]);
    const missing = await rssi.post(`/api/v1/incidents/${inc.id}/evidence`, { description: 'nothing' });
    expect(missing.status).toBe(400);
  });

  it('links members, applications, hosts and alerts, and scopes reads to the affected members', async () => {
    const inc = (await rssi.post('/api/v1/incidents', { ...base, title: 'Vitry only', members: ['vitry'] })).body;
    expect((await refIvry.get(`/api/v1/incidents/${inc.id}`)).status).toBe(404);
    expect((await refIvry.get(`/api/v1/incidents/${inc.id}/timeline`)).status).toBe(404);
    expect((await refIvry.get('/api/v1/incidents')).body.map((i: { title: string }) => i.title)).not.toContain(
      'Vitry only',
    );
    const linked = await rssi.post(`/api/v1/incidents/${inc.id}/links`, {
      members: ['ivry'],
      hosts: ['srv-rh01'],
      alerts: ['alert-123'],
    });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({
      hosts: ['srv-rh01'],
      alerts: ['alert-123'],
      members: [
        { member: 'ivry', manual: true },
        { member: 'vitry', manual: true },
      ],
    });
    expect((await refIvry.get(`/api/v1/incidents/${inc.id}`)).status).toBe(200);
    expect((await refIvry.get('/api/v1/incidents?member=ivry')).body.map((i: { title: string }) => i.title)).toContain(
      'Vitry only',
    );
    expect((await refIvry.post(`/api/v1/incidents/${inc.id}/links`, { alerts: ['x'] })).status).toBe(403);
    const un = await rssi.delete(`/api/v1/incidents/${inc.id}/links/members/ivry`);
    expect(un.status).toBe(200);
    expect((await refIvry.get(`/api/v1/incidents/${inc.id}`)).status).toBe(404);
    expect((await rssi.delete(`/api/v1/incidents/${inc.id}/links/alerts/nope`)).status).toBe(404);
    expect((await rssi.delete(`/api/v1/incidents/${inc.id}/links/planets/mars`)).status).toBe(400);
  });
});
