import type { DataSource } from 'typeorm';
import { PostgresEventStore, StoredEvent } from '@vigie/event-store';

const ev = (id: string, member: string, timestamp: string, doc: Record<string, unknown> = {}): StoredEvent => ({
  id,
  member,
  timestamp,
  doc: { message: `event ${id}`, ...doc },
});

/** Behaviour particular to the Postgres adapter: partition naming, precision, races. */
export function runPostgresSpecifics(
  name: string,
  open: () => Promise<{ dataSource: DataSource; cleanup: () => Promise<void> }>,
): void {
  describe(`PostgresEventStore specifics: ${name}`, () => {
    let dataSource: DataSource;
    let cleanup: () => Promise<void>;
    let store: PostgresEventStore;

    beforeAll(async () => {
      ({ dataSource, cleanup } = await open());
      store = new PostgresEventStore(dataSource);
      await store.init();
    });
    afterAll(async () => {
      await cleanup?.();
    });

    it('keeps members whose table names would clash apart (a-b and a_b), and very long codes', async () => {
      const long = `m${'x'.repeat(40)}-long`;
      const result = await store.bulkWrite([
        ev('1', 'a-b', '2024-05-01T10:00:00Z'),
        ev('2', 'a_b', '2024-05-01T10:00:00Z'),
        ev('3', 'a_b', '2024-05-02T10:00:00Z'),
        ev('4', long, '2024-05-01T10:00:00Z'),
      ]);
      expect(result).toEqual({ written: 4, rejected: [] });
      expect((await store.search({ members: ['a-b'] })).events.map((e) => e.id)).toEqual(['1']);
      expect((await store.search({ members: ['a_b'] })).events.map((e) => e.id)).toEqual(['3', '2']);
      expect(await store.listDays('a_b')).toEqual([
        { member: 'a_b', day: '2024-05-01' },
        { member: 'a_b', day: '2024-05-02' },
      ]);
      expect(await store.listDays(long)).toEqual([{ member: long, day: '2024-05-01' }]);
      const tables: Array<{ relname: string }> = await dataSource.query(
        `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'vigie_events'::regclass ORDER BY 1`,
      );
      expect(tables.every((t) => t.relname.length <= 63)).toBe(true);
      expect(new Set(tables.map((t) => t.relname)).size).toBe(3);
      // a fresh store finds the existing partitions through the catalogue
      const again = new PostgresEventStore(dataSource);
      await again.init();
      expect(await again.bulkWrite([ev('5', 'a-b', '2024-05-01T11:00:00Z')])).toEqual({ written: 1, rejected: [] });
      expect(await again.count({ members: ['a-b'] })).toBe(2);
      expect(await again.count({ members: ['a_b'] })).toBe(2);
    });

    it('pages exactly across events a microsecond apart', async () => {
      // ids run against time, so ordering by a truncated timestamp then id would fail
      const stamps = ['10:00:00.123001', '10:00:00.123002', '10:00:00.123003', '10:00:00.124999'];
      const events = stamps.map((t, i) => ev(`u${3 - i}`, 'micro', `2024-05-03T${t}Z`));
      await store.bulkWrite(events);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.search({ members: ['micro'], size: 1, order: 'asc', ...(cursor ? { cursor } : {}) });
        seen.push(...page.events.map((e) => `${e.id}@${e.timestamp}`));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([
        'u3@2024-05-03T10:00:00.123001Z',
        'u2@2024-05-03T10:00:00.123002Z',
        'u1@2024-05-03T10:00:00.123003Z',
        'u0@2024-05-03T10:00:00.124999Z',
      ]);
    });

    it('filters on keys that need quoting in a JSON path, and on loosely typed values without raising', async () => {
      await store.bulkWrite([
        ev('q1', 'quote', '2024-05-04T00:00:00Z', {
          'we"ird': { 'k\\ey': 'v' },
          source: { ip: 'not-an-ip' },
          n: 'abc',
        }),
        ev('q2', 'quote', '2024-05-04T00:00:01Z', { source: { ip: '10.0.0.1' }, n: 5, when: 'later' }),
        ev('q3', 'quote', '2024-05-04T00:00:02Z', { n: '7', when: '2024-05-04T12:00:00Z' }),
      ]);
      const ids = async (filter: Parameters<PostgresEventStore['count']>[0]['filter']) =>
        (await store.search({ members: ['quote'], filter, order: 'asc' })).events.map((e) => e.id);
      expect(await ids({ op: 'term', field: 'we"ird.k\\ey', value: 'v' })).toEqual(['q1']);
      expect(await ids({ op: 'cidr', field: 'source.ip', cidr: '10.0.0.0/8' })).toEqual(['q2']);
      expect(await ids({ op: 'cidr', field: 'source.ip', cidr: 'garbage' })).toEqual([]);
      expect(await ids({ op: 'range', field: 'n', gte: 5 })).toEqual(['q2', 'q3']);
      expect(await ids({ op: 'range', field: 'when', gte: '2024-05-04T11:00:00Z' })).toEqual(['q3']);
    });

    it('creates the same new partitions from concurrent writers without failing', async () => {
      const writers = Array.from({ length: 4 }, () => new PostgresEventStore(dataSource));
      await Promise.all(writers.map((w) => w.init()));
      const results = await Promise.all(
        writers.map((w, i) =>
          w.bulkWrite([
            ev(`r${i}a`, 'race', '2024-06-01T01:00:00Z'),
            ev(`r${i}b`, 'race', '2024-06-02T01:00:00Z'),
            ev(`r${i}c`, `race-${i % 2}`, '2024-06-03T01:00:00Z'),
          ]),
        ),
      );
      for (const r of results) expect(r).toEqual({ written: 3, rejected: [] });
      expect(await store.count({ members: ['race'] })).toBe(8);
      expect(await store.count({ members: ['race-0', 'race-1'] })).toBe(4);
      expect(await store.listDays('race')).toEqual([
        { member: 'race', day: '2024-06-01' },
        { member: 'race', day: '2024-06-02' },
      ]);
    });

    it('recreates a day partition another process dropped', async () => {
      const other = new PostgresEventStore(dataSource);
      await other.init();
      await store.bulkWrite([ev('d1', 'dropme', '2024-07-01T00:00:00Z')]);
      await other.dropDays([{ member: 'dropme', day: '2024-07-01' }]);
      // `store` still believes the partition exists
      expect(await store.bulkWrite([ev('d2', 'dropme', '2024-07-01T05:00:00Z')])).toEqual({ written: 1, rejected: [] });
      expect((await store.search({ members: ['dropme'] })).events.map((e) => e.id)).toEqual(['d2']);
    });
  });
}
