import { dataSourceOptions } from '@vigie/database';
import { DataSource } from 'typeorm';
import type { RuleInventoryEntry } from './rule-inventory';
import { RuleStateStore } from './rule-state.store';

jest.setTimeout(60_000);

const entry = (id: string, over: Partial<RuleInventoryEntry> = {}): RuleInventoryEntry => ({
  id,
  title: `Rule ${id}`,
  kind: 'detection',
  level: 'high',
  tags: ['attack.t1110'],
  sourcePath: `rules/${id}.yml`,
  status: 'ok',
  reason: null,
  ...over,
});

describe('RuleStateStore (PGlite)', () => {
  let ds: DataSource;
  let store: RuleStateStore;
  beforeAll(async () => {
    ds = await new DataSource(
      await dataSourceOptions({ driver: 'pglite', dataDir: 'memory://' }, { migrationsRun: true }),
    ).initialize();
    store = new RuleStateStore(ds);
  });
  afterAll(() => ds?.destroy());

  const rows = (): Promise<Array<Record<string, unknown>>> =>
    ds.query('SELECT id, title, status, reason, enabled, loaded, hit_count, last_hit_at FROM vigie_rules ORDER BY id');

  it('upserts the inventory, adds hits in one statement and reads the disabled ids', async () => {
    await store.saveInventory([
      entry('a'),
      entry('b'),
      entry('c', { status: 'invalid', reason: 'bad condition', level: null }),
    ]);
    await store.addHits(
      new Map([
        ['a', { count: 3, lastAt: new Date('2026-11-29T10:00:00Z') }],
        ['unknown', { count: 9, lastAt: new Date() }],
      ]),
    );
    await store.addHits(new Map([['a', { count: 2, lastAt: new Date('2026-11-29T09:00:00Z') }]]));
    await ds.query("UPDATE vigie_rules SET enabled = false WHERE id = 'b'");
    expect(await store.disabledIds()).toEqual(['b']);
    const [a, , c] = await rows();
    expect([Number(a.hit_count), new Date(a.last_hit_at as string).toISOString()]).toEqual([
      5,
      '2026-11-29T10:00:00.000Z',
    ]);
    expect(c).toMatchObject({ status: 'invalid', reason: 'bad condition' });
  });

  it('keeps flags and counts across loads, replaces metadata and marks vanished rules not loaded', async () => {
    await store.saveInventory([entry('a', { title: 'Renamed' }), entry('c')]);
    const byId = Object.fromEntries((await rows()).map((r) => [r.id, r]));
    expect(byId.a).toMatchObject({ title: 'Renamed', loaded: true, enabled: true });
    expect(Number(byId.a.hit_count)).toBe(5);
    expect(byId.b).toMatchObject({ loaded: false, enabled: false });
    expect(byId.c).toMatchObject({ status: 'ok', reason: null, loaded: true });
    expect(await store.disabledIds()).toEqual(['b']);
  });

  it('saves an inventory larger than one statement', async () => {
    const many = Array.from({ length: 450 }, (_, i) => entry(`r${String(i).padStart(3, '0')}`));
    await store.saveInventory(many);
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM vigie_rules WHERE loaded');
    expect(n).toBe(450);
  });
});
