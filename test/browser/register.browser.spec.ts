import { readFile } from 'node:fs/promises';
import { PDFParse } from 'pdf-parse';
import { ApiClient, TestApp, USER_PASSWORD } from '@vigie/testing';
import type { Download, Page } from 'playwright-core';
import { checkScreen, describeWithBrowser, errorsOtherThan, login, useBrowserSuite } from '../support/browser';
import {
  createUsers,
  ensureMembers,
  IVRY_CITY,
  startWorld,
  VITRY_CITY,
  withoutNetwork,
} from '../support/browser-world';

jest.setTimeout(180_000);

const IVRY = 'Ville d’Ivry-sur-Seine';

interface World {
  t: TestApp;
  dpo: ApiClient;
  tag: string;
  dpoName: string;
  refName: string;
  applicationName: string;
}

/** Two members; the shared DPO (role dpo, every member) and a referent of vitry; an application used by ivry. */
async function buildWorld(t: TestApp): Promise<World> {
  const { tag, anon, admin } = await startWorld(t);
  await ensureMembers(admin, t, [withoutNetwork(IVRY_CITY), withoutNetwork(VITRY_CITY)]);
  const dpoName = `dpo-${tag}`;
  const refName = `ref-vitry-${tag}`;
  await createUsers(admin, [
    { username: dpoName, roles: ['dpo'], memberScopes: [] },
    { username: refName, roles: ['referent'], memberScopes: ['vitry'] },
  ]);
  const applicationName = `Millésime Action sociale ${tag}`;
  const app = await admin.post('/api/v1/applications', {
    name: applicationName,
    vendor: 'ARPEGE',
    domain: 'Action sociale',
    functions: ['Aide sociale facultative'],
    members: ['ivry'],
    hosting: 'saas',
  });
  if (app.status !== 201) throw new Error(`application: ${app.status} ${JSON.stringify(app.body)}`);
  return { t, dpo: await anon.login(dpoName, USER_PASSWORD), tag, dpoName, refName, applicationName };
}

async function pdfText(buf: Buffer): Promise<string> {
  const p = new PDFParse({ data: new Uint8Array(buf) });
  try {
    return (await p.getText()).text;
  } finally {
    await p.destroy();
  }
}

describeWithBrowser('register of processing activities in a real browser (embedded app, Chromium)', () => {
  const ui = useBrowserSuite(buildWorld, { context: { acceptDownloads: true } });
  let w: World;
  let page: Page;
  beforeEach(() => {
    ({ world: w, page } = ui);
  });
  /** The record created through the form, shared by the steps below. */
  const record = { id: '', name: '', renamed: '', url: '' };
  beforeAll(() => {
    record.name = `Aides sociales facultatives du CCAS ${ui.world.tag}`;
    record.renamed = `Aides facultatives et secours d’urgence ${ui.world.tag}`;
  });

  /** Errors other than the API's expected refusals (the browser logs each 4xx as a failed resource). */
  const unexpectedErrors = () => errorsOtherThan(ui.errors, [/status of (400|401|404|409|422)/]);

  async function saveDownload(trigger: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
    const [download] = (await Promise.all([page.waitForEvent('download'), trigger()])) as [Download, void];
    const path = await download.path();
    return { name: download.suggestedFilename(), bytes: await readFile(path) };
  }

  it('the DPO opens the members’ registers, then ivry’s empty register (axe)', async () => {
    await login(page, w.dpoName);
    await page.getByRole('link', { name: 'Registre des traitements' }).click();
    await page.getByRole('heading', { name: 'Registre des activités de traitement' }).waitFor();
    const members = page.getByTestId('register-members');
    await members.getByRole('link', { name: `Ouvrir le registre de ${IVRY}` }).waitFor();
    await expect(members.locator('tbody tr').count()).resolves.toBe(2);
    await checkScreen(page, 'register-members-dpo');
    await members.getByRole('link', { name: `Ouvrir le registre de ${IVRY}` }).click();
    await page.getByRole('heading', { name: `Registre de ${IVRY}` }).waitFor();
    await page.getByText('0 fiche(s)').waitFor();
    expect(unexpectedErrors()).toEqual([]);
  });

  it('the DPO creates a record through the CNIL form: API field errors by their field, sensitive data, live DPIA verdict', async () => {
    await login(page, w.dpoName);
    await page.goto('/register/ivry');
    await page.getByRole('link', { name: 'Nouvelle fiche' }).click();
    await page.getByRole('heading', { name: 'Nouvelle fiche de traitement' }).waitFor();

    // Identification, with a malformed reference first: the API's 400 is shown by the field.
    await page.getByRole('textbox', { name: 'Nom du traitement', exact: true }).fill(record.name);
    await page.getByLabel('Référence', { exact: true }).fill('pas une référence !');
    await page.getByRole('button', { name: 'Créer la fiche' }).click();
    const problems = page.getByTestId('field-problems');
    await problems.waitFor();
    await expect(problems.textContent()).resolves.toContain(
      'La fiche n’a pas été enregistrée : 1 champ(s) à corriger.',
    );
    const reference = page.getByLabel('Référence', { exact: true });
    await expect(reference.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await reference.getAttribute('aria-describedby')) ?? '';
    const described = await Promise.all(describedBy.split(' ').map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(described.join(' ')).toContain('reference must be 1-60 letters, digits, . _ or -');
    await reference.fill('');
    // Once the field is edited, its problem goes.
    await problems.waitFor({ state: 'detached' });
    await expect(reference.getAttribute('aria-invalid')).resolves.toBe('false');

    // Actors.
    await page.getByLabel('Nom du DPO', { exact: true }).fill('DPO mutualisé du SIIM 94');
    await page.getByLabel('Coordonnées du DPO', { exact: true }).fill('dpo@siim94.net');
    // Purposes.
    await page.getByRole('button', { name: 'Ajouter une finalité' }).click();
    await page.getByRole('textbox', { name: 'Finalité n° 1' }).fill('Instruction et versement des aides facultatives');
    // Legal basis.
    await page.getByLabel('Base légale (article 6.1 du RGPD)', { exact: true }).selectOption('public_task');
    await page
      .getByLabel('Justification de la base légale', { exact: true })
      .fill('Code de l’action sociale et des familles, L. 123-5');
    // Data subjects: social aid beneficiaries are vulnerable (EDPB criterion derived).
    await page.getByRole('button', { name: 'Ajouter une catégorie de personnes' }).click();
    const subject = page.getByRole('group', { name: 'Catégorie de personnes n° 1' });
    await subject.getByLabel('Catégorie de personnes', { exact: true }).selectOption('social_aid_beneficiaries');
    await subject.getByLabel('Nombre approximatif de personnes').fill('1 500');
    // Data categories: identity, then health (sensitive: flagged, and the Art. 9(2) condition appears).
    await page.getByRole('button', { name: 'Ajouter une catégorie de données' }).click();
    const identity = page.getByRole('group', { name: 'Catégorie de données n° 1' });
    await identity.getByLabel('Catégorie de données', { exact: true }).selectOption('identity');
    await identity.getByLabel('Durée de conservation').fill('5 ans après la dernière aide');
    await identity.getByLabel('Sort final à l’issue de la conservation').selectOption('archive');
    await expect(identity.getByTestId('sensitive-badge').count()).resolves.toBe(0);
    await expect(page.getByLabel('Exception de l’article 9.2 (données sensibles)').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Ajouter une catégorie de données' }).click();
    const health = page.getByRole('group', { name: 'Catégorie de données n° 2' });
    await health.getByLabel('Catégorie de données', { exact: true }).selectOption('health');
    await expect(health.getByTestId('sensitive-badge').textContent()).resolves.toBe('Donnée sensible (art. 9(1))');
    await health.getByLabel('Détail des données').fill('Certificats médicaux joints aux demandes');
    await health.getByLabel('Durée de conservation').fill('2 ans');
    await health.getByLabel('Sort final à l’issue de la conservation').selectOption('delete');
    await page.getByLabel('Exception de l’article 9.2 (données sensibles)').selectOption('health_social_care');
    // Recipients, security measures, source and rights.
    await page.getByRole('button', { name: 'Ajouter un destinataire' }).click();
    const recipient = page.getByRole('group', { name: 'Destinataire n° 1' });
    await recipient.getByLabel('Type de destinataire').selectOption('internal_service');
    await recipient.getByLabel('Destinataire', { exact: true }).fill('Service action sociale du CCAS');
    await page.getByRole('button', { name: 'Ajouter une mesure de sécurité' }).click();
    const measure = page.getByRole('group', { name: 'Mesure de sécurité n° 1' });
    await measure.getByLabel('Type de mesure').selectOption('access_control');
    await measure.getByLabel('Description de la mesure').fill('Comptes nominatifs, profils par service');
    await page.getByLabel('Source des données', { exact: true }).fill('Le demandeur et les organismes sociaux');
    await page.getByLabel('La collecte est-elle obligatoire ?', { exact: true }).selectOption('true');
    await page.getByLabel('Des décisions automatisées sont-elles prises ?', { exact: true }).selectOption('false');
    await page
      .getByLabel('Modalités d’exercice des droits des personnes', { exact: true })
      .fill('Par courriel au DPO : dpo@siim94.net');
    // The application used (its vendor is a processor).
    await page.getByRole('checkbox', { name: new RegExp(w.applicationName) }).check();

    // The live verdict: health data and vulnerable subjects are two derived EDPB criteria.
    const verdict = page.getByTestId('dpia-verdict');
    await expect(verdict.textContent()).resolves.toContain('Verdict : AIPD requise');
    await expect(verdict.textContent()).resolves.toContain('AIPD requise mais ni prévue, ni en cours, ni réalisée.');
    await expect(verdict.getByRole('listitem').allTextContents()).resolves.toEqual([
      'Données sensibles ou hautement personnelles (déduit de la fiche)',
      'Personnes vulnérables (déduit de la fiche)',
    ]);
    await page.getByRole('checkbox', { name: 'Accompagnement social ou médico-social des personnes' }).check();
    await expect(verdict.textContent()).resolves.toContain(
      'Sur la liste de la CNIL : Accompagnement social ou médico-social des personnes',
    );
    await page.getByLabel('État de l’AIPD', { exact: true }).selectOption('planned');
    await expect(verdict.textContent()).resolves.toContain('AIPD requise et prise en charge (Prévue).');
    await page.getByText('Tous les champs du modèle de la CNIL sont renseignés.').waitFor();
    await checkScreen(page, 'register-form-new');

    await page.getByRole('button', { name: 'Créer la fiche' }).click();
    await page.getByRole('heading', { name: `Fiche ivry-T001 : ${record.name}` }).waitFor();
    record.url = new URL(page.url()).pathname;
    record.id = record.url.split('/').pop()!;
    const stored = await w.dpo.get(`/api/v1/members/ivry/processing-activities/${record.id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      reference: 'ivry-T001',
      status: 'draft',
      createdBy: w.dpoName,
      legalBasis: 'public_task',
      art9Condition: 'health_social_care',
      dpo: { name: 'DPO mutualisé du SIIM 94', contact: 'dpo@siim94.net' },
      dataSubjects: [{ code: 'social_aid_beneficiaries', volume: '1 500' }],
      dataCategories: [
        { code: 'identity', retentionPeriod: '5 ans après la dernière aide', retentionFate: 'archive' },
        { code: 'health', retentionPeriod: '2 ans', retentionFate: 'delete' },
      ],
      collectionMandatory: true,
      automatedDecision: false,
      dpia: { status: 'planned', cnilTypes: ['social_support'] },
      completeness: { complete: true, missing: [] },
      dpiaAssessment: { required: true, missing: false },
    });
    expect(stored.body.applications.map((a: { name: string }) => a.name)).toEqual([w.applicationName]);
    expect(unexpectedErrors()).toEqual([]);
  });

  it('the DPO submits the record for review, then validates it; buttons follow the workflow', async () => {
    await login(page, w.dpoName);
    await page.goto(record.url);
    const workflow = page.getByRole('region', { name: 'Cycle de vie de la fiche' });
    await workflow.getByText('Statut : Brouillon, version 1').waitFor();
    await expect(workflow.getByRole('button', { name: 'Rouvrir en brouillon' }).count()).resolves.toBe(0);
    await workflow.getByLabel('Commentaire (facultatif)').fill('Relu avec le CCAS');
    await workflow.getByRole('button', { name: 'Soumettre à la relecture' }).click();
    await workflow.getByText('Statut : En relecture, version 2').waitFor();
    await expect(workflow.getByRole('button', { name: 'Soumettre à la relecture' }).count()).resolves.toBe(0);
    await workflow.getByRole('button', { name: 'Valider (DPO)' }).click();
    await workflow.getByText('Statut : Validée, version 3').waitFor();
    await workflow.getByText(`par ${w.dpoName}`, { exact: false }).waitFor();
    await expect(workflow.getByRole('button').allTextContents()).resolves.toEqual(['Archiver']);
    const stored = await w.dpo.get(`/api/v1/members/ivry/processing-activities/${record.id}`);
    expect([stored.body.status, stored.body.version, stored.body.validatedBy]).toEqual(['validated', 3, w.dpoName]);
    await checkScreen(page, 'register-form-validated');

    // The register lists it as validated.
    await page.goto('/register/ivry');
    const row = page.locator(`tr[data-activity-id="${record.id}"]`);
    await row.getByText('Validée').waitFor();
    await expect(row.textContent()).resolves.toContain('ivry-T001');
    await checkScreen(page, 'register-list-dpo');
    expect(unexpectedErrors()).toEqual([]);
  });

  it('an edit sends the record back to review; the history lists every version and compares two side by side', async () => {
    await login(page, w.dpoName);
    await page.goto(record.url);
    await page.getByRole('textbox', { name: 'Nom du traitement', exact: true }).fill(record.renamed);
    const identity = page.getByRole('group', { name: 'Catégorie de données n° 1' });
    await identity.getByLabel('Durée de conservation').fill('10 ans après la dernière aide');
    await page.getByText('Enregistrez la fiche avant de changer son statut.').waitFor();
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await page.getByText('Fiche enregistrée (version 4).').waitFor();
    const workflow = page.getByRole('region', { name: 'Cycle de vie de la fiche' });
    await workflow.getByText('Statut : En relecture, version 4').waitFor();

    await page.getByRole('link', { name: 'Historique et comparaison' }).click();
    await page.getByRole('heading', { name: `Historique des versions : ivry-T001 — ${record.renamed}` }).waitFor();
    const history = page.getByTestId('history-table');
    await expect(history.locator('tbody tr').count()).resolves.toBe(4);
    await expect(history.locator('tr[data-version="2"]').textContent()).resolves.toContain('Relu avec le CCAS');
    await expect(history.locator('tr[data-version="3"]').textContent()).resolves.toContain('Validée');
    await expect(history.locator('tr[data-version="4"]').textContent()).resolves.toContain(
      'Modification (renvoyée en relecture)',
    );

    // Default comparison: version 3 → version 4.
    const side = page.getByTestId('diff-side-by-side');
    await side.locator('tr[data-field="name"][data-changed="true"]').waitFor();
    const nameRow = await side.locator('tr[data-field="name"] td').allTextContents();
    expect(nameRow.slice(0, 2)).toEqual([record.name, record.renamed]);
    await expect(side.locator('tr[data-field="legalBasis"]').getAttribute('data-changed')).resolves.toBe('false');
    // Codes are shown by their labels.
    await expect(side.locator('tr[data-field="status"] td').allTextContents()).resolves.toEqual([
      'Validée',
      'En relecture',
      'Modifié',
    ]);
    await expect(side.locator('tr[data-field="dataSubjects"] td').first().textContent()).resolves.toBe(
      'Bénéficiaires de l’aide sociale (1 500)',
    );
    const changes = page.getByTestId('diff-changes');
    await expect(changes.textContent()).resolves.toContain('10 ans après la dernière aide');
    await expect(changes.textContent()).resolves.toContain('5 ans après la dernière aide');
    await checkScreen(page, 'register-history');

    // Another pair: version 1 → version 3 differs only by status and review date.
    await page.getByLabel('Version de départ').selectOption('1');
    await page.getByLabel('Version d’arrivée').selectOption('3');
    await side.locator('tr[data-field="status"][data-changed="true"]').waitFor();
    await expect(side.locator('tr[data-field="name"]').getAttribute('data-changed')).resolves.toBe('false');
    const diff = await w.dpo.get(`/api/v1/members/ivry/processing-activities/${record.id}/diff?from=1&to=3`);
    await expect(changes.locator('tbody tr').count()).resolves.toBe(diff.body.changes.length);
    expect(unexpectedErrors()).toEqual([]);
  });

  it('downloads the record as a PDF fiche and the register as CSV (bearer token, blob)', async () => {
    await login(page, w.dpoName);
    await page.goto(record.url);
    const pdf = await saveDownload(() => page.getByRole('button', { name: 'Télécharger la fiche en PDF' }).click());
    expect(pdf.name).toMatch(/^fiche-ivry-T001-v4-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.bytes.length).toBeGreaterThan(2000);
    const text = await pdfText(pdf.bytes);
    expect(text).toContain(record.renamed);
    expect(text).toContain('10 ans après la dernière aide');
    await page
      .getByRole('status')
      .filter({ hasText: `Téléchargé : ${pdf.name}` })
      .waitFor();

    await page.goto('/register/ivry');
    const csv = await saveDownload(() =>
      page.getByRole('button', { name: 'Exporter le registre au format CSV' }).click(),
    );
    expect(csv.name).toMatch(/^registre-ivry-\d{4}-\d{2}-\d{2}-v4\.csv$/);
    const body = csv.bytes.toString('utf8');
    expect(body.charCodeAt(0)).toBe(0xfeff);
    expect(body).toContain(record.renamed);
    expect(body).toContain('ivry-T001');
    expect(unexpectedErrors()).toEqual([]);
  });

  it('a refused transition (409) shows the record’s status and the steps still possible', async () => {
    await login(page, w.dpoName);
    await page.goto(record.url);
    const workflow = page.getByRole('region', { name: 'Cycle de vie de la fiche' });
    await workflow.getByText('Statut : En relecture, version 4').waitFor();
    // Someone archives it meanwhile; the page still offers "Archiver".
    expect((await w.dpo.post(`/api/v1/members/ivry/processing-activities/${record.id}/archive`, {})).status).toBe(200);
    await workflow.getByRole('button', { name: 'Archiver' }).click();
    const error = page.getByTestId('workflow-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('Transition refusée : la fiche est « Archivée ».');
    await expect(error.textContent()).resolves.toContain('Étapes possibles : Brouillon (Rouvrir en brouillon).');
    // The page now shows the record as archived: read-only, and only "reopen" is offered.
    await workflow.getByText('Statut : Archivée, version 5').waitFor();
    await expect(workflow.getByRole('button').allTextContents()).resolves.toEqual(['Rouvrir en brouillon']);
    await expect(page.getByRole('textbox', { name: 'Nom du traitement', exact: true }).isDisabled()).resolves.toBe(
      true,
    );
    await expect(page.getByRole('button', { name: 'Enregistrer la fiche' }).count()).resolves.toBe(0);
    await checkScreen(page, 'register-workflow-refused');
  });

  it('submitting an incomplete record: the API’s missing fields (422) are shown by their fields', async () => {
    const created = await w.dpo.post('/api/v1/members/ivry/processing-activities', {
      name: `Fichier des bénévoles ${w.tag}`,
      purposes: ['Coordination des bénévoles'],
    });
    expect(created.status).toBe(201);
    const missing = (await w.dpo.get(`/api/v1/members/ivry/processing-activities/${created.body.id}/completeness`)).body
      .missing as Array<{ field: string }>;
    expect(missing.map((m) => m.field)).toContain('legalBasis');
    await login(page, w.dpoName);
    await page.goto(`/register/ivry/${created.body.id}`);
    const workflow = page.getByRole('region', { name: 'Cycle de vie de la fiche' });
    await workflow.getByRole('button', { name: 'Soumettre à la relecture' }).click();
    const problems = page.getByTestId('field-problems');
    await problems.waitFor();
    await expect(problems.textContent()).resolves.toContain(`Champs du modèle CNIL à compléter : ${missing.length}.`);
    await expect(problems.getByRole('listitem').count()).resolves.toBe(missing.length);
    const legalBasis = page.getByLabel('Base légale (article 6.1 du RGPD)', { exact: true });
    await expect(legalBasis.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Nom du DPO', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    await workflow.getByText('Statut : Brouillon, version 1').waitFor();
    await checkScreen(page, 'register-submit-incomplete');
    // Choosing the legal basis clears its problem only.
    await legalBasis.selectOption('consent');
    await expect(legalBasis.getAttribute('aria-invalid')).resolves.toBe('false');
    await expect(problems.getByRole('listitem').count()).resolves.toBe(missing.length - 1);
    expect(unexpectedErrors()).toEqual([]);
  });

  it('a referent of vitry sees vitry’s register only: no record or name of ivry, on any register route', async () => {
    await login(page, w.refName);
    await page.goto('/register');
    const members = page.getByTestId('register-members');
    await members.locator('tbody tr').first().waitFor();
    await expect(members.locator('tbody tr').count()).resolves.toBe(1);
    await expect(members.locator('tbody tr').getAttribute('data-member')).resolves.toBe('vitry');
    await checkScreen(page, 'register-members-referent');
    for (const path of ['/register/ivry', record.url, `${record.url}/history`]) {
      await page.goto(path);
      await page.getByRole('alert').filter({ hasText: 'introuvable ou hors de votre périmètre' }).waitFor();
      await page.waitForLoadState('networkidle');
      const text = (await page.locator('body').textContent()) ?? '';
      for (const leak of [record.name, record.renamed, IVRY, 'ivry-T001', w.applicationName])
        expect({ path, leak: text.includes(leak) ? leak : null }).toEqual({ path, leak: null });
    }
    await checkScreen(page, 'register-forbidden-referent');
    // Vitry's own register is open to its referent, and empty.
    await page.goto('/register/vitry');
    await page.getByRole('heading', { name: 'Registre de Ville de Vitry-sur-Seine' }).waitFor();
    await page.getByText('0 fiche(s)').waitFor();
    await expect(page.getByTestId('register-table').locator('tbody tr').count()).resolves.toBe(0);
    expect(unexpectedErrors()).toEqual([]);
  });
});
