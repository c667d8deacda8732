import { dataSourceOptions } from '@vigie/database';
import type { EngineSnapshot } from '@vigie/sigma';
import { DataSource } from 'typeorm';
import { DetectionStateStore } from './detection-state.store';

jest.setTimeout(60_000);

const snap = (n: number): EngineSnapshot => ({
  version: 1,
  watermarkMs: 1_700_000_000_000 + n,
  rules: { 'rule-1': [{ key: '["bob"]', values: { 'user.name': 'bob' }, maxT: n, entries: [[n, 0, `e${n}`, null]] }] },
});

describe('DetectionStateStore (PGlite)', () => {
  let ds: DataSource;
  let store: DetectionStateStore;
  beforeAll(async () => {
    ds = await new DataSource(
      await dataSourceOptions({ driver: 'pglite', dataDir: 'memory://' }, { migrationsRun: true }),
    ).initialize();
    store = new DetectionStateStore(ds);
  });
  afterAll(() => ds?.destroy());

  it('saves several partitions at once and reads each back; another group is separate', async () => {
    expect(await store.load('g', 't:0')).toBeUndefined();
    const refused = await store.save(
      'g',
      [
        { shard: 't:0', nextOffset: '12', json: JSON.stringify(snap(1)) },
        { shard: 't:1', nextOffset: '9007199254740993', json: JSON.stringify(snap(2)) },
      ],
      'host:1',
    );
    expect(refused).toEqual([]);
    expect(await store.load('g', 't:0')).toEqual({ shard: 't:0', nextOffset: '12', state: snap(1) });
    expect((await store.load('g', 't:1'))?.nextOffset).toBe('9007199254740993');
    expect(await store.load('other', 't:0')).toBeUndefined();
  });

  it('replaces a checkpoint with a later or equal offset, refuses an earlier one', async () => {
    expect(await store.save('g', [{ shard: 't:0', nextOffset: '12', json: JSON.stringify(snap(3)) }], 'b')).toEqual([]);
    expect((await store.load('g', 't:0'))?.state).toEqual(snap(3));
    const refused = await store.save(
      'g',
      [
        { shard: 't:0', nextOffset: '11', json: JSON.stringify(snap(4)) },
        { shard: 't:2', nextOffset: '1', json: JSON.stringify(snap(5)) },
      ],
      'stale',
    );
    expect(refused).toEqual(['t:0']);
    expect(await store.load('g', 't:0')).toEqual({ shard: 't:0', nextOffset: '12', state: snap(3) });
    expect((await store.load('g', 't:2'))?.state).toEqual(snap(5));
    const rows: Array<{ saved_by: string }> = await ds.query(
      "SELECT saved_by FROM vigie_detection_state WHERE shard = 't:0'",
    );
    expect(rows).toEqual([{ saved_by: 'b' }]);
  });
});
