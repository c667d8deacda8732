import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApiClient, TestApp, USER_PASSWORD } from '@vigie/testing';
import type { Page } from 'playwright-core';
import {
  checkScreen,
  describeWithBrowser,
  errorsOtherThan,
  login,
  screenshot,
  useBrowserSuite,
} from '../support/browser';
import {
  createUsers,
  ensureMembers,
  IVRY_CITY,
  startWorld,
  VITRY_CITY,
  withoutNetwork,
} from '../support/browser-world';

jest.setTimeout(180_000);

const HOUR = 3_600_000;

interface World {
  t: TestApp;
  rssi: ApiClient;
  tag: string;
  /** Short host name of the HR application; the registry stores its FQDN. */
  host: string;
  app: { id: string; name: string };
  activity: { name: string; reference: string };
}

/**
 * ivry and vitry; an RSSI, a DPO and a referent of vitry; an HR application of
 * ivry on one host, with health data, used by an ivry processing activity.
 */
async function buildWorld(t: TestApp): Promise<World> {
  const { tag, anon, admin } = await startWorld(t);
  await ensureMembers(admin, t, [withoutNetwork(IVRY_CITY), withoutNetwork(VITRY_CITY)], 'keep');
  await createUsers(admin, [
    { username: `rssi-${tag}`, roles: ['rssi'], memberScopes: [] },
    { username: `dpo-${tag}`, roles: ['dpo'], memberScopes: [] },
    { username: `ref-vitry-${tag}`, roles: ['referent'], memberScopes: ['vitry'] },
  ]);
  const rssi = await anon.login(`rssi-${tag}`, USER_PASSWORD);
  const dpo = await anon.login(`dpo-${tag}`, USER_PASSWORD);
  const host = `srv-rh-${tag}`;
  const app = await dpo.post('/api/v1/applications', {
    name: `SIRH ${tag}`,
    vendor: 'Berger-Levrault',
    domain: 'RH',
    hosts: [{ hostname: `${host}.siim94.local`, ip: '10.20.4.17' }],
    members: ['ivry'],
    dataCategories: [{ code: 'identity' }, { code: 'health' }],
    dataSubjects: [{ code: 'agents' }],
  });
  if (app.status !== 201) throw new Error(`application: ${app.status} ${JSON.stringify(app.body)}`);
  const activity = await dpo.post('/api/v1/members/ivry/processing-activities', {
    name: `Suivi médical des agents ${tag}`,
    purposes: ['Aptitude des agents'],
    legalBasis: 'legal_obligation',
    art9Condition: 'employment_social_protection',
    dataSubjects: [{ code: 'agents' }],
    dataCategories: [{ code: 'identity' }, { code: 'health' }],
    applicationIds: [app.body.id],
  });
  if (activity.status !== 201) throw new Error(`activity: ${activity.status} ${JSON.stringify(activity.body)}`);
  return {
    t,
    rssi,
    tag,
    host,
    app: { id: app.body.id, name: app.body.name },
    activity: { name: activity.body.name, reference: activity.body.reference },
  };
}

describeWithBrowser('incidents and application map in a real browser (embedded app, Chromium)', () => {
  const ui = useBrowserSuite(buildWorld, { context: { timezoneId: 'Europe/Paris', acceptDownloads: true } });
  let w: World;
  let page: Page;
  beforeEach(() => {
    ({ world: w, page } = ui);
  });
  /** The incident the RSSI records in the first scenario. */
  let reference = '';
  /** The incident edited, with a notice and a communication to the data subjects. */
  let second2 = '';

  /** Errors other than the refusals the scenarios provoke on purpose (400, 401, 404, 409, 422). */
  const unexpectedErrors = () => errorsOtherThan(ui.errors, [/401|Unauthorized|status of (400|404|409|422)/]);

  async function openTab(name: string): Promise<void> {
    await page.getByRole('tab', { name }).click();
    await page.getByRole('tab', { name, selected: true }).waitFor();
  }

  /** Picks the next status in the lifecycle panel and applies it. */
  async function moveTo(label: string): Promise<void> {
    await page.getByLabel('Statut suivant').selectOption({ label });
    await page.getByRole('button', { name: 'Changer le statut' }).click();
    await page.getByText(`Statut actuel : ${label}`).waitFor();
  }

  it('an RSSI records an incident, writes its timeline, runs its lifecycle (409 shows the allowed states) and keeps evidence', async () => {
    await login(page, `rssi-${w.tag}`);
    await page.getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Nouvel incident' }).click();
    await page.getByRole('heading', { name: 'Déclarer un incident' }).waitFor();
    await page.getByLabel('Intitulé').fill(`Rançongiciel sur le SIRH ${w.tag}`);
    await page.getByLabel('Impact').selectOption('high');
    await page.getByLabel('Urgence').selectOption('medium');
    await expect(page.getByTestId('severity-preview').textContent()).resolves.toContain(
      'Gravité calculée (impact × urgence) : Élevée',
    );
    await page.getByLabel('Urgence').selectOption('high');
    await expect(page.getByTestId('severity-preview').textContent()).resolves.toContain(': Critique');
    await page.getByLabel('Hôtes concernés').fill(w.host);
    await checkScreen(page, 'incident-create');
    await page.getByRole('button', { name: 'Enregistrer l’incident' }).click();

    await page.getByRole('heading', { name: /^INC-\d{4}-\d{4} — Rançongiciel/ }).waitFor();
    reference = /INC-\d{4}-\d{4}/.exec(page.url())![0];
    const created = await w.rssi.get(`/api/v1/incidents/${reference}`);
    expect(created.body).toMatchObject({
      severity: 'critical',
      status: 'new',
      links: { hosts: [w.host] },
      members: [{ member: 'ivry', derived: true }],
      personalDataSuspected: true,
    });
    // The impact derived from the registry names the seeded processing activity and its health data.
    const impact = page.getByRole('table', { name: 'Activités de traitement concernées' });
    await impact.getByRole('cell', { name: w.activity.name }).waitFor();
    await expect(impact.textContent()).resolves.toContain('sensible');
    await checkScreen(page, 'incident-detail');

    // Timeline: an entry appended through the form.
    await openTab('Chronologie');
    await page.getByLabel('Nature').selectOption('action');
    await page.getByLabel('Texte').fill(`Serveur ${w.host} isolé du réseau`);
    await page.getByRole('button', { name: 'Ajouter à la chronologie' }).click();
    await page.getByTestId('timeline').getByText(`Serveur ${w.host} isolé du réseau`).waitFor();
    const timeline = (await w.rssi.get(`/api/v1/incidents/${reference}/timeline`)).body as Array<{
      kind: string;
      body: string;
      author: string;
    }>;
    expect(timeline.at(-1)).toEqual(
      expect.objectContaining({ kind: 'action', body: `Serveur ${w.host} isolé du réseau`, author: `rssi-${w.tag}` }),
    );
    await screenshot(page, 'incident-timeline');

    // Lifecycle: only the allowed next states are offered.
    await openTab('Synthèse');
    const options = () => page.getByLabel('Statut suivant').locator('option').allTextContents();
    await expect(options()).resolves.toEqual(['Qualification']);
    await moveTo('Qualification');
    await page.getByLabel('Justification').fill('Chiffrement de fichiers constaté sur le serveur RH');
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page
      .getByTestId('decision-current')
      .getByText(/^Incident de sécurité de l’information, par/)
      .waitFor();
    await expect(options()).resolves.toEqual(['Investigation']);

    // Someone else moves the incident meanwhile: the 409 names the states allowed from where it now is.
    const behind = await w.rssi.post(`/api/v1/incidents/${reference}/status`, { status: 'investigating' });
    expect(behind.status).toBe(200);
    await page.getByRole('button', { name: 'Changer le statut' }).click();
    const refused = page.getByTestId('transition-refused');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain('Statuts autorisés depuis l’état actuel : Confiné');
    await page.getByText('Statut actuel : Investigation').waitFor();
    await expect(options()).resolves.toEqual(['Confiné']);
    await moveTo('Confiné');

    // Evidence: uploaded through the form, listed with its SHA-256.
    await openTab('Preuves');
    const content = Buffer.from(`firewall export ${w.tag}\n`);
    await page.getByLabel('Fichier à déposer').setInputFiles({
      name: `pare-feu-${w.tag}.txt`,
      mimeType: 'text/plain',
      buffer: content,
    });
    await page.getByRole('button', { name: 'Déposer la preuve' }).click();
    await page.getByRole('cell', { name: createHash('sha256').update(content).digest('hex') }).waitFor();
    const [evidence] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Télécharger pare-feu-${w.tag}.txt` }).click(),
    ]);
    expect(evidence.suggestedFilename()).toBe(`pare-feu-${w.tag}.txt`);
    expect(readFileSync((await evidence.path())!)).toEqual(content);
    expect(unexpectedErrors()).toEqual([]);
  });

  it('the breach panel counts down each controller’s 72 h from its awareness; risk, notification, corrective action, PDF report, closure', async () => {
    expect(reference).toMatch(/^INC-/);
    await login(page, `rssi-${w.tag}`);
    await page.goto(`/incidents/${reference}?tab=breach`);
    await page.getByText('Aucune violation de données n’est ouverte pour cet incident.').waitFor();
    await page.getByLabel('Nature de la violation').fill('Copies de dossiers médicaux possiblement exfiltrées');
    await page.getByRole('button', { name: 'Ouvrir', exact: true }).click();
    const card = page.getByRole('region', { name: 'Responsable de traitement : Ville d’Ivry-sur-Seine' });
    await card.waitFor();
    await expect(card.getByTestId('countdown-text-ivry').textContent()).resolves.toBe(
      'Délai non démarré : prise de connaissance à enregistrer',
    );

    // ivry became aware 30 minutes ago (local time of the browser).
    const awareLocal = await page.evaluate(() => {
      const d = new Date(Date.now() - 30 * 60_000);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    });
    await card.getByLabel('Prise de connaissance par le responsable de traitement').fill(awareLocal);
    await card.getByRole('button', { name: 'Enregistrer la prise de connaissance' }).click();
    const countdown = card.getByTestId('countdown-text-ivry');
    await countdown.filter({ hasText: /^Reste / }).waitFor();
    const breach = (await w.rssi.get(`/api/v1/incidents/${reference}/breach`)).body;
    const ivry = breach.controllers.find((c: { member: string }) => c.member === 'ivry');
    const hoursLeft = Math.floor((Date.parse(ivry.deadline.deadline) - Date.now()) / HOUR);
    expect(hoursLeft).toBe(71);
    const first = await countdown.textContent();
    expect(first).toMatch(new RegExp(`^Reste ${hoursLeft} h \\d+ min \\d+ s$`));
    // It ticks.
    await page.waitForTimeout(1500);
    expect(await countdown.textContent()).not.toBe(first);
    await expect(card.getByRole('timer', { name: 'Délai CNIL de Ville d’Ivry-sur-Seine' }).count()).resolves.toBe(1);
    await checkScreen(page, 'incident-breach');

    // The breach record is corrected: a nature too short is said at the field; the deadline does not move.
    await page.getByRole('button', { name: 'Corriger la violation' }).click();
    const correction = page.getByRole('region', { name: 'Corriger la violation' });
    const nature = correction.getByLabel('Nature de la violation');
    await nature.fill('ab');
    await correction.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await nature.and(page.locator('[aria-invalid="true"]')).waitFor();
    await checkScreen(page, 'incident-breach-edit');
    await nature.fill('Copies de dossiers médicaux exfiltrées par un compte compromis');
    await correction.getByLabel('Nombre approximatif de personnes').fill('120');
    await correction.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await page.getByRole('status').filter({ hasText: 'Violation corrigée.' }).waitFor();
    const corrected = (await w.rssi.get(`/api/v1/incidents/${reference}/breach`)).body;
    expect(corrected).toMatchObject({
      nature: 'Copies de dossiers médicaux exfiltrées par un compte compromis',
      subjectsApprox: 120,
      recordsApprox: null,
    });
    expect(corrected.controllers.find((c: { member: string }) => c.member === 'ivry').deadline.deadline).toBe(
      ivry.deadline.deadline,
    );

    // Risk assessment: a high risk means notifying the CNIL and telling the data subjects.
    await card.getByLabel('Niveau de risque pour les droits et libertés').selectOption('high');
    await card.getByLabel('Justification').fill('Données de santé d’agents, non chiffrées');
    await card.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    const decision = card.getByTestId('decision-ivry');
    await decision.getByText('Notifier la CNIL : Oui').waitFor();
    await decision.getByText('Communication aux personnes concernées : requise').waitFor();

    // An initial notification within the 72 h.
    await card.getByRole('button', { name: 'Enregistrer une notification' }).click();
    const form = card.getByRole('form', { name: 'Enregistrer une notification' });
    await form.getByLabel('Référence CNIL').fill(`CNIL-${w.tag}`);
    await form.getByLabel('Nature de la violation').fill('Exfiltration possible de dossiers médicaux');
    await form.getByRole('button', { name: 'Enregistrer une notification' }).click();
    const notifications = card.getByRole('table', { name: 'Notifications à la CNIL de Ville d’Ivry-sur-Seine' });
    await notifications.getByRole('cell', { name: `CNIL-${w.tag}` }).waitFor();
    await notifications.getByRole('cell', { name: 'Dans les délais' }).waitFor();
    await countdown.filter({ hasText: /^Notifiée à la CNIL le .*, dans les délais$/ }).waitFor();

    // Corrective action: created, then moved along.
    await openTab('Actions correctives');
    await page.getByLabel('Intitulé').fill(`MFA sur le SIRH ${w.tag}`);
    await page.getByLabel('Responsable').fill('DSI - pôle infrastructure');
    await page.getByLabel('Non-conformité').fill('Compte administrateur sans second facteur');
    await page.getByRole('textbox', { name: 'Action corrective' }).fill('Imposer le MFA aux comptes administrateurs');
    await page.getByRole('button', { name: 'Créer l’action' }).click();
    const row = page.locator(`tr[data-action="MFA sur le SIRH ${w.tag}"]`);
    await row.getByText('Ouverte').waitFor();
    await page.getByLabel(`Nouveau statut de « MFA sur le SIRH ${w.tag} »`).selectOption('in_progress');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await row.getByText('En cours').waitFor();
    await checkScreen(page, 'incident-actions');
    // Implemented, reviewed as effective, then closed.
    const nextStatus = page.getByLabel(`Nouveau statut de « MFA sur le SIRH ${w.tag} »`);
    await nextStatus.selectOption('implemented');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await row.getByText('Mise en œuvre').waitFor();
    const review = page.getByRole('form', { name: `Revue d’efficacité de « MFA sur le SIRH ${w.tag} »` });
    await review.getByLabel('Méthode').fill('Tentative de connexion sans second facteur refusée');
    await review.getByLabel('Relecteur').fill('RSSI');
    await review.getByRole('button', { name: 'Enregistrer la revue' }).click();
    await row.getByText(/^Efficace le \d{4}-\d{2}-\d{2} par RSSI$/).waitFor();
    await nextStatus.selectOption('closed');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await row.getByText('Close', { exact: true }).waitFor();
    const actions = (await w.rssi.get(`/api/v1/corrective-actions?incident=${reference}`)).body;
    expect(
      actions.map((a: { title: string; status: string; review: { result: string } | null }) => [
        a.title,
        a.status,
        a.review?.result,
      ]),
    ).toEqual([[`MFA sur le SIRH ${w.tag}`, 'closed', 'effective']]);

    // The PDF report.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger le rapport (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${reference}.pdf`);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');

    // Closing needs the root cause and the lessons learned: the 422 is shown at each field.
    await openTab('Synthèse');
    await moveTo('Éradiqué');
    await moveTo('Rétabli');
    await page.getByLabel('Statut suivant').selectOption({ label: 'Clos' });
    await page.getByRole('button', { name: 'Changer le statut' }).click();
    const rootCause = page.getByLabel('Cause racine');
    // The 422 comes back after the click: wait for it rather than read the fields at once.
    await rootCause.and(page.locator('[aria-invalid="true"]')).waitFor();
    await page.getByLabel('Enseignements tirés').and(page.locator('[aria-invalid="true"]')).waitFor();
    await expect(page.getByText('Champ obligatoire pour clore l’incident.').count()).resolves.toBe(2);
    await rootCause.fill('Mot de passe administrateur réutilisé, sans MFA');
    await page.getByLabel('Enseignements tirés').fill('MFA obligatoire pour tout compte à privilèges');
    await page.getByRole('button', { name: 'Changer le statut' }).click();
    await page.getByText('Statut actuel : Clos').waitFor();
    await page.getByText('Aucun statut suivant : l’incident est clos.').waitFor();
    expect((await w.rssi.get(`/api/v1/incidents/${reference}`)).body).toMatchObject({
      status: 'closed',
      rootCause: 'Mot de passe administrateur réutilisé, sans MFA',
    });
    expect(unexpectedErrors()).toEqual([]);
  });

  it('the RSSI edits an incident, records a processor notice and the Art. 34 communication, then reads the deadlines, the breach register, the actions and the log', async () => {
    expect(reference).toMatch(/^INC-/);
    // A second incident of ivry with a breach whose controller is not told yet, and a third
    // whose controller became aware 80 h ago: its deadline is overdue.
    const second = await w.rssi.post('/api/v1/incidents', {
      title: `Fuite de données RH ${w.tag}`,
      source: 'user_report',
      category: 'data_leak',
      impact: 'medium',
      urgency: 'medium',
      members: ['ivry'],
      personalDataSuspected: true,
    });
    expect(second.status).toBe(201);
    const ref2: string = second.body.reference;
    second2 = ref2;
    const opened = await w.rssi.post(`/api/v1/incidents/${ref2}/breach`, {
      consortiumAwareAt: new Date(Date.now() - HOUR).toISOString(),
      nature: 'Export de la paie adressé à un mauvais destinataire',
    });
    expect(opened.status).toBe(201);
    const third = await w.rssi.post('/api/v1/incidents', {
      title: `Vol d’un portable ${w.tag}`,
      source: 'user_report',
      category: 'loss_or_theft',
      members: ['ivry'],
    });
    expect(third.status).toBe(201);
    const ref3: string = third.body.reference;
    const aware = new Date(Date.now() - 80 * HOUR).toISOString();
    expect(
      (
        await w.rssi.post(`/api/v1/incidents/${ref3}/breach`, {
          consortiumAwareAt: aware,
          nature: 'Portable non chiffré',
        })
      ).status,
    ).toBe(201);
    expect(
      (await w.rssi.request('PUT', `/api/v1/incidents/${ref3}/breach/controllers/ivry/awareness`, { awareAt: aware }))
        .status,
    ).toBe(200);
    // An overdue corrective action on the second incident.
    const yesterday = new Date(Date.now() - 24 * HOUR).toISOString().slice(0, 10);
    const late = await w.rssi.post('/api/v1/corrective-actions', {
      source: 'incident',
      incident: ref2,
      title: `Contrôle des destinataires ${w.tag}`,
      nonconformity: 'Envoi sans vérification du destinataire',
      action: 'Double validation des envois de la paie',
      owner: 'DRH',
      dueDate: yesterday,
    });
    expect(late.status).toBe(201);

    await login(page, `rssi-${w.tag}`);
    await page.goto(`/incidents/${ref2}`);
    await page.getByRole('heading', { name: `${ref2} — Fuite de données RH ${w.tag}` }).waitFor();

    // Edit: a title too short is refused by the API and said at the field.
    await page.getByRole('button', { name: 'Modifier l’incident' }).click();
    const edit = page.getByRole('region', { name: 'Modifier l’incident' });
    const title = edit.getByLabel('Intitulé');
    await title.fill('ab');
    await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await title.and(page.locator('[aria-invalid="true"]')).waitFor();
    await edit.getByText(/^title must be longer than or equal to 3 characters$/).waitFor();
    await checkScreen(page, 'incident-edit');
    await title.fill(`Fuite de la paie ${w.tag}`);
    await edit.getByLabel('Description').fill('Fichier de paie envoyé à une adresse externe');
    await edit.getByLabel('Catégorie (classification)').selectOption('unauthorised_access');
    await edit.getByLabel('Impact').selectOption('high');
    await edit.getByLabel('Urgence').selectOption('high');
    await expect(edit.getByTestId('edit-severity-preview').textContent()).resolves.toContain(': Critique');
    await edit.getByLabel('Origine', { exact: true }).selectOption('user_report');
    await edit.getByLabel('Référence d’origine').fill('TICKET-4521');
    await edit.getByLabel('Confidentialité', { exact: true }).selectOption('high');
    // Occurring after its detection is refused by the API and said at the field.
    const detected = await edit.getByLabel(/^Détecté le/).inputValue();
    const occurred = edit.getByLabel(/^Survenu le/);
    const after = new Date(new Date(detected).getTime() + 3_600_000);
    const local = (d: Date) => {
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    };
    await occurred.fill(local(after));
    await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await occurred.and(page.locator('[aria-invalid="true"]')).waitFor();
    await edit.getByText('is after detectedAt').waitFor();
    const earlier = new Date(new Date(detected).getTime() - 2 * 3_600_000);
    await occurred.fill(local(earlier));
    // The page reads the field in its own time zone (the browser's, which may not be this process's).
    const occurredIso = await page.evaluate((v) => new Date(v).toISOString(), local(earlier));
    await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByRole('heading', { name: `${ref2} — Fuite de la paie ${w.tag}` }).waitFor();
    await page.getByRole('status').getByText('Modifications enregistrées.').waitFor();
    expect((await w.rssi.get(`/api/v1/incidents/${ref2}`)).body).toMatchObject({
      title: `Fuite de la paie ${w.tag}`,
      description: 'Fichier de paie envoyé à une adresse externe',
      category: 'unauthorised_access',
      impact: 'high',
      urgency: 'high',
      severity: 'critical',
      source: 'user_report',
      sourceRef: 'TICKET-4521',
      occurredAt: occurredIso,
      cia: { confidentiality: 'high' },
    });

    // The processor tells ivry: its 72 h start at the notice.
    await openTab('Violation de données');
    const card = page.getByRole('region', { name: 'Responsable de traitement : Ville d’Ivry-sur-Seine' });
    await card
      .getByTestId('countdown-text-ivry')
      .filter({ hasText: /^Délai non démarré/ })
      .waitFor();
    await card.getByRole('button', { name: 'Enregistrer un avis' }).click();
    const notice = card.getByRole('form', { name: 'Avis à Ville d’Ivry-sur-Seine' });
    await notice.getByLabel('Canal').fill('courriel au DPO de la ville');
    await notice.getByLabel('Contenu de l’avis').fill(`Violation ${ref2} : paie envoyée à un tiers`);
    await checkScreen(page, 'incident-notice');
    await notice.getByRole('button', { name: 'Enregistrer un avis' }).click();
    const notices = card.getByRole('table', { name: 'Avis envoyés à Ville d’Ivry-sur-Seine' });
    await notices.getByRole('cell', { name: `Violation ${ref2} : paie envoyée à un tiers` }).waitFor();
    await notices.getByRole('cell', { name: 'courriel au DPO de la ville' }).waitFor();
    await card
      .getByTestId('countdown-text-ivry')
      .filter({ hasText: /^Reste 7[12] h / })
      .waitFor();
    const afterNotice = (await w.rssi.get(`/api/v1/incidents/${ref2}/breach`)).body;
    expect(afterNotice.controllers[0]).toMatchObject({
      member: 'ivry',
      notices: [{ channel: 'courriel au DPO de la ville', sentBy: `rssi-${w.tag}` }],
      deadline: { state: 'pending' },
    });

    // High risk but the data were encrypted: Art. 34(3)(a) exempts telling the data subjects.
    await card.getByLabel('Niveau de risque pour les droits et libertés').selectOption('high');
    await card.getByLabel('Justification').fill('Bulletins de paie, fichier chiffré');
    await card.getByLabel('Données inintelligibles (chiffrement) — art. 34(3)(a)').check();
    await card.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    const subjects = card.getByTestId('subjects-ivry');
    await subjects.and(page.locator('[data-decision="exempt"]')).waitFor();
    await expect(subjects.textContent()).resolves.toContain('Exemptée : données inintelligibles');
    // Reassessed: the key was on the same drive, so the data subjects must be told.
    await card.getByLabel('Justification').fill('La clé de chiffrement était stockée avec le fichier');
    await card.getByLabel('Données inintelligibles (chiffrement) — art. 34(3)(a)').uncheck();
    await card.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await subjects.and(page.locator('[data-decision="required"]')).waitFor();
    await expect(subjects.textContent()).resolves.toContain('Requise : informer les personnes concernées');
    await card.getByRole('button', { name: 'Enregistrer la communication' }).click();
    const told = card.getByRole('form', { name: 'Communication aux personnes concernées de Ville d’Ivry-sur-Seine' });
    await told.getByLabel('Moyen de communication').fill('courrier individuel');
    await told.getByLabel('Contenu de la communication').fill('Vos bulletins de paie ont été adressés à un tiers');
    await checkScreen(page, 'incident-subjects');
    await told.getByRole('button', { name: 'Enregistrer la communication' }).click();
    await card
      .getByTestId('subjects-told-ivry')
      .getByText(/^Personnes informées le .* — moyen : courrier individuel$/)
      .waitFor();
    const afterSubjects = (await w.rssi.get(`/api/v1/incidents/${ref2}/breach`)).body;
    expect(afterSubjects.controllers[0]).toMatchObject({
      decision: { subjectCommunication: 'required' },
      subjectCommunication: { method: 'courrier individuel' },
    });

    // The deadlines across incidents: the overdue one first, then ivry's running countdown.
    await page.goto('/incidents');
    await page.getByRole('link', { name: 'Échéances des violations' }).click();
    await page.getByRole('heading', { name: 'Échéances de notification à la CNIL' }).waitFor();
    const deadlines = page.getByRole('table', {
      name: 'Délais de notification à la CNIL par responsable de traitement, échéances dépassées d’abord',
    });
    const running = deadlines.locator(`tr[data-incident="${ref2}"][data-member="ivry"]`);
    await running.waitFor();
    await expect(running.textContent()).resolves.toContain('Ville d’Ivry-sur-Seine');
    await expect(running.textContent()).resolves.toContain('En cours');
    const tick = running.getByRole('timer');
    const before = await tick.textContent();
    expect(before).toMatch(/^Reste 7[12] h \d+ min \d+ s$/);
    await page.waitForTimeout(1500);
    expect(await tick.textContent()).not.toBe(before);
    const order = await deadlines
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-incident')}/${r.getAttribute('data-state')}`));
    expect(order.slice(0, 2)).toEqual([`${ref3}/overdue`, `${ref2}/pending`]);
    await expect(deadlines.locator(`tr[data-incident="${ref3}"]`).getByRole('timer').textContent()).resolves.toMatch(
      /^Échéance dépassée de 8 h \d+ min$/,
    );
    // The first incident, notified on time, appears only with the closed deadlines.
    await expect(deadlines.locator(`tr[data-incident="${reference}"]`).count()).resolves.toBe(0);
    await checkScreen(page, 'incident-deadlines');
    await page.getByLabel('Afficher aussi les délais clos (notifiées, non requises)').check();
    await expect(deadlines.locator(`tr[data-incident="${reference}"]`).textContent()).resolves.toContain(
      'Notifiée dans les délais',
    );

    // ivry's Art. 33(5) register: the notified breach and the ones not notified, with the reason.
    await page.goto('/incidents');
    await page.getByRole('link', { name: 'Registre des violations' }).click();
    await page.getByRole('heading', { name: 'Registre des violations de données (art. 33(5))' }).waitFor();
    await page.getByLabel('Adhérent (responsable de traitement)').selectOption('ivry');
    const register = page.getByRole('table', {
      name: 'Registre des violations de Ville d’Ivry-sur-Seine, y compris celles non notifiées à la CNIL',
    });
    const pending = register.locator(`tr[data-incident="${ref2}"]`);
    await pending.waitFor();
    await expect(pending.getAttribute('data-notified')).resolves.toBe('false');
    await expect(pending.textContent()).resolves.toContain('Non notifiée : notification requise, pas encore envoyée');
    await expect(pending.textContent()).resolves.toContain(`Contrôle des destinataires ${w.tag}`);
    await expect(register.locator(`tr[data-incident="${ref3}"]`).textContent()).resolves.toContain(
      'Non notifiée : risque pas encore évalué',
    );
    await expect(register.locator(`tr[data-incident="${reference}"]`).textContent()).resolves.toMatch(/Notifiée le /);
    expect(new URL(page.url()).searchParams.get('member')).toBe('ivry');
    await checkScreen(page, 'breach-register');

    // Every corrective action in scope, the overdue one first.
    await page.goto('/incidents');
    await page.getByRole('link', { name: 'Toutes les actions correctives' }).click();
    const all = page.getByRole('table', {
      name: 'Actions correctives de mon périmètre, les actions en retard d’abord',
    });
    await all.locator(`tr[data-action="Contrôle des destinataires ${w.tag}"]`).waitFor();
    const firstRow = all.locator('tbody tr').first();
    await expect(firstRow.getAttribute('data-action')).resolves.toBe(`Contrôle des destinataires ${w.tag}`);
    await expect(firstRow.textContent()).resolves.toContain('En retard');
    await expect(all.locator(`tr[data-action="MFA sur le SIRH ${w.tag}"]`).textContent()).resolves.toContain('Close');
    await checkScreen(page, 'actions-overview');

    // The list's indicators and the log export.
    await page.goto('/incidents');
    const metrics = page.getByRole('table', { name: 'Indicateurs des incidents (filtres en cours)' });
    await metrics.waitFor();
    const expected = (await w.rssi.get('/api/v1/incident-reports/metrics')).body;
    await expect(metrics.locator('tr[data-metric="incidents"] td').textContent()).resolves.toBe(
      String(expected.incidents),
    );
    await expect(metrics.locator('tr[data-metric="mttd"] th').textContent()).resolves.toBe(
      'Délai moyen de détection (MTTD)',
    );
    await expect(metrics.locator('tr[data-metric="deadlines"] td').textContent()).resolves.toBe(
      String(expected.breachDeadlinesOverdue),
    );
    expect(expected.breachDeadlinesOverdue).toBeGreaterThanOrEqual(1);
    await checkScreen(page, 'incidents-list-reports');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter le journal (CSV)' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^incident-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const log = readFileSync((await csv.path())!, 'utf8');
    expect(log).toContain(reference);
    expect(log).toContain(ref2);
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter le journal (XLSX)' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(
      readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
    expect(unexpectedErrors()).toEqual([]);
  });

  it('the incident list filters by severity, status and member', async () => {
    expect(reference).toMatch(/^INC-/);
    await login(page, `rssi-${w.tag}`);
    await page.goto('/incidents');
    const table = page.getByTestId('incidents-table');
    const row = table.locator(`tr[data-incident="${reference}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Critique');
    await checkScreen(page, 'incidents-list');
    await page.getByLabel('Gravité').selectOption('low');
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('Gravité').selectOption('critical');
    await page.getByLabel('Statut').selectOption('closed');
    await page.getByLabel('Adhérent').selectOption('ivry');
    await row.waitFor();
    const filters = new URL(page.url()).searchParams;
    expect([filters.get('severity'), filters.get('status'), filters.get('member')]).toEqual([
      'critical',
      'closed',
      'ivry',
    ]);
    await page.getByLabel('Adhérent').selectOption('vitry');
    await row.waitFor({ state: 'detached' });
    expect(unexpectedErrors()).toEqual([]);
  });

  it('the application map: the matrix flags sensitive categories; the application and the impact of its host name the processing activity', async () => {
    await login(page, `rssi-${w.tag}`);
    await page.getByRole('link', { name: 'Cartographie' }).click();
    await page.getByRole('heading', { name: 'Cartographie des applications' }).waitFor();
    const matrix = page.getByRole('table', { name: 'Applications × catégories de données personnelles' });
    const row = matrix.locator(`tr[data-application="${w.app.name}"]`);
    await row.waitFor();
    const health = matrix.locator('th[data-category="health"]');
    await expect(health.textContent()).resolves.toContain('sensible (art. 9)');
    const headerCells = matrix.locator('thead th');
    const headers: Array<string | null> = [];
    for (let i = 0; i < (await headerCells.count()); i++)
      headers.push(await headerCells.nth(i).getAttribute('data-category'));
    const healthColumn = headers.indexOf('health');
    expect(healthColumn).toBeGreaterThan(0);
    await expect(row.locator('th, td').nth(healthColumn).textContent()).resolves.toBe('Confirmée');
    await checkScreen(page, 'map-matrix');

    await row.getByRole('link', { name: w.app.name }).click();
    await page.getByRole('heading', { name: w.app.name }).waitFor();
    await page
      .getByRole('table', { name: 'Hôtes de l’application' })
      .getByRole('cell', { name: `${w.host}.siim94.local`, exact: true })
      .waitFor();
    await page
      .getByRole('table', { name: 'Activités de traitement qui utilisent l’application' })
      .getByRole('cell', { name: w.activity.name })
      .waitFor();
    await checkScreen(page, 'map-application');

    await page.getByRole('link', { name: 'Retour à la cartographie' }).click();
    await page.getByRole('link', { name: 'Impact de la compromission d’un hôte' }).click();
    await page.getByLabel('Nom d’hôte ou adresse IP').fill(w.host);
    await page.getByRole('button', { name: 'Évaluer l’impact' }).click();
    await page.getByRole('heading', { name: `Si ${w.host} est compromis` }).waitFor();
    const activities = page.getByRole('table', { name: `Activités de traitement en jeu si ${w.host} est compromis` });
    await activities.getByRole('cell', { name: w.activity.name }).waitFor();
    await activities.getByRole('cell', { name: w.activity.reference }).waitFor();
    await page
      .getByRole('region', { name: 'Adhérents (responsables de traitement) concernés' })
      .getByText('Ville d’Ivry-sur-Seine')
      .waitFor();
    await expect(page.getByRole('region', { name: 'Catégories de données en jeu' }).textContent()).resolves.toContain(
      'sensible (art. 9)',
    );
    await checkScreen(page, 'map-impact');
    expect(unexpectedErrors()).toEqual([]);
  });

  it('a referent of vitry sees neither the incident nor the application', async () => {
    expect(reference).toMatch(/^INC-/);
    await login(page, `ref-vitry-${w.tag}`);
    await page.goto('/incidents');
    await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    await expect(page.locator(`tr[data-incident="${reference}"]`).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Nouvel incident' }).count()).resolves.toBe(0);
    await page.goto(`/incidents/${reference}`);
    await page.getByText('Incident introuvable.').waitFor();

    // Nor the breach deadlines, the register of ivry, the corrective actions or the log of ivry's incidents.
    expect(second2).toMatch(/^INC-/);
    await page.goto('/incidents/deadlines');
    await page.getByRole('heading', { name: 'Échéances de notification à la CNIL' }).waitFor();
    await page.getByLabel('Afficher aussi les délais clos (notifiées, non requises)').check();
    await page.getByText('Aucun délai en cours.').waitFor();
    await expect(page.locator('tr[data-incident]').count()).resolves.toBe(0);
    await checkScreen(page, 'incident-deadlines-referent');
    await page.goto('/incidents/register');
    await page.getByRole('heading', { name: 'Registre des violations de données (art. 33(5))' }).waitFor();
    const choices = page.getByLabel('Adhérent (responsable de traitement)').locator('option');
    await choices.filter({ hasText: 'Vitry' }).waitFor({ state: 'attached' });
    await expect(choices.allTextContents()).resolves.toEqual([
      'Choisir un adhérent',
      'Ville de Vitry-sur-Seine (vitry)',
    ]);
    await page.getByLabel('Adhérent (responsable de traitement)').selectOption('vitry');
    await page.getByText('Aucune violation de données enregistrée pour cet adhérent.').waitFor();
    await checkScreen(page, 'breach-register-referent');
    await page.goto('/incidents/register?member=ivry');
    await page.getByText('Adhérent introuvable.').waitFor();
    await expect(page.locator('tr[data-incident]').count()).resolves.toBe(0);
    await page.goto('/incidents/actions');
    await page.getByText('Aucune action corrective.').waitFor();
    await expect(page.locator('tr[data-action]').count()).resolves.toBe(0);
    await page.goto('/incidents');
    await page.getByRole('table', { name: 'Indicateurs des incidents (filtres en cours)' }).waitFor();
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter le journal (CSV)' }).click(),
    ]);
    const log = readFileSync((await csv.path())!, 'utf8');
    expect(log).not.toContain(reference);
    expect(log).not.toContain(second2);

    await page.goto('/map');
    await page.getByRole('heading', { name: 'Cartographie des applications' }).waitFor();
    await page.waitForLoadState('networkidle');
    await expect(page.locator(`tr[data-application="${w.app.name}"]`).count()).resolves.toBe(0);
    await expect(page.getByText(w.app.name).count()).resolves.toBe(0);
    await page.goto(`/map/applications/${w.app.id}`);
    await page.getByText('Application introuvable.').waitFor();
    await page.goto(`/map/impact?host=${w.host}`);
    await page.getByText(`Aucune application connue sur ${w.host}.`).waitFor();
    await expect(page.getByText(w.activity.name).count()).resolves.toBe(0);
    expect(unexpectedErrors()).toEqual([]);
  });
});
