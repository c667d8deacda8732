import { ADMIN_PASSWORD, startEmbeddedApp } from '@vigie/testing';
import {
  buildTriageWorld,
  sigmaFilterScenario,
  triageScenario,
  TriageWorld,
} from '../integration/alerts/triage-scenario';

describe('alert triage end to end on the embedded app (syslog → detector → in-process bus → sink → API)', () => {
  let w: TriageWorld;
  beforeAll(async () => {
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    const t = await startEmbeddedApp({ 'alerts.notifyMinLevel': 'medium' });
    w = await buildTriageWorld(t);
  });
  afterAll(async () => {
    await w?.t.close();
    await w?.hook.stop();
    await w?.hookVitry.stop();
  });

  triageScenario(() => w);

  describe('exceptions with a Sigma filter on the events', () => {
    sigmaFilterScenario(() => w);
  });
});
