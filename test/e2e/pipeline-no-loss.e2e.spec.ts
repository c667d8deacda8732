import { randomBytes } from 'node:crypto';
import { EventStore } from '@vigie/event-store';
import { Metrics } from '@vigie/observability';
import { startEmbeddedApp, TestApp } from '@vigie/testing';
import { DeadLetterStore } from '@vigie/ingestion/dead-letters/dead-letter.store';
import { IndexerWorker } from '@vigie/ingestion/indexer/indexer.worker';
import { NormaliserWorker } from '@vigie/ingestion/normaliser/normaliser.worker';
import {
  bounce,
  ChaosAction,
  counterValue,
  noLossCount,
  noLossLine,
  randomBetween,
  Chaos,
  sendAll,
  sleep,
} from '../integration/pipeline/no-loss.support';

/**
 * Zero loss on the embedded default (in-process bus, PGlite, Postgres event
 * store): N unique lines over syslog TCP while the normaliser's and the
 * indexer's consumers are stopped and restarted twice each at random moments.
 */
describe('pipeline: no loss on the embedded default', () => {
  const N = noLossCount(50_000, 'VIGIE_NO_LOSS_E2E_N');
  let t: TestApp;

  beforeAll(async () => {
    t = await startEmbeddedApp();
  });
  afterAll(() => t?.close());

  it(`stores exactly N=${N} distinct events through consumer restarts, with no dead letter`, async () => {
    const token = `nl${randomBytes(5).toString('hex')}`;
    const base = Date.now() - 3_600_000;
    const normaliser = t.app.get(NormaliserWorker);
    const indexer = t.app.get(IndexerWorker);
    const store = t.app.get(EventStore);
    const deadLetters = t.app.get(DeadLetterStore);
    const metrics = t.app.get(Metrics);
    const log: string[] = [];
    const started = Date.now();

    const actions: ChaosAction[] = [
      {
        at: randomBetween(N * 0.05, N * 0.3),
        name: 'normaliser restart 1',
        run: bounce(normaliser, log, 'normaliser'),
      },
      { at: randomBetween(N * 0.1, N * 0.4), name: 'indexer restart 1', run: bounce(indexer, log, 'indexer') },
      { at: randomBetween(N * 0.4, N * 0.7), name: 'normaliser restart 2', run: bounce(normaliser, log, 'normaliser') },
      { at: randomBetween(N * 0.45, N * 0.8), name: 'indexer restart 2', run: bounce(indexer, log, 'indexer') },
    ];
    const chaos = new Chaos(actions, log);
    await sendAll(
      t.syslogPort,
      (i) => noLossLine(token, i, base),
      N,
      4,
      (sent) => chaos.onSent(sent),
    );
    const ran = await chaos.settled();
    const deadline = Date.now() + 300_000;
    let count = 0;
    while (Date.now() < deadline) {
      count = await store.count({});
      if (count >= N) break;
      await sleep(500);
    }
    // Let anything still in flight land, then count again.
    await sleep(1000);
    count = await store.count({});
    const withToken = await store.count({ text: token });
    const top = await store.terms({}, 'event.id', 1);
    const dead = await deadLetters.count({});
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `embedded no-loss: N=${N} stored=${count} in ${seconds.toFixed(1)} s (${Math.round(N / seconds)}/s); restarts: ${ran}; dead letters: ${dead}\n  ${log.join('\n  ')}`,
    );
    expect(ran).toBe(actions.length);
    expect(count).toBe(N);
    expect(withToken).toBe(N);
    expect(top[0]?.count).toBe(1);
    expect(dead).toBe(0);
    expect(await counterValue(metrics, 'vigie_pipeline_dead_letters_total')).toBe(0);
  }, 600_000);
});
