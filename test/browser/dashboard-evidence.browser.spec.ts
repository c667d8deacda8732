import { createSocket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import { ApiClient, TestApp, USER_PASSWORD } from '@vigie/testing';
import type { Page } from 'playwright-core';
import { checkScreen, describeWithBrowser, errorsOtherThan, login, useBrowserSuite } from '../support/browser';
import { createUsers, ensureMembers, IVRY_CITY, startWorld, VITRY_CITY } from '../support/browser-world';
import { sshAttack, SSH_BRUTE_FORCE, waitFor } from '../integration/alerts/triage-scenario';

jest.setTimeout(180_000);

const HOUR = 3_600_000;
const IVRY = 'Ville d’Ivry-sur-Seine';

interface World {
  t: TestApp;
  rssi: ApiClient;
  tag: string;
  host: string;
  /** A host whose only event is three hours old: silent after one hour. */
  quietHost: string;
  alertLevel: string;
  incident: { id: string; reference: string };
}

/** One syslog line from `host` stamped `at`, over UDP. */
async function sendOld(port: number, host: string, at: Date): Promise<void> {
  const udp = createSocket('udp4');
  const line = `<38>1 ${at.toISOString()} ${host} sshd 4100 - - Accepted publickey for backup from 192.0.2.10 port 40000 ssh2`;
  await new Promise<void>((r) => udp.send(line, port, '127.0.0.1', () => r()));
  udp.close();
}

/**
 * ivry owns 127.0.0.0/8 (the test's syslog is ivry's); vitry has no source. An RSSI,
 * an auditor and a referent of vitry. An SSH brute force on an ivry host (events
 * and an alert), an old line from a second ivry host, and an incident on ivry with
 * a personal data breach whose 72 h deadline is past.
 */
async function buildWorld(t: TestApp): Promise<World> {
  const { tag, anon, admin } = await startWorld(t);
  await ensureMembers(admin, t, [IVRY_CITY, VITRY_CITY]);
  await createUsers(admin, [
    { username: `rssi-${tag}`, roles: ['rssi'], memberScopes: [] },
    { username: `auditor-${tag}`, roles: ['auditor'], memberScopes: [] },
    { username: `ref-vitry-${tag}`, roles: ['referent'], memberScopes: ['vitry'] },
  ]);
  const rssi = await anon.login(`rssi-${tag}`, USER_PASSWORD);

  const host = `srv-web-${tag}`;
  const quietHost = `srv-backup-${tag}`;
  await sshAttack(t.syslogPort, host, '203.0.113.77', 6);
  await sendOld(t.syslogPort, quietHost, new Date(Date.now() - 3 * HOUR));
  const alertId = await waitFor('the SSH brute-force alert', async () => {
    const r = await rssi.get(`/api/v1/alerts?rule=${SSH_BRUTE_FORCE}&q=${encodeURIComponent(host)}`);
    return (r.body?.items as Array<{ id: string }> | undefined)?.[0]?.id;
  });
  const alertLevel = (await rssi.get(`/api/v1/alerts/${alertId}`)).body.rule.level as string;
  // Every line indexed (the indexer runs on its own), so that the figures stay put.
  await waitFor('the seven events indexed', async () => {
    const r = await rssi.get('/api/v1/events/count?member=ivry&from=now-24h');
    return r.body.count >= 7 ? true : undefined;
  });

  const now = Date.now();
  const inc = await rssi.post('/api/v1/incidents', {
    title: `Exfiltration de fichiers RH ${tag}`,
    source: 'alert',
    category: 'data_leak',
    detectedAt: new Date(now - 77 * HOUR).toISOString(),
    confidentiality: 'high',
    urgency: 'high',
    members: ['ivry'],
  });
  if (inc.status !== 201) throw new Error(`incident: ${inc.status} ${JSON.stringify(inc.body)}`);
  const breach = await rssi.post(`/api/v1/incidents/${inc.body.id}/breach`, {
    consortiumAwareAt: new Date(now - 76 * HOUR).toISOString(),
    nature: 'Copies de bulletins de paie possiblement exfiltrées',
  });
  if (breach.status !== 201) throw new Error(`breach: ${breach.status} ${JSON.stringify(breach.body)}`);
  const aware = await rssi.request('PUT', `/api/v1/incidents/${inc.body.id}/breach/controllers/ivry/awareness`, {
    awareAt: new Date(now - 75 * HOUR).toISOString(),
  });
  if (aware.status !== 200) throw new Error(`awareness: ${aware.status} ${JSON.stringify(aware.body)}`);
  return { t, rssi, tag, host, quietHost, alertLevel, incident: { id: inc.body.id, reference: inc.body.reference } };
}

describeWithBrowser('dashboard and audit evidence in a real browser (embedded app, Chromium)', () => {
  const ui = useBrowserSuite(buildWorld, {
    context: { acceptDownloads: true },
    timeout: 20_000,
    consoleUrls: true,
    failedResponses: true,
  });
  let w: World;
  let page: Page;
  beforeEach(() => {
    ({ world: w, page } = ui);
  });

  async function openDashboard(): Promise<void> {
    await page.getByRole('link', { name: 'Tableau de bord' }).click();
    await page.getByRole('heading', { name: 'Tableau de bord', level: 2 }).waitFor();
    for (const id of ['events', 'alerts', 'incidents', 'deadlines', 'sources'])
      await page.locator(`[data-testid="panel-${id}"][aria-busy="false"]`).waitFor();
  }

  // The console ships no favicon: Chromium's request for one is not the screens' doing.
  const unexpectedErrors = () => errorsOtherThan(ui.errors, [/401|Unauthorized|\/favicon\.ico$/]);

  it('the RSSI’s dashboard shows the seeded figures: event rates of ivry, the alert’s level, the silent host, the incident and its overdue deadline', async () => {
    await login(page, `rssi-${w.tag}`);
    await openDashboard();

    // Events: ivry in the legend and the table, with the count the API gives.
    const count = (await w.rssi.get('/api/v1/events/count?member=ivry&from=now-24h')).body.count as number;
    expect(count).toBeGreaterThanOrEqual(7);
    const rates = page.getByTestId('events-rates');
    await expect(rates.locator('tr[data-member="ivry"] th').textContent()).resolves.toContain(IVRY);
    await expect(page.getByTestId('events-total-ivry').textContent()).resolves.toBe(String(count));
    await expect(page.locator('.recharts-legend-item-text', { hasText: IVRY }).count()).resolves.toBe(1);
    await expect(page.locator('.recharts-line').count()).resolves.toBeGreaterThanOrEqual(1);
    // The range changes the query: the last hour leaves the three-hour-old line out.
    await page.getByLabel('Période').selectOption('1h');
    await page
      .getByTestId('events-total-ivry')
      .filter({ hasText: String(count - 1) })
      .waitFor();

    // Alerts: the SSH brute force counted under its level, as the API counts it; the link filters the queue.
    const unclosed = await w.rssi.get(
      `/api/v1/alerts?level=${w.alertLevel}&status=open,acknowledged,in_progress&limit=1`,
    );
    const expected = unclosed.body.total as number;
    expect(expected).toBeGreaterThanOrEqual(1);
    const levelLink = page.getByTestId(`alerts-level-${w.alertLevel}`);
    await expect(levelLink.textContent()).resolves.toBe(String(expected));
    await expect(levelLink.getAttribute('href')).resolves.toBe(
      `/alerts?level=${w.alertLevel}&status=open,acknowledged,in_progress`,
    );

    // Incidents: one open, linking to its page.
    await expect(page.getByTestId('incidents-count').textContent()).resolves.toBe('1 incident(s) ouvert(s)');
    const incidentLink = page
      .getByTestId('incidents-list')
      .getByRole('link', { name: new RegExp(w.incident.reference) });
    await expect(incidentLink.getAttribute('href')).resolves.toBe(`/incidents/${w.incident.id}`);

    // Deadlines: ivry's 72 h are past by about three hours, said in words, not by colour alone.
    const row = page.getByTestId('deadlines').locator('tr[data-member="ivry"]');
    await expect(row.getAttribute('data-state')).resolves.toBe('overdue');
    const rowText = await row.textContent();
    expect(rowText).toContain('Dépassé');
    expect(rowText).toContain(IVRY);
    expect(rowText).toMatch(/dépassé de (2 h 5\d|3 h 0\d) min/);
    await expect(page.getByTestId('deadlines-summary').textContent()).resolves.toContain('1 dépassé(s)');

    // Sources: nothing silent after 24 h; after one hour, the host whose last line is three hours old.
    await expect(page.getByTestId('panel-sources').getByText(w.quietHost).count()).resolves.toBe(0);
    await expect(page.getByTestId('members-without-source').textContent()).resolves.toContain(
      'Ville de Vitry-sur-Seine',
    );
    await page.getByLabel('Silencieuse après').selectOption('1h');
    const silent = page.getByTestId('silent-sources');
    await silent.getByRole('rowheader', { name: w.quietHost }).waitFor();
    await expect(silent.getByRole('rowheader', { name: w.host }).count()).resolves.toBe(0);
    await expect(page.getByTestId('sources-summary').textContent()).resolves.toBe(
      '1 source(s) silencieuse(s) sur 2 vue(s) en 30 jours',
    );
    await checkScreen(page, 'dashboard-rssi');

    // The alert count leads to the queue.
    await levelLink.click();
    await page.getByRole('heading', { name: 'File des alertes' }).waitFor();
    expect(new URL(page.url()).searchParams.get('level')).toBe(w.alertLevel);
    expect(unexpectedErrors()).toEqual([]);
  });

  it('a referent of vitry sees none of ivry’s figures on the dashboard', async () => {
    await login(page, `ref-vitry-${w.tag}`);
    await openDashboard();
    await page.getByText('Aucun événement reçu sur la période.').waitFor();
    await expect(page.getByTestId('events-rates').count()).resolves.toBe(0);
    await expect(page.getByTestId('alerts-total').textContent()).resolves.toBe('0 alerte(s) non clôturée(s)');
    for (const level of ['critical', 'high', 'medium', 'low', 'informational'])
      await expect(page.getByTestId(`alerts-level-${level}`).textContent()).resolves.toBe('0');
    await expect(page.getByTestId('incidents-count').textContent()).resolves.toBe('0 incident(s) ouvert(s)');
    await page.getByText('Aucun délai de notification en cours.').waitFor();
    await page.getByLabel('Silencieuse après').selectOption('1h');
    await expect(page.getByTestId('sources-summary').textContent()).resolves.toBe(
      '0 source(s) silencieuse(s) sur 0 vue(s) en 30 jours',
    );
    const text = (await page.locator('main').textContent()) ?? '';
    for (const leak of ['Ivry', w.host, w.quietHost, w.incident.reference])
      expect({ leak, found: text.includes(leak) }).toEqual({ leak, found: false });
    await checkScreen(page, 'dashboard-referent');
    expect(unexpectedErrors()).toEqual([]);
  });

  it('an auditor exports the evidence bundle of a period, follows it to the end and downloads the ZIP', async () => {
    await login(page, `auditor-${w.tag}`);
    await page.getByRole('link', { name: 'Preuves d’audit' }).click();
    await page.getByRole('heading', { name: 'Preuves pour l’audit' }).waitFor();
    await page.getByTestId('controls-summary').waitFor();
    // Read only for an auditor: no statement to write.
    await expect(page.getByRole('button', { name: /Rédiger la déclaration/ }).count()).resolves.toBe(0);

    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    await page.getByLabel(/^Du( \*)?$/).fill(day(Date.now() - 30 * 24 * HOUR));
    await page.getByLabel(/^Au \(inclus\)( \*)?$/).fill(day(Date.now()));
    await page.getByLabel('Périmètre', { exact: true }).selectOption('ivry');
    await page.getByRole('button', { name: 'Lancer l’export' }).click();
    const job = page.locator('li[data-export-id]').first();
    await job.waitFor();
    await page.locator('li[data-status="done"]').waitFor({ timeout: 90_000 });
    await expect(job.textContent()).resolves.toContain(IVRY);
    await expect(job.textContent()).resolves.toContain('Terminé');
    await checkScreen(page, 'evidence-auditor');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      job.getByRole('button', { name: /Télécharger le lot/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^vigie-evidence-ivry-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.zip$/);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await expect(job.textContent()).resolves.toContain(
      `Taille : ${new Intl.NumberFormat('fr-FR').format(bytes.length)} octets`,
    );
    await page.getByRole('status').filter({ hasText: 'Lot téléchargé' }).waitFor();

    // Still listed after a reload (the API keeps the user's exports), ready to download again.
    const id = await job.getAttribute('data-export-id');
    await page.reload();
    const again = page.locator(`li[data-export-id="${id}"]`);
    await again.waitFor();
    await expect(again.getAttribute('data-status')).resolves.toBe('done');
    await again.getByRole('button', { name: /Télécharger le lot/ }).waitFor();
    expect(unexpectedErrors()).toEqual([]);
  });

  it('the RSSI writes a control’s statement; it shows as written, here and in the API', async () => {
    await login(page, `rssi-${w.tag}`);
    await page.getByRole('link', { name: 'Preuves d’audit' }).click();
    const summary = page.getByTestId('controls-summary');
    await summary.waitFor();
    const before = (await w.rssi.get('/api/v1/evidence/controls/checklist')).body.frameworks[0];
    await expect(summary.textContent()).resolves.toBe(
      `${before.written} déclaration(s) rédigée(s) sur ${before.controls} mesure(s)`,
    );
    const control = before.sections[0].controls.find(
      (c: { statementStatus: string }) => c.statementStatus === 'missing',
    );
    const row = page.locator(`tr[data-control="${control.id}"]`);
    await expect(row.getAttribute('data-statement')).resolves.toBe('missing');
    await row.getByRole('button', { name: `Rédiger la déclaration de la mesure ${control.id}` }).click();
    const modal = page.getByRole('dialog');
    await modal.getByLabel(/^Déclaration( \*)?$/).waitFor();
    await checkScreen(page, 'evidence-statement-modal');
    const statement = `Formation annuelle des équipes informatiques (${w.tag}).`;
    await modal.getByLabel(/^Déclaration( \*)?$/).fill(statement);
    await modal.getByRole('button', { name: 'Enregistrer' }).click();
    await modal.waitFor({ state: 'hidden' });
    await page.locator(`tr[data-control="${control.id}"][data-statement="written"]`).waitFor();
    await expect(summary.textContent()).resolves.toBe(
      `${before.written + 1} déclaration(s) rédigée(s) sur ${before.controls} mesure(s)`,
    );
    const listed = (await w.rssi.get('/api/v1/evidence/controls')).body as Array<{
      control: string;
      statement: string;
    }>;
    expect(listed.find((c) => c.control === control.id)?.statement).toBe(statement);
    await checkScreen(page, 'evidence-rssi');
    expect(unexpectedErrors()).toEqual([]);
  });
});
