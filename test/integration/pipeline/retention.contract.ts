import { AuditTrail } from '@vigie/audit';
import { PostgresEventStore } from '@vigie/event-store';
import { Metrics } from '@vigie/observability';
import { RetentionJob } from '@vigie/ingestion/retention/retention.job';
import { OpenDatabase } from './databases';
import { counterValue } from './no-loss.support';

/** Retention on one database: whole member-days past each member's retention are dropped. */
export function runRetentionSuite(open: () => Promise<OpenDatabase>): void {
  let db: OpenDatabase;
  afterEach(() => db?.cleanup());

  it("drops whole member-days past each member's retention and keeps the rest", async () => {
    db = await open();
    const ds = db.dataSource;
    await ds.query(
      `INSERT INTO vigie_members (code, name, type, retention_days) VALUES ('ivry', 'Ivry', 'city', 30), ('vitry', 'Vitry', 'city', 365)`,
    );
    const store = new PostgresEventStore(ds);
    await store.init();
    const at = (member: string, day: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `${member}-${day}-${i}`,
        member,
        timestamp: `${day}T12:00:00.000Z`,
        doc: { message: `m${i}` },
      }));
    // now = 2026-11-29T14:30Z: ivry keeps from 2026-10-30T14:30Z, vitry and others from 2025-11-29T14:30Z.
    await store.bulkWrite([
      ...at('ivry', '2026-10-28', 3),
      ...at('ivry', '2026-10-29', 2),
      ...at('ivry', '2026-10-30', 2),
      ...at('ivry', '2026-11-28', 1),
      ...at('vitry', '2026-10-28', 2),
      ...at('vitry', '2025-11-27', 4),
      ...at('unattributed', '2025-11-28', 1),
      ...at('unattributed', '2025-11-29', 1),
      ...at('orphan', '2024-01-01', 1),
    ]);
    const metrics = new Metrics(false);
    const audit = new AuditTrail(ds);
    const job = new RetentionJob(store, ds, metrics, audit);
    const result = await job.run(new Date('2026-11-29T14:30:00.000Z'));

    const dropped = Object.fromEntries(result.dropped.map((d) => [d.member, d.days]));
    expect(dropped).toEqual({
      ivry: ['2026-10-28', '2026-10-29'],
      vitry: ['2025-11-27'],
      unattributed: ['2025-11-28'],
      orphan: ['2024-01-01'],
    });
    expect((await store.listDays()).map((u) => `${u.member}/${u.day}`)).toEqual([
      'unattributed/2025-11-29',
      'vitry/2026-10-28',
      'ivry/2026-10-30',
      'ivry/2026-11-28',
    ]);
    expect(await store.count({ members: ['ivry'] })).toBe(3);
    expect(await counterValue(metrics, 'vigie_retention_days_dropped_total')).toBe(5);

    // Each member's deletion is in the audit trail, and the chain holds.
    const records = await audit.list({ action: 'events.retention_dropped', limit: 100 });
    expect(Object.fromEntries(records.map((r) => [r.member, (r.changes as { details: { days: string[] } }).details.days]))).toEqual(dropped);
    expect((await audit.verify()).ok).toBe(true);

    // A second pass finds nothing more to drop.
    expect((await job.run(new Date('2026-11-29T14:30:00.000Z'))).dropped).toEqual([]);
  });
}
