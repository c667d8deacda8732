import { IsmsClock } from '@vigie/registry/incidents/isms-clock';
import { ADMIN_PASSWORD, ApiClient, startEmbeddedApp, TestApp, USER_PASSWORD } from '@vigie/testing';

/**
 * The personal data breach workflow with a frozen clock: four controllers, one
 * overdue, one notified late, one still within its 72 h, one with no risk.
 */
describe('personal data breach: 72 h per controller and breach registers (embedded)', () => {
  let t: TestApp;
  let rssi: ApiClient;
  let dpo: ApiClient;
  let refIvry: ApiClient;
  let incident: { id: string; reference: string };
  const NOW = new Date('2026-03-05T12:00:00Z');

  beforeAll(async () => {
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    t = await startEmbeddedApp();
    jest.spyOn(t.app.get(IsmsClock), 'now').mockImplementation(() => new Date(NOW));
    const anon = new ApiClient(t.baseUrl);
    const admin = await anon.login('admin', ADMIN_PASSWORD);
    for (const code of ['arcueil', 'gentilly', 'ivry', 'vitry'])
      await admin.post('/api/v1/members', { code, name: code, type: 'city' });
    await admin.post('/api/v1/users', { username: 'rssi', password: USER_PASSWORD, roles: ['rssi'] });
    await admin.post('/api/v1/users', { username: 'dpo', password: USER_PASSWORD, roles: ['dpo'] });
    await admin.post('/api/v1/users', {
      username: 'ref-ivry',
      password: USER_PASSWORD,
      roles: ['referent'],
      memberScopes: ['ivry'],
    });
    rssi = await anon.login('rssi', USER_PASSWORD);
    dpo = await anon.login('dpo', USER_PASSWORD);
    refIvry = await anon.login('ref-ivry', USER_PASSWORD);
    const r = await rssi.post('/api/v1/incidents', {
      title: 'Ransomware on the shared HR file server',
      source: 'alert',
      category: 'malware',
      detectedAt: '2026-03-02T07:30:00Z',
      confidentiality: 'high',
      availability: 'high',
      urgency: 'high',
      members: ['ivry', 'vitry'],
    });
    expect(r.status).toBe(201);
    incident = r.body;
  });
  afterAll(() => t?.close());

  const path = (s = '') => `/api/v1/incidents/${incident.id}/breach${s}`;

  it('opens the breach with the consortium’s awareness; controllers default to the affected members', async () => {
    expect((await dpo.get(path())).status).toBe(404);
    const r = await dpo.post(path(), {
      consortiumAwareAt: '2026-03-02T08:00:00Z',
      nature: 'Payslips encrypted, exfiltration suspected',
      subjectsApprox: 900,
    });
    expect(r.status).toBe(201);
    expect(r.body.controllers.map((c: { member: string }) => c.member)).toEqual(['ivry', 'vitry']);
    expect(r.body.controllers[0].deadline.state).toBe('awaiting_awareness');
    expect((await dpo.post(path(), { consortiumAwareAt: '2026-03-02T08:00:00Z', nature: 'again' })).status).toBe(409);
  });

  it('records processor → controller notices; each controller’s deadline is its awareness + 72 h', async () => {
    const notices = [
      ['ivry', '2026-03-02T09:00:00Z'],
      ['vitry', '2026-03-02T10:00:00Z'],
      ['gentilly', '2026-03-03T08:00:00Z'],
      ['arcueil', '2026-03-04T08:00:00Z'],
    ];
    for (const [member, sentAt] of notices) {
      const r = await rssi.post(path('/notices'), {
        member,
        sentAt,
        channel: 'email to the DPO',
        content: `Breach notice to ${member}: HR file server encrypted`,
      });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ member, sentBy: 'rssi', sentAt: new Date(sentAt).toISOString() });
    }
    // Arcueil's DPO only read it the next morning.
    const aw = await dpo.request('PUT', path('/controllers/arcueil/awareness'), { awareAt: '2026-03-04T09:30:00Z' });
    expect(aw.status).toBe(200);
    const b = (await dpo.get(path())).body;
    const byMember = Object.fromEntries(b.controllers.map((c: { member: string }) => [c.member, c]));
    expect(byMember.ivry.deadline).toMatchObject({
      deadline: '2026-03-05T09:00:00.000Z',
      state: 'overdue',
      countdown: '-03:00',
    });
    expect(byMember.vitry.deadline).toMatchObject({ deadline: '2026-03-05T10:00:00.000Z', state: 'overdue' });
    expect(byMember.gentilly.deadline).toMatchObject({
      deadline: '2026-03-06T08:00:00.000Z',
      state: 'pending',
      countdown: '20:00',
    });
    expect(byMember.arcueil.deadline).toMatchObject({
      awareAt: '2026-03-04T09:30:00.000Z',
      deadline: '2026-03-07T09:30:00.000Z',
      remainingMs: 45.5 * 3_600_000,
    });
    expect(
      (await dpo.request('PUT', path('/controllers/villejuif/awareness'), { awareAt: '2026-03-04T09:30:00Z' })).status,
    ).toBe(404);
  });

  it('decides CNIL notification and data-subject communication from the risk assessment', async () => {
    const high = await dpo.post(path('/risk-assessment'), {
      risk: 'high',
      rationale: 'Payslips: bank details and NIR',
      members: ['ivry', 'vitry', 'arcueil'],
    });
    expect(high.status).toBe(200);
    const none = await dpo.post(path('/risk-assessment'), {
      risk: 'none',
      rationale: 'Gentilly files were encrypted at rest and the key is safe',
      encrypted: true,
      members: ['gentilly'],
    });
    const c = Object.fromEntries(none.body.controllers.map((x: { member: string }) => [x.member, x]));
    expect(c.ivry.decision).toMatchObject({ cnilNotificationRequired: true, subjectCommunication: 'required' });
    expect(c.gentilly.decision).toMatchObject({
      cnilNotificationRequired: false,
      subjectCommunication: 'not_required',
    });
    expect(c.gentilly.deadline.state).toBe('not_required');
    const exempt = await dpo.post(path('/risk-assessment'), {
      risk: 'high',
      rationale: 'Hashes only',
      disproportionateEffort: true,
      members: ['arcueil'],
    });
    expect(
      exempt.body.controllers.find((x: { member: string }) => x.member === 'arcueil').decision.subjectCommunication,
    ).toBe('public_communication');
    expect(
      (await dpo.post(path('/risk-assessment'), { risk: 'high', rationale: 'not ours', members: ['villejuif'] }))
        .status,
    ).toBe(422);
  });

  it('requires the Art. 33(3) contents, allows phased notifications and requires reasons when late', async () => {
    const incomplete = await dpo.post(path('/notifications'), {
      member: 'arcueil',
      phase: 'complete',
      sentAt: '2026-03-04T15:00:00Z',
      nature: 'Ransomware',
    });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.fields.map((f: { field: string }) => f.field)).toEqual([
      'subjectsApprox',
      'recordsApprox',
      'dpoContact',
      'consequences',
      'measures',
    ]);
    const initial = await dpo.post(path('/notifications'), {
      member: 'arcueil',
      phase: 'initial',
      sentAt: '2026-03-04T15:00:00Z',
      nature: 'Ransomware',
      cnilReference: 'NOT-ARC-1',
    });
    expect(initial.status).toBe(201);
    expect(initial.body.late).toBe(false);
    const complete = await dpo.post(path('/notifications'), {
      member: 'arcueil',
      phase: 'complete',
      sentAt: '2026-03-05T11:00:00Z',
      subjectsApprox: 120,
      recordsApprox: 480,
      dpoContact: 'dpo@arcueil.fr',
      consequences: 'Identity theft, bank fraud',
      measures: 'Restored from backups, passwords reset',
    });
    expect(complete.status).toBe(201);
    const late = await dpo.post(path('/notifications'), {
      member: 'vitry',
      phase: 'initial',
      sentAt: '2026-03-05T11:30:00Z',
      nature: 'Ransomware on HR payslips',
    });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({
      code: 'incomplete_notification',
      late: true,
      deadline: '2026-03-05T10:00:00.000Z',
      fields: [{ field: 'lateJustification' }],
    });
    const justified = await dpo.post(path('/notifications'), {
      member: 'vitry',
      phase: 'initial',
      sentAt: '2026-03-05T11:30:00Z',
      nature: 'Ransomware on HR payslips',
      cnilReference: 'NOT-VIT-1',
      lateJustification: 'The controller’s DPO could not be reached before Thursday',
    });
    expect(justified.status).toBe(201);
    expect(justified.body.late).toBe(true);
    expect(
      (
        await dpo.post(path('/notifications'), {
          member: 'villejuif',
          phase: 'initial',
          sentAt: '2026-03-05T11:30:00Z',
          nature: 'x',
        })
      ).status,
    ).toBe(422);
  });

  it('lists the deadlines with the overdue first', async () => {
    const r = await dpo.get('/api/v1/incidents/breaches/deadlines');
    expect(r.status).toBe(200);
    expect(r.body.map((d: { member: string; state: string }) => `${d.member}:${d.state}`)).toEqual([
      'ivry:overdue',
      'vitry:notified_late',
      'arcueil:notified',
      'gentilly:not_required',
    ]);
    expect(r.body[0]).toMatchObject({ incident: incident.reference, countdown: '-03:00', risk: 'high' });
    expect(r.body[1].lateByMs).toBe(1.5 * 3_600_000);
    // A referent sees their own member only.
    const mine = await refIvry.get('/api/v1/incidents/breaches/deadlines');
    expect(mine.body.map((d: { member: string }) => d.member)).toEqual(['ivry']);
    const view = await refIvry.get(path());
    expect(view.body.controllers.map((c: { member: string }) => c.member)).toEqual(['ivry']);
  });

  it('shows the breach in every controller’s register, notified or not, with the reason', async () => {
    const reg = async (m: string) => (await dpo.get(`/api/v1/members/${m}/breach-register`)).body.entries;
    const [ivry] = await reg('ivry');
    expect(ivry).toMatchObject({
      incident: incident.reference,
      notified: false,
      risk: 'high',
      notNotifiedReason: 'Notification required and overdue',
    });
    const [vitry] = await reg('vitry');
    expect(vitry).toMatchObject({
      notified: true,
      late: true,
      firstNotifiedAt: '2026-03-05T11:30:00.000Z',
      lateJustification: expect.stringContaining('DPO'),
    });
    const [gentilly] = await reg('gentilly');
    expect(gentilly).toMatchObject({ notified: false, cnilNotificationRequired: false });
    expect(gentilly.notNotifiedReason).toContain('encrypted at rest');
    const [arcueil] = await reg('arcueil');
    expect(arcueil).toMatchObject({
      notified: true,
      late: false,
      subjectsApprox: 120,
      effects: 'Identity theft, bank fraud',
      subjectCommunication: 'public_communication',
    });
    expect(arcueil.notifications.map((n: { phase: string }) => n.phase)).toEqual(['initial', 'complete']);
    expect(await reg('villejuif')).toBeUndefined();
    expect((await refIvry.get('/api/v1/members/ivry/breach-register')).body.entries).toHaveLength(1);
    expect((await refIvry.get('/api/v1/members/vitry/breach-register')).status).toBe(404);
  });

  it('records the communication to data subjects and puts every step on the timeline', async () => {
    const r = await dpo.post(path('/controllers/ivry/subject-communication'), {
      sentAt: '2026-03-05T11:00:00Z',
      method: 'letter',
      content: 'We inform you that...',
    });
    expect(r.status).toBe(200);
    expect(r.body.controllers.find((c: { member: string }) => c.member === 'ivry').subjectCommunication).toMatchObject({
      method: 'letter',
    });
    const tl = (await rssi.get(`/api/v1/incidents/${incident.id}/timeline`)).body.map(
      (e: { kind: string; body: string }) => `${e.kind}: ${e.body}`,
    );
    expect(tl.filter((l: string) => l.startsWith('communication: Processor notice'))).toHaveLength(4);
    expect(tl.some((l: string) => l.includes('CNIL notification (initial) for vitry, reference NOT-VIT-1, late'))).toBe(
      true,
    );
    expect(tl.some((l: string) => l.startsWith('decision: Risk assessment for gentilly: none'))).toBe(true);
  });
});
