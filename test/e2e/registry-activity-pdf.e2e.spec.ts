import { PDFParse } from 'pdf-parse';
import { ADMIN_PASSWORD, ApiClient, startEmbeddedApp, TestApp, USER_PASSWORD } from '@vigie/testing';

async function download(c: ApiClient, path: string) {
  const res = await fetch(c.baseUrl + path, {
    headers: { authorization: `Bearer ${(c as unknown as { token: string }).token}` },
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    disposition: res.headers.get('content-disposition') ?? '',
    body: Buffer.from(await res.arrayBuffer()),
  };
}

async function pdfText(buf: Buffer): Promise<string> {
  const p = new PDFParse({ data: new Uint8Array(buf) });
  try {
    return (await p.getText()).text;
  } finally {
    await p.destroy();
  }
}

describe('one processing activity as a PDF fiche, and the workflow’s allowed next states (embedded)', () => {
  let t: TestApp;
  let dpo: ApiClient;
  let refOther: ApiClient;
  let id: string;
  const base = '/api/v1/members/cachan/processing-activities';

  beforeAll(async () => {
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    t = await startEmbeddedApp();
    const anon = new ApiClient(t.baseUrl);
    const admin = await anon.login('admin', ADMIN_PASSWORD);
    for (const code of ['cachan', 'fresnes'])
      expect((await admin.post('/api/v1/members', { code, name: `Ville de ${code}`, type: 'city' })).status).toBe(201);
    expect(
      (await admin.post('/api/v1/users', { username: 'dpo-pdf', password: USER_PASSWORD, roles: ['dpo'] })).status,
    ).toBe(201);
    expect(
      (
        await admin.post('/api/v1/users', {
          username: 'ref-fresnes',
          password: USER_PASSWORD,
          roles: ['referent'],
          memberScopes: ['fresnes'],
        })
      ).status,
    ).toBe(201);
    dpo = await anon.login('dpo-pdf', USER_PASSWORD);
    refOther = await anon.login('ref-fresnes', USER_PASSWORD);
    const created = await dpo.post(base, {
      name: 'Inscriptions à la médiathèque Élise',
      purposes: ['Gestion des prêts'],
      legalBasis: 'public_task',
      dataCategories: [{ code: 'identity', retentionPeriod: '3 ans après le dernier prêt', retentionFate: 'delete' }],
    });
    expect(created.status).toBe(201);
    id = created.body.id;
  });
  afterAll(() => t?.close());

  it('GET :id/pdf answers a PDF naming the record, its controller and its fields', async () => {
    const r = await download(dpo, `${base}/${id}/pdf`);
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    expect(r.disposition).toMatch(/^attachment; filename="fiche-cachan-T001-v1-\d{4}-\d{2}-\d{2}\.pdf"$/);
    expect(r.body.subarray(0, 4).toString()).toBe('%PDF');
    const text = await pdfText(r.body);
    expect(text).toContain('Inscriptions à la médiathèque Élise');
    expect(text).toContain('Ville de cachan');
    expect(text).toContain('3 ans après le dernier prêt');
    expect(text).toContain('Gestion des prêts');
  });

  it('follows the record: a renamed record prints its new name and version', async () => {
    expect((await dpo.patch(`${base}/${id}`, { name: 'Lecteurs de la médiathèque' })).status).toBe(200);
    const r = await download(dpo, `${base}/${id}/pdf`);
    expect(r.disposition).toContain('-v2-');
    const text = await pdfText(r.body);
    expect(text).toContain('Lecteurs de la médiathèque');
    expect(text).not.toContain('Inscriptions à la médiathèque');
  });

  it('answers 404 to a referent of another member, without the record', async () => {
    const r = await download(refOther, `${base}/${id}/pdf`);
    expect(r.status).toBe(404);
    expect(r.body.toString()).not.toContain('médiathèque');
    expect((await download(dpo, `${base}/00000000-0000-0000-0000-000000000000/pdf`)).status).toBe(404);
  });

  it('a refused transition (409) tells the status and the allowed next states and actions', async () => {
    const reopen = await dpo.post(`${base}/${id}/reopen`, {});
    expect(reopen.status).toBe(409);
    expect(reopen.body).toMatchObject({
      code: 'invalid_transition',
      status: 'draft',
      allowed: ['in_review', 'validated', 'archived'],
      allowedActions: ['submit', 'validate', 'archive'],
    });
    expect((await dpo.post(`${base}/${id}/archive`, {})).status).toBe(200);
    const again = await dpo.post(`${base}/${id}/archive`, {});
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 'archived', allowed: ['draft'], allowedActions: ['reopen'] });
  });
});
