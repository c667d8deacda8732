import { ADMIN_PASSWORD, ApiClient, startEmbeddedApp, TestApp, USER_PASSWORD } from '@vigie/testing';

/**
 * The impact derived from the GDPR registry: an incident on an application
 * used by two members derives both controllers, their processing activities
 * and the sensitive categories at stake.
 */
describe('incident impact from the GDPR registry (embedded)', () => {
  let t: TestApp;
  let rssi: ApiClient;
  let dpo: ApiClient;
  let refIvry: ApiClient;
  let refGentilly: ApiClient;
  let hr: { id: string };
  let family: { id: string };

  beforeAll(async () => {
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    t = await startEmbeddedApp();
    const anon = new ApiClient(t.baseUrl);
    const admin = await anon.login('admin', ADMIN_PASSWORD);
    for (const code of ['gentilly', 'ivry', 'vitry'])
      expect((await admin.post('/api/v1/members', { code, name: code, type: 'city' })).status).toBe(201);
    await admin.post('/api/v1/users', { username: 'rssi', password: USER_PASSWORD, roles: ['rssi'] });
    await admin.post('/api/v1/users', { username: 'dpo', password: USER_PASSWORD, roles: ['dpo'] });
    await admin.post('/api/v1/users', {
      username: 'ref-ivry',
      password: USER_PASSWORD,
      roles: ['referent'],
      memberScopes: ['ivry'],
    });
    await admin.post('/api/v1/users', {
      username: 'ref-gentilly',
      password: USER_PASSWORD,
      roles: ['referent'],
      memberScopes: ['gentilly'],
    });
    rssi = await anon.login('rssi', USER_PASSWORD);
    dpo = await anon.login('dpo', USER_PASSWORD);
    refIvry = await anon.login('ref-ivry', USER_PASSWORD);
    refGentilly = await anon.login('ref-gentilly', USER_PASSWORD);

    const app1 = await dpo.post('/api/v1/applications', {
      name: 'SIRH mutualisé',
      vendor: 'Berger-Levrault',
      domain: 'RH',
      hosts: [{ hostname: 'srv-rh01.siim94.local', ip: '10.20.4.17' }],
      members: ['ivry', 'vitry'],
      dataCategories: [{ code: 'identity' }],
      dataSubjects: [{ code: 'agents' }],
    });
    expect(app1.status).toBe(201);
    hr = app1.body;
    const app2 = await dpo.post('/api/v1/applications', {
      name: 'Portail famille',
      domain: 'Enfance',
      hosts: [{ hostname: 'srv-famille.siim94.local', ip: '10.20.5.2' }],
      members: ['gentilly'],
      dataCategories: [{ code: 'identity' }],
      dataSubjects: [{ code: 'children' }],
    });
    expect(app2.status).toBe(201);
    family = app2.body;
    const activity = async (member: string, body: Record<string, unknown>) => {
      const r = await dpo.post(`/api/v1/members/${member}/processing-activities`, body);
      expect({ member, status: r.status, body: r.status === 201 ? null : r.body }).toEqual({
        member,
        status: 201,
        body: null,
      });
      return r.body;
    };
    await activity('ivry', {
      name: 'Paie des agents',
      purposes: ['Calcul et versement des salaires'],
      legalBasis: 'legal_obligation',
      dataSubjects: [{ code: 'agents' }],
      dataCategories: [{ code: 'identity' }, { code: 'economic_financial' }, { code: 'nir' }],
      applicationIds: [hr.id],
    });
    await activity('vitry', {
      name: 'Suivi de la médecine professionnelle',
      purposes: ['Aptitude des agents'],
      legalBasis: 'legal_obligation',
      art9Condition: 'employment_social_protection',
      dataSubjects: [{ code: 'agents' }],
      dataCategories: [{ code: 'identity' }, { code: 'health' }],
      applicationIds: [hr.id],
    });
    await activity('vitry', {
      name: 'Procédures disciplinaires',
      purposes: ['Gestion des sanctions'],
      legalBasis: 'legal_obligation',
      dataSubjects: [{ code: 'agents' }],
      dataCategories: [{ code: 'identity' }, { code: 'criminal_offences' }],
      applicationIds: [hr.id],
    });
    await activity('gentilly', {
      name: 'Inscriptions périscolaires',
      purposes: ['Inscriptions'],
      legalBasis: 'public_task',
      dataSubjects: [{ code: 'children' }, { code: 'parents' }],
      dataCategories: [{ code: 'identity' }],
      applicationIds: [family.id],
    });
  });
  afterAll(() => t?.close());

  it('derives both controllers of a shared application from its host, with their activities and sensitive data', async () => {
    const inc = await rssi.post('/api/v1/incidents', {
      title: 'Ransomware on the HR server',
      source: 'alert',
      category: 'malware',
      confidentiality: 'high',
      urgency: 'high',
      hosts: ['SRV-RH01'],
    });
    expect(inc.status).toBe(201);
    expect(inc.body.members).toEqual([
      { member: 'ivry', manual: false, derived: true },
      { member: 'vitry', manual: false, derived: true },
    ]);
    expect(inc.body.personalDataSuspected).toBe(true);
    const impact = (await rssi.get(`/api/v1/incidents/${inc.body.id}/impact`)).body;
    expect(impact.controllers.map((c: { member: string }) => c.member)).toEqual(['ivry', 'vitry']);
    const activities = Object.fromEntries(
      impact.controllers.map((c: { member: string; processingActivities: Array<{ name: string }> }) => [
        c.member,
        c.processingActivities.map((a) => a.name).sort(),
      ]),
    );
    expect(activities).toEqual({
      ivry: ['Paie des agents'],
      vitry: ['Procédures disciplinaires', 'Suivi de la médecine professionnelle'],
    });
    expect(impact.controllers[0]).toMatchObject({ applications: [hr.id], hosts: ['srv-rh01'] });
    expect(impact.specialCategories).toEqual(['health']);
    expect(impact.criminalData).toEqual(['criminal_offences']);
    expect(impact.nir).toBe(true);
    expect(impact.subjectCategories).toEqual(['agents']);
    expect(impact.dataCategories).toEqual(
      expect.arrayContaining(['identity', 'economic_financial', 'nir', 'health', 'criminal_offences']),
    );
    expect(impact.dataCategories).not.toContain('children');
    expect(impact.personalDataBreachSuspected).toBe(true);
    expect(impact.unknown).toEqual({ applications: [], hosts: [] });
    const medical = impact.processingActivities.find((a: { name: string }) => a.name.startsWith('Suivi'));
    expect(medical).toMatchObject({
      member: 'vitry',
      specialCategories: ['health'],
      nirCategories: [],
      applications: [hr.id],
    });

    // The derived members give their referents access; other members' referents see nothing.
    expect((await refIvry.get(`/api/v1/incidents/${inc.body.id}/impact`)).status).toBe(200);
    expect((await refGentilly.get(`/api/v1/incidents/${inc.body.id}`)).status).toBe(404);
  });

  it('derives from an application id too, and forgets derived members when the link goes', async () => {
    const inc = (
      await rssi.post('/api/v1/incidents', {
        title: 'Leak of the family portal export',
        source: 'vendor',
        category: 'data_leak',
        applications: [family.id],
        members: ['ivry'],
      })
    ).body;
    expect(inc.members).toEqual([
      { member: 'gentilly', manual: false, derived: true },
      { member: 'ivry', manual: true, derived: false },
    ]);
    const impact = (await refGentilly.get(`/api/v1/incidents/${inc.id}/impact`)).body;
    expect(impact.subjectCategories).toEqual(['children', 'parents']);
    expect(impact.specialCategories).toEqual([]);
    const after = await rssi.delete(`/api/v1/incidents/${inc.id}/links/applications/${family.id}`);
    expect(after.body.members).toEqual([{ member: 'ivry', manual: true, derived: false }]);
    expect((await refGentilly.get(`/api/v1/incidents/${inc.id}`)).status).toBe(404);
  });

  it('reports what the registry does not know', async () => {
    const inc = (
      await rssi.post('/api/v1/incidents', {
        title: 'Unknown box',
        source: 'other',
        category: 'other',
        hosts: ['10.99.0.1'],
        applications: ['not-an-id'],
      })
    ).body;
    const impact = (await rssi.get(`/api/v1/incidents/${inc.id}/impact`)).body;
    expect(impact).toMatchObject({
      controllers: [],
      personalDataBreachSuspected: false,
      unknown: { applications: ['not-an-id'], hosts: ['10.99.0.1'] },
    });
  });

  it('opens the breach on the derived controllers', async () => {
    const inc = (
      await rssi.post('/api/v1/incidents', {
        title: 'HR server exfiltration',
        source: 'cert_fr',
        category: 'data_leak',
        hosts: ['10.20.4.17'],
      })
    ).body;
    const b = await dpo.post(`/api/v1/incidents/${inc.id}/breach`, {
      consortiumAwareAt: '2026-03-02T08:00:00Z',
      nature: 'Exfiltration of the HR database',
    });
    expect(b.body.controllers.map((c: { member: string }) => c.member)).toEqual(['ivry', 'vitry']);
  });
});
