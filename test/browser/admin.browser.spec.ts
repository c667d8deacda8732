import { randomBytes } from 'node:crypto';
import { ADMIN_PASSWORD, ApiClient, startEmbeddedApp, TestApp, USER_PASSWORD } from '@vigie/testing';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  checkScreen as checkPage,
  describeWithBrowser,
  ensureConsoleBuilt,
  launchChromium,
  screenshot,
} from '../support/browser';

jest.setTimeout(180_000);

const VITRY = 'Ville de Vitry-sur-Seine';

interface World {
  t: TestApp;
  anon: ApiClient;
  admin: ApiClient;
  username: string;
  userId: string;
}

/** Two members (ivry, vitry) and an auditor account with no member scope. */
async function buildWorld(t: TestApp): Promise<World> {
  const tag = randomBytes(3).toString('hex');
  const anon = new ApiClient(t.baseUrl);
  const admin = await anon.login('admin', ADMIN_PASSWORD);
  for (const [code, name, net] of [
    ['ivry', 'Ville d’Ivry-sur-Seine', '10.20.0.0/16'],
    ['vitry', VITRY, '10.94.0.0/16'],
  ]) {
    const r = await admin.post('/api/v1/members', { code, name, type: 'city', networks: [net] });
    if (r.status !== 201) throw new Error(`member ${code}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const username = `agent-${tag}`;
  const r = await admin.post('/api/v1/users', { username, password: USER_PASSWORD, roles: ['auditor'] });
  if (r.status !== 201) throw new Error(`user ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return { t, anon, admin, username, userId: (r.body as { id: string }).id };
}

describeWithBrowser('console administration: editing users and members (embedded app, Chromium)', () => {
  let w: World;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    ensureConsoleBuilt();
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    const t = await startEmbeddedApp();
    w = await buildWorld(t);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await w?.t.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({
      baseURL: w.t.baseUrl,
      locale: 'fr-FR',
      viewport: { width: 1400, height: 900 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
  });
  afterEach(async () => {
    await context?.close();
  });

  /** Failed API answers (4xx asked for by the scenario) are logged by the browser; nothing else may be. */
  const unexpectedErrors = () => pageErrors.filter((e) => !/status of 4\d\d/.test(e));

  async function loginAdmin(): Promise<void> {
    await page.goto('/');
    await page
      .getByLabel('Identifiant')
      .waitFor()
      .catch(async (e: unknown) => {
        await screenshot(page, 'admin-login-failed');
        throw e;
      });
    await page.getByLabel('Identifiant').fill('admin');
    await page.locator('input[name="password"]').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'File des alertes' }).waitFor();
  }

  const checkScreen = (name: string): Promise<void> => checkPage(page, name);

  /** The texts an input is described by (its description and its error). */
  async function describedText(input: Locator): Promise<string> {
    const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
    const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
    return texts.join(' ');
  }

  /** Waits until `el` has the keyboard focus (modals move it after their opening transition). */
  async function expectFocused(el: Locator): Promise<void> {
    await el.evaluate((e) => e.setAttribute('data-focus-probe', ''));
    try {
      // A string, evaluated in the page: this file is compiled without the DOM library.
      await page.waitForFunction('document.activeElement?.hasAttribute("data-focus-probe") === true', undefined, {
        timeout: 5_000,
      });
    } finally {
      await el.evaluate((e) => e.removeAttribute('data-focus-probe'));
    }
  }

  async function pick(dialog: Locator, label: string, option: string): Promise<void> {
    // From the keyboard: the field takes the focus, Arrow Down opens its list.
    await dialog.getByLabel(label, { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: option, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true, selected: true }).waitFor();
    await dialog.getByRole('heading').first().click(); // closes the dropdown
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
  }

  it('edits roles, scopes and display name: a referent without scope is refused at the field, the change reaches the API', async () => {
    await loginAdmin();
    await page.goto('/admin/users');
    const edit = page.getByRole('button', { name: `Modifier l’utilisateur ${w.username}`, exact: true });
    await edit.click();
    const dialog = page.getByRole('dialog', { name: `Modifier l’utilisateur ${w.username}` });
    await dialog.waitFor();
    // The modal takes the focus, on its first field.
    await expectFocused(dialog.getByLabel('Nom affiché', { exact: true }));
    await checkScreen('admin-user-edit');

    // Referent without any member: the API's 422 is shown at the scope field.
    await pick(dialog, 'Rôles', 'Référent');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    const scopes = dialog.getByLabel('Périmètre (adhérents)', { exact: true });
    await dialog.getByText('Un référent doit avoir au moins un adhérent dans son périmètre.').waitFor();
    await expect(scopes.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await describedText(scopes)).toContain('Un référent doit avoir au moins un adhérent');
    await checkScreen('admin-user-edit-error');
    const unchanged = await w.admin.get(`/api/v1/users/${w.userId}`);
    expect(unchanged.body).toMatchObject({ roles: ['auditor'], memberScopes: [] });

    await pick(dialog, 'Périmètre (adhérents)', VITRY);
    await dialog.getByLabel('Nom affiché', { exact: true }).fill('Agent de Vitry');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('Modifications enregistrées.').waitFor();
    // The focus goes back to the button that opened the modal.
    await expectFocused(edit);

    const after = await w.admin.get(`/api/v1/users/${w.userId}`);
    expect(after.status).toBe(200);
    expect([...after.body.roles].sort()).toEqual(['auditor', 'referent']);
    expect(after.body.memberScopes).toEqual(['vitry']);
    expect(after.body.displayName).toBe('Agent de Vitry');
    const row = page.getByRole('row').filter({ hasText: w.username });
    await row.getByRole('cell', { name: 'Agent de Vitry' }).waitFor();
    expect(unexpectedErrors()).toEqual([]);
  });

  it('resets a password (weak one refused at the field), then disables the account after a confirmation: it can no longer sign in', async () => {
    const newPassword = `Nouveau-mot-de-passe-${randomBytes(3).toString('hex')}`;
    await loginAdmin();
    await page.goto('/admin/users');
    await page.getByRole('button', { name: `Modifier l’utilisateur ${w.username}`, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Modifier l’utilisateur ${w.username}` });
    const password = dialog.getByLabel('Nouveau mot de passe', { exact: true });
    await password.fill('court');
    await dialog.getByRole('button', { name: 'Définir le mot de passe' }).click();
    await dialog.getByText(/at least 12 characters/).waitFor();
    await expect(password.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await describedText(password)).toMatch(/at least 12 characters/);
    await password.fill(newPassword);
    await dialog.getByRole('button', { name: 'Définir le mot de passe' }).click();
    await dialog.getByRole('status').getByText('Mot de passe modifié').waitFor();
    expect((await w.anon.post('/api/v1/auth/login', { username: w.username, password: USER_PASSWORD })).status).toBe(
      401,
    );
    expect((await w.anon.post('/api/v1/auth/login', { username: w.username, password: newPassword })).status).toBe(200);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Disabling asks first; cancelling changes nothing.
    const disable = page.getByRole('button', { name: `Désactiver le compte ${w.username}`, exact: true });
    await disable.click();
    const confirm = page.getByRole('dialog', { name: `Désactiver le compte ${w.username} ?` });
    await confirm.getByText('ne pourra plus se connecter').waitFor();
    // The safe choice has the focus.
    await expectFocused(confirm.getByRole('button', { name: 'Annuler' }));
    await checkScreen('admin-user-disable-confirm');
    await confirm.getByRole('button', { name: 'Annuler' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await w.admin.get(`/api/v1/users/${w.userId}`)).body.disabled).toBe(false);

    await disable.click();
    await confirm.getByRole('button', { name: 'Désactiver', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText(`Compte ${w.username} désactivé.`).waitFor();
    const row = page.getByRole('row').filter({ hasText: w.username });
    await row.getByText('Désactivé', { exact: true }).waitFor();
    await row.getByRole('button', { name: `Réactiver le compte ${w.username}` }).waitFor();

    expect((await w.admin.get(`/api/v1/users/${w.userId}`)).body.disabled).toBe(true);
    const refused = await w.anon.post('/api/v1/auth/login', { username: w.username, password: newPassword });
    expect([401, 403]).toContain(refused.status);
    await screenshot(page, 'admin-user-disabled');
    expect(unexpectedErrors()).toEqual([]);
  });

  it('edits a member’s networks, SIREN and time zone: a bad CIDR or SIREN is shown at its field, good values are saved', async () => {
    await loginAdmin();
    await page.goto('/admin/members');
    const edit = page.getByRole('button', { name: `Modifier l’adhérent ${VITRY}`, exact: true });
    await edit.click();
    const dialog = page.getByRole('dialog', { name: `Modifier l’adhérent ${VITRY}` });
    const networks = dialog.getByLabel('Réseaux (CIDR)', { exact: true });
    await expect(networks.inputValue()).resolves.toBe('10.94.0.0/16');
    await checkScreen('admin-member-edit');

    await networks.fill('10.94.0.0/16\n10.300.0.0/16');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.getByText('Ligne 2 : « 10.300.0.0/16 » n’est pas un réseau CIDR').waitFor();
    await expect(networks.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await describedText(networks)).toContain('Ligne 2 : « 10.300.0.0/16 »');
    await checkScreen('admin-member-edit-error');
    expect((await w.admin.get('/api/v1/members/vitry')).body.networks).toEqual(['10.94.0.0/16']);

    // A SIREN that is not 9 digits is refused at its field.
    const siren = dialog.getByLabel('SIREN', { exact: true });
    await siren.fill('2194');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.getByText('siren must be 9 digits').waitFor();
    await expect(siren.getAttribute('aria-invalid')).resolves.toBe('true');

    await networks.fill('10.94.0.0/16\n192.0.2.0/24');
    await siren.fill('219400815');
    const zone = dialog.getByLabel('Fuseau horaire', { exact: true });
    await expect(zone.inputValue()).resolves.toBe('Europe/Paris');
    await zone.selectOption('America/Cayenne');
    await dialog.getByRole('textbox', { name: /^Nom( \*)?$/ }).fill('Ville de Vitry-sur-Seine (mairie)');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('Modifications enregistrées.').waitFor();
    await page.getByRole('cell', { name: '10.94.0.0/16, 192.0.2.0/24' }).waitFor();

    const saved = await w.admin.get('/api/v1/members/vitry');
    expect(saved.body.networks).toEqual(['10.94.0.0/16', '192.0.2.0/24']);
    expect(saved.body.name).toBe('Ville de Vitry-sur-Seine (mairie)');
    expect(saved.body).toMatchObject({ siren: '219400815', timeZone: 'America/Cayenne' });

    // An emptied SIREN is cleared; the rest stays as it is.
    await page
      .getByRole('button', { name: 'Modifier l’adhérent Ville de Vitry-sur-Seine (mairie)', exact: true })
      .click();
    const again = page.getByRole('dialog', { name: 'Modifier l’adhérent Ville de Vitry-sur-Seine (mairie)' });
    await expect(again.getByLabel('SIREN', { exact: true }).inputValue()).resolves.toBe('219400815');
    await again.getByLabel('SIREN', { exact: true }).fill('');
    await again.getByRole('button', { name: 'Enregistrer' }).click();
    await again.waitFor({ state: 'detached' });
    expect((await w.admin.get('/api/v1/members/vitry')).body).toMatchObject({
      siren: null,
      timeZone: 'America/Cayenne',
      networks: ['10.94.0.0/16', '192.0.2.0/24'],
    });
    await screenshot(page, 'admin-member-saved');
    expect(unexpectedErrors()).toEqual([]);
  });
});
