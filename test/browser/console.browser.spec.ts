import { ADMIN_PASSWORD, ApiClient, TestApp, USER_PASSWORD } from '@vigie/testing';
import type { Page } from 'playwright-core';
import {
  checkScreen,
  describeWithBrowser,
  errorsOtherThan,
  login,
  screenshot,
  useBrowserSuite,
} from '../support/browser';
import { createUsers, ensureMembers, IVRY_CITY, startWorld, VITRY_CITY } from '../support/browser-world';
import { sshAttack, SSH_BRUTE_FORCE, waitFor } from '../integration/alerts/triage-scenario';

jest.setTimeout(120_000);

interface World {
  t: TestApp;
  admin: ApiClient;
  rssi: ApiClient;
  tag: string;
  host: string;
  alertId: string;
}

/** ivry owns 127.0.0.0/8 (the test's syslog is ivry's); an RSSI and a referent of vitry; an SSH brute force on an ivry host. */
async function buildWorld(t: TestApp): Promise<World> {
  const { tag, anon, admin } = await startWorld(t);
  await ensureMembers(admin, t, [IVRY_CITY, VITRY_CITY], 'set-network');
  await createUsers(admin, [
    { username: `rssi-${tag}`, roles: ['rssi'], memberScopes: [] },
    { username: `ref-vitry-${tag}`, roles: ['referent'], memberScopes: ['vitry'] },
  ]);
  const rssi = await anon.login(`rssi-${tag}`, USER_PASSWORD);
  const host = `srv-web-${tag}`;
  await sshAttack(t.syslogPort, host, '203.0.113.77', 6);
  const alertId = await waitFor('the SSH brute-force alert', async () => {
    const r = await rssi.get(`/api/v1/alerts?rule=${SSH_BRUTE_FORCE}&q=${encodeURIComponent(host)}`);
    return (r.body?.items as Array<{ id: string }> | undefined)?.[0]?.id;
  });
  return { t, admin, rssi, tag, host, alertId };
}

describeWithBrowser('web console in a real browser (embedded app, Chromium)', () => {
  const ui = useBrowserSuite(buildWorld);
  let w: World;
  let page: Page;
  beforeEach(() => {
    ({ world: w, page } = ui);
  });

  const unexpectedErrors = () => errorsOtherThan(ui.errors, [/401|Unauthorized/]);

  it('serves the console at / with client-side routes surviving a reload, and keeps API 404s', async () => {
    const root = await fetch(`${w.t.baseUrl}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await root.text()).toContain('<div id="root">');
    const deep = await fetch(`${w.t.baseUrl}/admin/members`);
    expect(deep.status).toBe(200);
    const api = await fetch(`${w.t.baseUrl}/api/v1/no-such-route`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { code: string }).code).toBe('not_found');
  });

  it('the login screen is in French, refuses a wrong password and passes axe', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Connexion à Vigie' }).isVisible()).resolves.toBe(true);
    expect(await page.evaluate('document.documentElement.lang')).toBe('fr');
    await checkScreen(page, 'login');
    await page.getByLabel('Identifiant').fill('admin');
    await page.locator('input[name="password"]').fill('not-the-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Identifiant ou mot de passe incorrect');
  });

  it('an admin signs in and sees every screen, each without serious or critical axe violations', async () => {
    await login(page, 'admin', ADMIN_PASSWORD);
    await page.locator(`tr[data-alert-id="${w.alertId}"]`).waitFor();
    await checkScreen(page, 'alerts-admin');

    await page.getByRole('link', { name: 'Recherche d’événements' }).click();
    await page.getByRole('heading', { name: 'Recherche d’événements' }).waitFor();
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('Événements dans le temps').waitFor();
    await checkScreen(page, 'events-admin');

    await page.getByRole('link', { name: 'Registre des traitements' }).click();
    await page.getByRole('heading', { name: 'Registre des activités de traitement' }).waitFor();
    await checkScreen(page, 'register-admin');

    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('tab', { name: 'Utilisateurs' }).waitFor();
    await page.getByRole('cell', { name: `rssi-${w.tag}`, exact: true }).waitFor();
    await checkScreen(page, 'admin-users');
    await page.getByRole('tab', { name: 'Adhérents et réseaux' }).click();
    await page.getByRole('cell', { name: '127.0.0.0/8' }).waitFor();
    await checkScreen(page, 'admin-members');
    await page.getByRole('tab', { name: 'Clés d’API' }).click();
    await page.getByRole('heading', { name: 'Nouvelle clé' }).waitFor();
    await checkScreen(page, 'admin-api-keys');

    // A reload keeps the session and the client-side route.
    await page.reload();
    await page.getByRole('tab', { name: 'Clés d’API', selected: true }).waitFor();
    expect(unexpectedErrors()).toEqual([]);
  });

  it('English is selectable: strings, <html lang> and number formats follow', async () => {
    await login(page, 'admin', ADMIN_PASSWORD);
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { name: 'Alert queue' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await expect(page.getByRole('link', { name: 'Event search' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'alerts-admin-en');
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'File des alertes' }).waitFor();
  });

  it('an RSSI triages the alert from the syslog attack with the keyboard: acknowledge (a), history, close as false positive (c)', async () => {
    await login(page, `rssi-${w.tag}`, USER_PASSWORD);
    await page.getByLabel('Mots recherchés').fill(w.host);
    const row = page.locator(`tr[data-alert-id="${w.alertId}"]`);
    await row.waitFor();
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    // Leave the search box, move onto the row with j/k, acknowledge with a.
    await page.getByRole('heading', { name: 'File des alertes' }).click();
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await expect(row.getAttribute('data-current')).resolves.toBe('true');
    await page.keyboard.press('a');
    await row.getByText('Prise en compte').waitFor();
    await page.getByRole('status').filter({ hasText: '1 alerte(s) modifiée(s)' }).waitFor();

    // Enter opens the detail with its history.
    await row.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Détail de l’alerte' });
    await drawer.getByRole('heading', { name: 'Historique' }).waitFor();
    await drawer.getByText('acknowledged', { exact: false }).first().waitFor();
    await screenshot(page, 'alert-detail-rssi');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // c asks for a reason and a comment, then closes.
    await row.focus();
    await page.keyboard.press('c');
    const modal = page.getByRole('dialog', { name: 'Clôturer 1 alerte(s)' });
    await modal.waitFor();
    await checkScreen(page, 'alert-close-modal');
    await modal.getByLabel('Motif de clôture').selectOption('false_positive');
    await modal.getByLabel('Commentaire').fill('Scan interne autorisé (test navigateur)');
    await modal.getByRole('button', { name: 'Clôturer' }).click();
    await modal.waitFor({ state: 'hidden' });
    await row.waitFor({ state: 'detached' });

    const after = await w.rssi.get(`/api/v1/alerts/${w.alertId}`);
    expect(after.body).toMatchObject({
      status: 'closed',
      closeReason: 'false_positive',
      closeComment: 'Scan interne autorisé (test navigateur)',
    });
    const history = after.body.history as Array<{ actor: string; field: string | null; to: string | null }>;
    expect(
      history.filter((h) => h.field === 'status' && h.actor !== 'vigie-alert-sink').map((h) => [h.actor, h.to]),
    ).toEqual([
      [`rssi-${w.tag}`, 'acknowledged'],
      [`rssi-${w.tag}`, 'closed'],
    ]);
    expect(unexpectedErrors()).toEqual([]);
  });

  it('a referent of vitry sees only vitry: members, alerts, events and API keys', async () => {
    await login(page, `ref-vitry-${w.tag}`, USER_PASSWORD);
    await page.getByRole('group', { name: 'Par statut' }).waitFor();
    await expect(page.locator('tbody tr').count()).resolves.toBe(0);
    await expect(page.locator(`tr[data-alert-id="${w.alertId}"]`).count()).resolves.toBe(0);
    await checkScreen(page, 'alerts-referent');

    await page.getByRole('link', { name: 'Administration' }).click();
    await expect(page.getByRole('tab', { name: 'Utilisateurs' }).count()).resolves.toBe(0);
    const members = page.getByTestId('members-table');
    await members.getByRole('cell', { name: 'vitry', exact: true }).waitFor();
    const codes = await members.locator('tbody tr td:first-child').allTextContents();
    expect(codes).toEqual(['vitry']);
    await checkScreen(page, 'admin-members-referent');

    await page.getByRole('link', { name: 'Recherche d’événements' }).click();
    await page.getByLabel('Requête KQL').fill(`host.hostname:"${w.host}"`);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('Événements dans le temps').waitFor();
    await page.getByText('0 événement(s) sur la période').waitFor();
    await expect(page.getByText(w.host).count()).resolves.toBe(0);
    expect(unexpectedErrors()).toEqual([]);
  });

  it('event search: the histogram and expandable ECS documents for the attack, and a KQL syntax error shown at its position', async () => {
    await login(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'Recherche d’événements' }).click();
    await page.getByLabel('Requête KQL').fill(`host.hostname:"${w.host}"`);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('6 événement(s) sur la période').waitFor();
    await expect(page.locator('.recharts-bar-rectangle').count()).resolves.toBeGreaterThan(0);
    const expand = page.locator('button[aria-expanded]').first();
    await expect(expand.getAttribute('aria-expanded')).resolves.toBe('false');
    await expand.click();
    await expect(expand.getAttribute('aria-expanded')).resolves.toBe('true');
    const doc = page.locator('pre.ecs-doc').first();
    await expect(doc.textContent()).resolves.toContain('Failed password for root from 203.0.113.77');
    await checkScreen(page, 'events-results');

    const bad = 'event.dataset:sshd and (source.ip:10.0.0.1';
    const api = await w.admin.get(`/api/v1/events?q=${encodeURIComponent(bad)}`);
    expect(api.status).toBe(400);
    const position = api.body.position as number;
    await page.getByLabel('Requête KQL').fill(bad);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const error = page.getByTestId('kql-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain(`Erreur de syntaxe à la position ${position + 1}`);
    const marked = await error.locator('mark').textContent();
    expect(marked).toBe(bad.slice(position, position + 1) || '\u00a0');
    await checkScreen(page, 'events-syntax-error');
  });
});
