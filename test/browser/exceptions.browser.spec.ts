import { createSocket } from 'node:dgram';
import { ApiClient, TestApp, USER_PASSWORD } from '@vigie/testing';
import type { Page } from 'playwright-core';
import {
  checkScreen,
  describeWithBrowser,
  errorsOtherThan,
  login,
  ONE_PAGE_SCENARIO,
  useBrowserSuite,
} from '../support/browser';
import { createUsers, ensureMembers, IVRY_CITY, startWorld, VITRY_CITY } from '../support/browser-world';
import { sshAttack, SSH_BRUTE_FORCE, waitFor } from '../integration/alerts/triage-scenario';

jest.setTimeout(180_000);

/** Sigma rule "privileged group member added" (config/rules/linux): one usermod line raises it. */
const PRIVILEGED_GROUP = /groupe privilégié/i;
const SIGMA = 'selection:\n  User|startswith: svc-\ncondition: selection';

interface World {
  t: TestApp;
  rssi: ApiClient;
  refVitry: ApiClient;
  tag: string;
  host: string;
  attacker: string;
  alertId: string;
  level: string;
  /** An alert of another level on another ivry host. */
  otherAlert: { id: string; level: string };
}

async function syslog(port: number, line: string): Promise<void> {
  const udp = createSocket('udp4');
  await new Promise<void>((r) => udp.send(line, port, '127.0.0.1', () => r()));
  udp.close();
}

/**
 * ivry owns 127.0.0.0/8 (the test's syslog is ivry's), vitry another network; an RSSI and a referent of vitry; an SSH
 * brute force on an ivry host, and a privileged-group change on another ivry host (an alert of another level).
 */
async function buildWorld(t: TestApp): Promise<World> {
  const { tag, anon, admin } = await startWorld(t);
  await ensureMembers(admin, t, [IVRY_CITY, VITRY_CITY], 'keep');
  await createUsers(admin, [
    { username: `rssi-${tag}`, roles: ['rssi'], memberScopes: [] },
    { username: `ref-vitry-${tag}`, roles: ['referent'], memberScopes: ['vitry'] },
  ]);
  const rssi = await anon.login(`rssi-${tag}`, USER_PASSWORD);
  const refVitry = await anon.login(`ref-vitry-${tag}`, USER_PASSWORD);
  const host = `srv-exc-${tag}`;
  const attacker = '203.0.113.77';
  await sshAttack(t.syslogPort, host, attacker, 6);
  const alertId = await waitFor('the SSH brute-force alert', async () => {
    const r = await rssi.get(`/api/v1/alerts?rule=${SSH_BRUTE_FORCE}&q=${encodeURIComponent(host)}`);
    return (r.body?.items as Array<{ id: string; count: number }> | undefined)?.find((a) => a.count >= 6)?.id;
  });
  const level = (await rssi.get(`/api/v1/alerts/${alertId}`)).body.rule.level as string;

  const adminHost = `srv-adm-${tag}`;
  await syslog(
    t.syslogPort,
    `<86>1 ${new Date().toISOString()} ${adminHost} usermod 2260 - - add 'jdupont' to group 'sudo'`,
  );
  const otherAlert = await waitFor('the privileged-group alert', async () => {
    const r = await rssi.get(`/api/v1/alerts?q=${encodeURIComponent(adminHost)}`);
    const a = (r.body?.items as Array<{ id: string; rule: { title: string; level: string } }> | undefined)?.find((x) =>
      PRIVILEGED_GROUP.test(x.rule.title),
    );
    return a ? { id: a.id, level: a.rule.level } : undefined;
  });
  if (otherAlert.level === level) throw new Error(`both alerts are ${level}: the level filter could not be told`);
  return { t, rssi, refVitry, tag, host, attacker, alertId, level, otherAlert };
}

describeWithBrowser('alert exceptions screen and the queue’s filters in the address, in a real browser', () => {
  const ui = useBrowserSuite(buildWorld, ONE_PAGE_SCENARIO);
  let w: World;
  let page: Page;
  beforeEach(() => {
    ({ world: w, page } = ui);
  });
  let exceptionId = '';
  let expiredId = '';

  // The expiry refused on purpose answers 422; the favicon is missing. Nothing else may be logged.
  const unexpectedErrors = () =>
    errorsOtherThan(ui.errors, [
      /401|Unauthorized|422 \(Unprocessable Entity\).*\/api\/v1\/exceptions\/|\/favicon\.ico$/,
    ]);

  const row = (id: string) => page.locator(`tr[data-exception-id="${id}"]`);
  const day = (msFromNow: number) => {
    const d = new Date(Date.now() + msFromNow);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  };

  it('a malformed related-events cursor is a 400 invalid_cursor on the field cursor', async () => {
    const bad = await w.rssi.get(`/api/v1/alerts/${w.alertId}/events?cursor=not-a-cursor`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalid_cursor', fields: [expect.objectContaining({ field: 'cursor' })] });
    const ok = await w.rssi.get(`/api/v1/alerts/${w.alertId}/events?limit=2`);
    expect(ok.status).toBe(200);
    expect(ok.body.nextCursor).toEqual(expect.any(String));
    const next = await w.rssi.get(`/api/v1/alerts/${w.alertId}/events?limit=2&cursor=${ok.body.nextCursor}`);
    expect(next.status).toBe(200);
  });

  it('the RSSI’s exception created through the API on the attack’s alert suppresses and counts', async () => {
    const created = await w.rssi.post('/api/v1/exceptions', {
      fromAlertId: w.alertId,
      sigmaFilter: SIGMA,
      reason: `Compte de sauvegarde ${w.tag} (ticket 4521)`,
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ member: 'ivry', ruleId: SSH_BRUTE_FORCE, sigmaFilter: SIGMA, active: true });
    exceptionId = created.body.id;
    // an exception that expires at once, to be listed as expired
    const brief = await w.rssi.post('/api/v1/exceptions', {
      ruleId: SSH_BRUTE_FORCE,
      member: 'ivry',
      host: `nowhere-${w.tag}`,
      reason: `Maintenance terminée ${w.tag}`,
      expiresAt: new Date(Date.now() + 1500).toISOString(),
    });
    expect(brief.status).toBe(201);
    expiredId = brief.body.id;
    await sshAttack(w.t.syslogPort, w.host, w.attacker, 3, 'svc-backup');
    const seen = await waitFor('the suppression', async () => {
      const r = await w.rssi.get(`/api/v1/exceptions/${exceptionId}`);
      return r.body.suppressed.matches >= 3 ? r.body : undefined;
    });
    expect(seen.suppressed).toMatchObject({ alerts: 1, matches: 3 });
    await waitFor('the brief exception’s expiry', async () =>
      (await w.rssi.get(`/api/v1/exceptions/${expiredId}`)).body.active === false ? true : undefined,
    );
  });

  it('the RSSI opens the exceptions from the queue: rule, Sigma filter, reason, author, expiry in words, count', async () => {
    await login(page, `rssi-${w.tag}`, USER_PASSWORD);
    await page.getByRole('link', { name: 'Exceptions aux alertes' }).click();
    await page.getByRole('heading', { name: 'Exceptions aux alertes' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/alerts/exceptions');
    const r = row(exceptionId);
    await r.waitFor();
    await expect(r.locator('pre.sigma-filter').textContent()).resolves.toBe(SIGMA);
    const text = (await r.textContent()) ?? '';
    expect(text).toContain('Force brute SSH');
    expect(text).toContain('Adhérent : ivry');
    expect(text).toContain(`Compte de sauvegarde ${w.tag} (ticket 4521)`);
    expect(text).toContain(`rssi-${w.tag}`);
    expect(text).toContain('En vigueur jusqu’au');
    await expect(r.getByTestId('suppressed').textContent()).resolves.toContain('3 correspondance(s) dans 1 alerte(s)');
    // the one that expired is not in force: listed among the expired ones, in words
    await expect(row(expiredId).count()).resolves.toBe(0);
    await page.getByLabel('Afficher').selectOption('inactive');
    await row(expiredId).waitFor();
    await expect(row(expiredId).textContent()).resolves.toContain('Expirée depuis le');
    await expect(row(exceptionId).count()).resolves.toBe(0);
    expect(new URL(page.url()).searchParams.get('state')).toBe('inactive');
    await page.getByLabel('Afficher').selectOption('active');
    await row(exceptionId).waitFor();
    await checkScreen(page, 'exceptions-list');
  });

  it('edits the expiry and the field match: a date beyond a year or a match that is not an object is refused at the field, then valid ones are saved', async () => {
    await row(exceptionId).getByRole('button', { name: 'Modifier l’exception sur Force brute SSH' }).click();
    const modal = page.getByRole('dialog', { name: 'Modifier l’exception' });
    await modal.waitFor();
    await expect(modal.getByRole('textbox', { name: 'Filtre Sigma (YAML)' }).inputValue()).resolves.toBe(SIGMA);
    const expiry = modal.getByLabel('Date d’expiration');
    await expiry.fill(day(800 * 86_400_000));
    await modal.getByRole('button', { name: 'Enregistrer' }).click();
    await modal.getByText('must be within', { exact: false }).waitFor();
    await expect(expiry.getAttribute('aria-invalid')).resolves.toBe('true');
    await checkScreen(page, 'exception-edit-error');
    const target = day(60 * 86_400_000);
    await expiry.fill(target);
    // The field match is edited as JSON: something else than an object is said at the field.
    const match = modal.getByRole('textbox', { name: 'Correspondance sur les champs de l’alerte (JSON)' });
    await match.fill('["backup"]');
    await modal.getByRole('button', { name: 'Enregistrer' }).click();
    await modal.getByText('Ce n’est pas un objet JSON.').waitFor();
    await expect(match.getAttribute('aria-invalid')).resolves.toBe('true');
    await match.fill('{"user.name": ["backup", "svc-backup"]}');
    await expect(modal.getByRole('textbox', { name: 'Règle (identifiant)' }).inputValue()).resolves.not.toBe('');
    await modal.getByRole('button', { name: 'Enregistrer' }).click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'Exception modifiée' }).waitFor();
    const after = (await w.rssi.get(`/api/v1/exceptions/${exceptionId}`)).body;
    const local = new Date(after.expiresAt);
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(`${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`).toBe(target);
    expect(after).toMatchObject({
      sigmaFilter: SIGMA,
      reason: `Compte de sauvegarde ${w.tag} (ticket 4521)`,
      match: { 'user.name': ['backup', 'svc-backup'] },
    });
    const audit = await w.rssi.get(`/api/v1/audit?entityType=alert_exception&entityId=${exceptionId}`);
    expect(audit.status).toBe(200);
    expect((audit.body.records as Array<{ action: string }>).map((a) => a.action)).toEqual(
      expect.arrayContaining(['exception.created', 'exception.updated']),
    );
  });

  it('revokes it: gone from those in force, listed as revoked with its count', async () => {
    await row(exceptionId).getByRole('button', { name: 'Révoquer l’exception sur Force brute SSH' }).click();
    const modal = page.getByRole('dialog', { name: 'Révoquer l’exception' });
    await modal.waitFor();
    await checkScreen(page, 'exception-revoke');
    await modal.getByRole('button', { name: 'Révoquer' }).click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'Exception révoquée' }).waitFor();
    await row(exceptionId).waitFor({ state: 'detached' });
    const after = (await w.rssi.get(`/api/v1/exceptions/${exceptionId}`)).body;
    expect(after).toMatchObject({ active: false, revokedBy: `rssi-${w.tag}` });
    expect(after.revokedAt).toEqual(expect.any(String));
    await page.getByLabel('Afficher').selectOption('all');
    const r = row(exceptionId);
    await r.waitFor();
    await expect(r.textContent()).resolves.toContain(`par rssi-${w.tag}`);
    await expect(r.getByTestId('suppressed').textContent()).resolves.toContain('3 correspondance(s)');
    await expect(r.getByRole('button', { name: /Révoquer/ }).count()).resolves.toBe(0);
  });

  it('the dashboard’s link opens the queue filtered on the level; filters changed are written back', async () => {
    await page.goto(`/alerts?level=${w.level}&status=open,acknowledged,in_progress`);
    await page.getByRole('heading', { name: 'File des alertes' }).waitFor();
    await page.locator(`tr[data-alert-id="${w.alertId}"]`).waitFor();
    await page.waitForLoadState('networkidle');
    await expect(page.locator(`tr[data-alert-id="${w.otherAlert.id}"]`).count()).resolves.toBe(0);
    await checkScreen(page, 'alerts-filtered-by-level');
    // the other level, from the address too: the reverse holds
    await page.goto(`/alerts?level=${w.otherAlert.level}`);
    await page.locator(`tr[data-alert-id="${w.otherAlert.id}"]`).waitFor();
    await page.waitForLoadState('networkidle');
    await expect(page.locator(`tr[data-alert-id="${w.alertId}"]`).count()).resolves.toBe(0);
    // both levels, comma-separated, and words typed reach the address
    await page.goto(`/alerts?level=${w.level},${w.otherAlert.level}`);
    await page.locator(`tr[data-alert-id="${w.otherAlert.id}"]`).waitFor();
    await page.locator(`tr[data-alert-id="${w.alertId}"]`).waitFor();
    await page.getByLabel('Mots recherchés').fill(w.host);
    await page.waitForURL((u) => u.searchParams.get('q') === w.host);
    await page.locator(`tr[data-alert-id="${w.otherAlert.id}"]`).waitFor({ state: 'detached' });
    const url = new URL(page.url());
    expect(url.searchParams.get('level')).toBe(`${w.level},${w.otherAlert.level}`);
    // a rule filter from the address, shown and removable
    await page.goto(`/alerts?rule=${SSH_BRUTE_FORCE}&status=`);
    await page.locator(`tr[data-alert-id="${w.alertId}"]`).waitFor();
    await page.getByText('Règle filtrée : Force brute SSH').waitFor();
    await expect(page.locator(`tr[data-alert-id="${w.otherAlert.id}"]`).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Retirer le filtre sur la règle Force brute SSH' }).click();
    await page.locator(`tr[data-alert-id="${w.otherAlert.id}"]`).waitFor();
    expect(new URL(page.url()).searchParams.has('rule')).toBe(false);
    expect(unexpectedErrors()).toEqual([]);
  });

  it('a referent of another member sees none of ivry’s exceptions', async () => {
    const mine = (await w.refVitry.get('/api/v1/exceptions')).body as Array<{ id: string; member: string | null }>;
    expect(mine.filter((e) => e.member !== 'vitry')).toEqual([]);
    expect((await w.refVitry.get(`/api/v1/exceptions/${exceptionId}`)).status).toBe(404);
    // the RSSI does see them: the referent's empty list is a matter of scope
    const all = (await w.rssi.get('/api/v1/exceptions')).body as Array<{ id: string }>;
    expect(all.map((e) => e.id)).toEqual(expect.arrayContaining([exceptionId, expiredId]));

    // A page of its own, beside the RSSI's.
    const { context: ctx, page: p } = await ui.openPage();
    try {
      await login(p, `ref-vitry-${w.tag}`, USER_PASSWORD);
      await p.goto('/alerts/exceptions?state=all');
      await p.getByRole('heading', { name: 'Exceptions aux alertes' }).waitFor();
      await p.getByText('Aucune exception.').waitFor();
      await expect(p.locator('tr[data-exception-id]').count()).resolves.toBe(0);
      await expect(p.getByRole('button', { name: /Modifier|Révoquer/ }).count()).resolves.toBe(0);
      await checkScreen(p, 'exceptions-referent');
    } finally {
      await ctx.close();
    }
  });
});
