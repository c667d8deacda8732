import { IsmsClock } from '@vigie/registry/incidents/isms-clock';
import { ADMIN_PASSWORD, ApiClient, startEmbeddedApp, TestApp, USER_PASSWORD } from '@vigie/testing';

/** Corrective actions (ISO 27001 10.2): effectiveness review before closing, overdue list, scope. */
describe('corrective actions (embedded)', () => {
  let t: TestApp;
  let rssi: ApiClient;
  let refVitry: ApiClient;
  let incident: { id: string; reference: string };

  beforeAll(async () => {
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    t = await startEmbeddedApp();
    jest.spyOn(t.app.get(IsmsClock), 'now').mockImplementation(() => new Date('2026-03-05T12:00:00Z'));
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
    rssi = await anon.login('rssi', USER_PASSWORD);
    refVitry = await anon.login('ref-vitry', USER_PASSWORD);
    incident = (
      await rssi.post('/api/v1/incidents', {
        title: 'Webmail account takeover',
        source: 'user_report',
        category: 'phishing',
        members: ['vitry'],
      })
    ).body;
  });
  afterAll(() => t?.close());

  const action = {
    title: 'Enforce MFA on webmail',
    nonconformity: 'Webmail accessible with a password only',
    correction: 'Reset the stolen password',
    rootCause: 'No second factor',
    action: 'Roll out TOTP MFA to every agent',
    owner: 'Pôle infrastructure',
  };

  it('needs the incident when the source is an incident, and links to it', async () => {
    const missing = await rssi.post('/api/v1/corrective-actions', { ...action, source: 'incident' });
    expect(missing.status).toBe(422);
    expect(missing.body.fields).toEqual([{ field: 'incident', problem: expect.any(String) }]);
    const r = await rssi.post('/api/v1/corrective-actions', {
      ...action,
      source: 'incident',
      incident: incident.reference,
      dueDate: '2026-03-01',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ incident: incident.reference, status: 'open', overdue: true, review: null });
    const tl = await rssi.get(`/api/v1/incidents/${incident.id}/timeline`);
    expect(
      tl.body.some((e: { kind: string; body: string }) => e.kind === 'action' && e.body.includes('Enforce MFA')),
    ).toBe(true);
  });

  it('cannot close an action without its effectiveness review', async () => {
    const a = (
      await rssi.post('/api/v1/corrective-actions', {
        ...action,
        source: 'audit',
        member: 'ivry',
        title: 'Audit finding: shared admin accounts',
        dueDate: '2026-04-30',
      })
    ).body;
    const url = `/api/v1/corrective-actions/${a.id}`;
    const skip = await rssi.post(`${url}/status`, { status: 'closed' });
    expect(skip.status).toBe(409);
    expect(skip.body.allowed).toEqual(['in_progress', 'implemented', 'cancelled']);
    expect(
      (
        await rssi.post(`${url}/review`, {
          date: '2026-03-04',
          method: 'Sample of 20 accounts',
          result: 'effective',
          reviewer: 'RSSI',
        })
      ).status,
    ).toBe(409);
    expect((await rssi.post(`${url}/status`, { status: 'implemented' })).status).toBe(200);
    const noReview = await rssi.post(`${url}/status`, { status: 'closed' });
    expect(noReview.status).toBe(422);
    expect(noReview.body.code).toBe('review_required');
    const bad = await rssi.post(`${url}/review`, {
      date: '2026-03-04',
      method: 'Sample of 20 accounts',
      result: 'ineffective',
      reviewer: 'RSSI',
      notes: '3 shared accounts left',
    });
    expect(bad.body.review).toMatchObject({ result: 'ineffective', reviewer: 'RSSI', date: '2026-03-04' });
    expect((await rssi.post(`${url}/status`, { status: 'closed' })).body.code).toBe('review_ineffective');
    const back = await rssi.post(`${url}/status`, { status: 'in_progress' });
    expect(back.body.review).toBeNull();
    await rssi.post(`${url}/status`, { status: 'implemented' });
    await rssi.post(`${url}/review`, {
      date: '2026-03-05',
      method: 'Full account inventory',
      result: 'effective',
      reviewer: 'RSSI',
    });
    const closed = await rssi.post(`${url}/status`, { status: 'closed' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      review: { result: 'effective', method: 'Full account inventory' },
      allowedNextStates: [],
    });
    expect((await rssi.patch(url, { owner: 'someone else' })).status).toBe(409);
  });

  it('lists overdue actions against the clock, and scopes them', async () => {
    await rssi.post('/api/v1/corrective-actions', {
      ...action,
      source: 'review',
      member: 'ivry',
      title: 'Patch VPN appliance',
      dueDate: '2026-02-15',
    });
    await rssi.post('/api/v1/corrective-actions', {
      ...action,
      source: 'other',
      title: 'Consortium-wide backup test',
      dueDate: '2026-03-20',
    });
    const overdue = await rssi.get('/api/v1/corrective-actions/overdue');
    expect(overdue.body.map((a: { title: string }) => a.title)).toEqual([
      'Patch VPN appliance',
      'Enforce MFA on webmail',
    ]);
    const notOverdue = await rssi.get('/api/v1/corrective-actions?overdue=false');
    expect(notOverdue.body.map((a: { title: string }) => a.title)).toEqual(
      expect.arrayContaining(['Consortium-wide backup test']),
    );
    const mine = await refVitry.get('/api/v1/corrective-actions');
    expect(mine.body.map((a: { title: string }) => a.title)).toEqual(['Enforce MFA on webmail']);
    const ivryAction = overdue.body[0];
    expect((await refVitry.get(`/api/v1/corrective-actions/${ivryAction.id}`)).status).toBe(404);
    expect(
      (await refVitry.post(`/api/v1/corrective-actions/${ivryAction.id}/status`, { status: 'cancelled' })).status,
    ).toBe(403);
  });
});
