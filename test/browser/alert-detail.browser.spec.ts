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
import { createUsers, ensureMembers, IVRY_CITY, startWorld } from '../support/browser-world';
import { sshAttack, SSH_BRUTE_FORCE, waitFor } from '../integration/alerts/triage-scenario';

jest.setTimeout(180_000);

interface World {
  t: TestApp;
  rssi: ApiClient;
  tag: string;
  host: string;
  attacker: string;
  alertId: string;
  openIncident: { id: string; reference: string };
}

/** ivry owns 127.0.0.0/8 (the test's syslog is ivry's); an RSSI; an SSH brute force on an ivry host; an open incident. */
async function buildWorld(t: TestApp): Promise<World> {
  const { tag, anon, admin } = await startWorld(t);
  await ensureMembers(admin, t, [IVRY_CITY], 'keep');
  await createUsers(admin, [{ username: `rssi-${tag}`, roles: ['rssi'] }]);
  const rssi = await anon.login(`rssi-${tag}`, USER_PASSWORD);
  const host = `srv-detail-${tag}`;
  const attacker = '203.0.113.88';
  await sshAttack(t.syslogPort, host, attacker, 6);
  const alertId = await waitFor('the SSH brute-force alert', async () => {
    const r = await rssi.get(`/api/v1/alerts?rule=${SSH_BRUTE_FORCE}&q=${encodeURIComponent(host)}`);
    return (r.body?.items as Array<{ id: string; count: number }> | undefined)?.find((a) => a.count >= 6)?.id;
  });
  // the indexer writes the events on its own: wait until the alert's events are searchable
  await waitFor('the related events', async () => {
    const r = await rssi.get(`/api/v1/alerts/${alertId}/events`);
    return r.body?.items?.length >= 6 ? true : undefined;
  });
  const inc = await rssi.post('/api/v1/incidents', {
    title: `Intrusion en cours ${tag}`,
    source: 'other',
    category: 'unauthorised_access',
    members: ['ivry'],
  });
  if (inc.status !== 201) throw new Error(`incident: ${inc.status} ${JSON.stringify(inc.body)}`);
  return { t, rssi, tag, host, attacker, alertId, openIncident: { id: inc.body.id, reference: inc.body.reference } };
}

describeWithBrowser('alert detail in a real browser: related events, Sigma-filter exception, escalation', () => {
  const ui = useBrowserSuite(buildWorld, ONE_PAGE_SCENARIO);
  let w: World;
  let page: Page;
  beforeEach(() => {
    ({ world: w, page } = ui);
  });

  // The API error answered on purpose (the invalid Sigma filter) is logged by the browser, and so is the missing
  // favicon; nothing else may be.
  const unexpectedErrors = () =>
    errorsOtherThan(ui.errors, [/401|Unauthorized|400 \(Bad Request\).*\/api\/v1\/exceptions|\/favicon\.ico$/]);

  it('the RSSI opens the alert of the syslog attack and sees its related events, each with its ECS document', async () => {
    await login(page, `rssi-${w.tag}`, USER_PASSWORD);
    await page.getByLabel('Mots recherchés').fill(w.host);
    const row = page.locator(`tr[data-alert-id="${w.alertId}"]`);
    await row.waitFor();
    await row.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Détail de l’alerte' });
    await drawer.getByRole('heading', { name: 'Événements liés' }).waitFor();
    const table = drawer.getByRole('table', { name: 'Événements liés à l’alerte' });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(6);
    await expect(table.locator('tbody').textContent()).resolves.toContain(w.attacker);
    const show = table.getByRole('button', { name: 'Afficher le document' }).first();
    await show.click();
    await expect(
      table.getByRole('button', { name: 'Masquer le document' }).getAttribute('aria-expanded'),
    ).resolves.toBe('true');
    const doc = table.locator('.ecs-doc');
    await expect(doc.count()).resolves.toBe(1);
    const json = JSON.parse((await doc.textContent()) ?? '{}');
    expect(json).toMatchObject({ source: { ip: w.attacker }, user: { name: 'root' }, organization: { id: 'ivry' } });
    await checkScreen(page, 'alert-detail-events');
  });

  it('creates a Sigma-filter exception: the parser’s message at the field, then created, then suppressing', async () => {
    const drawer = page.getByRole('dialog', { name: 'Détail de l’alerte' });
    await drawer.getByRole('button', { name: 'Créer une exception' }).click();
    const modal = page.getByRole('dialog', { name: 'Créer une exception à partir de l’alerte' });
    await modal.waitFor();
    await expect(modal.getByRole('radio', { name: 'Filtre Sigma' }).isChecked()).resolves.toBe(true);
    const sigma = modal.getByRole('textbox', { name: 'Filtre Sigma (YAML)' });
    await expect(sigma.inputValue()).resolves.toContain(w.attacker);
    await sigma.fill('selection:\n  User|startswith: svc-\ncondition: selection and not lab');
    await modal.getByRole('textbox', { name: 'Motif' }).fill('Compte de sauvegarde (ticket 4521)');
    await modal.getByRole('button', { name: 'Créer une exception' }).click();
    await modal.getByText("unknown search identifier 'lab'", { exact: false }).waitFor();
    await expect(sigma.getAttribute('aria-invalid')).resolves.toBe('true');
    await checkScreen(page, 'alert-exception-modal-error');

    await sigma.fill('selection:\n  User|startswith: svc-\ncondition: selection');
    await modal.getByRole('button', { name: 'Créer une exception' }).click();
    await modal.waitFor({ state: 'hidden' });
    await drawer.getByRole('status').filter({ hasText: 'Exception créée' }).waitFor();
    const list = (await w.rssi.get('/api/v1/exceptions')).body as Array<{
      id: string;
      fromAlertId: string;
      sigmaFilter: string | null;
      ruleId: string;
      reason: string;
    }>;
    const ex = list.find((e) => e.fromAlertId === w.alertId);
    expect(ex).toMatchObject({
      ruleId: SSH_BRUTE_FORCE,
      sigmaFilter: 'selection:\n  User|startswith: svc-\ncondition: selection',
      reason: 'Compte de sauvegarde (ticket 4521)',
    });
    // the service account's failures are now counted on the exception, not on the alert
    await sshAttack(w.t.syslogPort, w.host, w.attacker, 3, 'svc-backup');
    const seen = await waitFor('the suppression', async () => {
      const r = await w.rssi.get(`/api/v1/exceptions/${ex!.id}`);
      return r.body.suppressed.matches >= 3 ? r.body : undefined;
    });
    expect(seen.suppressed).toMatchObject({ alerts: 1, matches: 3 });
    expect((await w.rssi.get(`/api/v1/alerts/${w.alertId}`)).body.count).toBe(6);
  });

  it('escalates the alert to a new incident (an open one could be chosen instead)', async () => {
    const drawer = page.getByRole('dialog', { name: 'Détail de l’alerte' });
    await drawer.getByRole('button', { name: 'Escalader en incident' }).click();
    const modal = page.getByRole('dialog', { name: 'Escalader l’alerte au registre des incidents' });
    await modal.waitFor();
    await modal.getByLabel('Rattacher à un incident ouvert').check();
    const select = modal.getByRole('combobox', { name: 'Incident ouvert' });
    await expect(select.locator('option').allTextContents()).resolves.toContainEqual(
      expect.stringContaining(w.openIncident.reference),
    );
    await checkScreen(page, 'alert-escalate-modal');
    await modal.getByLabel('Nouvel incident').check();
    await modal.getByLabel('Titre du nouvel incident').fill(`Force brute SSH sur ${w.host}`);
    await modal
      .getByRole('textbox', { name: 'Commentaire (historique de l’alerte)' })
      .fill('Escalade depuis la console');
    await modal.getByRole('button', { name: 'Escalader en incident' }).click();
    await modal.waitFor({ state: 'hidden' });
    const notice = drawer.getByRole('status').filter({ hasText: 'créé et lié à l’alerte' });
    await notice.waitFor();
    const alert = (await w.rssi.get(`/api/v1/alerts/${w.alertId}`)).body;
    expect(alert.incidentId).toEqual(expect.any(String));
    expect(alert.incidentId).not.toBe(w.openIncident.id);
    const incident = (await w.rssi.get(`/api/v1/incidents/${alert.incidentId}`)).body;
    expect(incident).toMatchObject({ title: `Force brute SSH sur ${w.host}`, source: 'alert', sourceRef: w.alertId });
    await expect(notice.textContent()).resolves.toContain(incident.reference);
    await drawer.getByRole('link', { name: incident.reference }).waitFor();
    await expect(drawer.getByRole('button', { name: 'Escalader en incident' }).isDisabled()).resolves.toBe(true);
    await checkScreen(page, 'alert-detail-escalated');
    expect(unexpectedErrors()).toEqual([]);
  });
});
