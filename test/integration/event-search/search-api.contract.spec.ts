import { randomBytes } from 'node:crypto';
import { Principal, RequestContext, SYSTEM_PRINCIPAL } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { dataSourceOptions } from '@vigie/database';
import {
  createSearchClient,
  ElasticsearchEventStore,
  EventStore,
  EventStore1732900000000,
  PostgresEventStore,
} from '@vigie/event-store';
import { EventMembersRepository } from '@vigie/registry/events/event-members.repository';
import { EventsService } from '@vigie/registry/events/events.service';
import { describeWithServices, openSearchUrl, postgresTestUrl } from '@vigie/testing';
import { DataSource } from 'typeorm';
import { MEMBERS, NOW, QUERIES, QueryCase, searchFixture } from './search-api.fixture';

/**
 * The search API's contract: the same KQL through the same service on every
 * event store (OpenSearch, PostgreSQL, PGlite) gives the same events in the
 * same order, and the same counts, histograms and top values.
 */
interface Subject {
  store: EventStore;
  /** A database holding `vigie_members`-free event tables; the members repository is not used by these reads. */
  dataSource: DataSource;
  cleanup: () => Promise<void>;
}

const REFERENT_IVRY: Principal = {
  kind: 'user',
  id: 'ref-ivry',
  name: 'ref-ivry',
  roles: ['referent'],
  members: ['ivry'],
};

/** Every store's answers, by case, for the cross-store comparison at the end. */
const answers = new Map<string, Map<string, unknown>>();

const caseName = (c: QueryCase) =>
  `${JSON.stringify(c.q)}${'from' in c ? ` from=${c.from ?? 'default'}` : ''}${c.to ? ` to=${c.to}` : ''}${c.member ? ` member=${c.member}` : ''}`;

function runSearchApiContract(name: string, factory: () => Promise<Subject>): void {
  describe(`search API contract: ${name}`, () => {
    let subject: Subject;
    let service: EventsService;
    const record = (key: string, value: unknown) => {
      if (!answers.has(name)) answers.set(name, new Map());
      answers.get(name)!.set(key, value);
    };
    const as = <T>(principal: Principal, fn: () => Promise<T>): Promise<T> =>
      RequestContext.run({ requestId: 'contract', principal }, fn);
    const search = (c: QueryCase & { size?: number; order?: 'asc' | 'desc'; cursor?: string }, p = SYSTEM_PRINCIPAL) =>
      as(p, () =>
        service.search({
          q: c.q,
          ...('from' in c ? (c.from === undefined ? {} : { from: c.from }) : { from: 'now-7d' }),
          ...(c.to ? { to: c.to } : {}),
          ...(c.member ? { member: c.member } : {}),
          ...(c.size ? { size: c.size } : {}),
          ...(c.order ? { order: c.order } : {}),
          ...(c.cursor ? { cursor: c.cursor } : {}),
        }),
      );
    const idsOf = (events: Array<Record<string, unknown>>) => events.map((e) => (e.event as { id: string }).id);

    beforeAll(async () => {
      subject = await factory();
      await subject.store.init();
      expect(await subject.store.bulkWrite(searchFixture())).toEqual({ written: 17, rejected: [] });
      await subject.store.refresh();
      service = new EventsService(subject.store, new EventMembersRepository(subject.dataSource), () => NOW);
    });

    afterAll(async () => {
      if (!subject) return;
      try {
        await subject.cleanup();
      } finally {
        await subject.store.close();
      }
    });

    it.each(QUERIES.map((c) => [caseName(c), c] as const))('%s', async (key, c) => {
      const page = await search({ ...c, size: 100 });
      const ids = idsOf(page.events);
      record(key, ids);
      expect(ids).toEqual(c.ids);
      expect(page.nextCursor).toBeNull();
      for (const e of page.events) expect(MEMBERS).toContain((e.organization as { id: string }).id);
    });

    it('pages through a query with the cursor, both orders', async () => {
      for (const order of ['desc', 'asc'] as const) {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await search({
            q: 'not event.outcome:success',
            ids: [],
            size: 4,
            order,
            ...(cursor ? { cursor } : {}),
          });
          seen.push(...idsOf(page.events));
          cursor = page.nextCursor ?? undefined;
          pages++;
        } while (cursor && pages < 20);
        const expected = QUERIES.find((c) => c.q === 'not event.outcome:success')!.ids;
        expect(pages).toBe(4);
        expect(seen).toEqual(order === 'desc' ? expected : [...expected].reverse());
        record(`pages ${order}`, seen);
      }
    });

    it('scopes a referent to their members, and 404s a foreign member', async () => {
      const page = await search({ q: 'user.name:root', ids: [] }, REFERENT_IVRY);
      expect(idsOf(page.events)).toEqual(['s17', 's01', 's02']);
      const sneaky = await search({ q: 'organization.id:vitry or srv-v1', ids: [] }, REFERENT_IVRY);
      expect(sneaky.events).toEqual([]);
      await expect(search({ q: '', ids: [], member: 'vitry' }, REFERENT_IVRY)).rejects.toMatchObject({
        kind: 'not_found',
        code: 'member_not_found',
      });
      const count = await as(REFERENT_IVRY, () => service.count({ from: 'now-7d' }));
      expect(count.count).toBe(10);
    });

    it('rejects an invalid query with its position before reaching the store', async () => {
      const err = await search({ q: 'source.port >= ', ids: [] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ code: 'invalid_query', details: { position: 15 } });
    });

    it('counts', async () => {
      const counts: Record<string, number> = {};
      for (const q of ['', 'event.dataset:sshd', 'failed', 'source.ip: 10.0.0.0/8', '@timestamp < now-1h']) {
        counts[q] = (await as(SYSTEM_PRINCIPAL, () => service.count({ q, from: 'now-7d' }))).count;
      }
      expect(counts).toEqual({
        '': 17,
        'event.dataset:sshd': 9,
        failed: 8,
        'source.ip: 10.0.0.0/8': 9,
        '@timestamp < now-1h': 10,
      });
      record('counts', counts);
    });

    it('counts per hour, empty buckets filled', async () => {
      const h = await as(SYSTEM_PRINCIPAL, () => service.histogram({ from: 'now-6h', interval: '1h' }));
      expect(h).toMatchObject({
        interval: '1h',
        from: '2024-06-12T06:00:00.000Z',
        to: '2024-06-12T12:00:00.000Z',
        total: 11,
      });
      expect(h.buckets).toEqual([
        { start: '2024-06-12T06:00:00.000Z', count: 0 },
        { start: '2024-06-12T07:00:00.000Z', count: 1 },
        { start: '2024-06-12T08:00:00.000Z', count: 0 },
        { start: '2024-06-12T09:00:00.000Z', count: 1 },
        { start: '2024-06-12T10:00:00.000Z', count: 2 },
        { start: '2024-06-12T11:00:00.000Z', count: 7 },
      ]);
      const auto = await as(SYSTEM_PRINCIPAL, () => service.histogram({ q: 'event.dataset:sshd', from: 'now-7d' }));
      expect(auto.interval).toBe('3h');
      expect(auto.total).toBe(9);
      record('histogram', h.buckets);
      record('histogram auto', auto.buckets);
    });

    it('lists top values: count descending, then key', async () => {
      const users = await as(SYSTEM_PRINCIPAL, () => service.top({ field: 'user.name', from: 'now-7d' }));
      expect(users.buckets).toEqual([
        { key: 'root', count: 6 },
        { key: 'Administrator', count: 1 },
        { key: 'admin', count: 1 },
        { key: 'alice', count: 1 },
        { key: 'bob', count: 1 },
        { key: 'deploy', count: 1 },
        { key: 'svc_backup', count: 1 },
      ]);
      const ips = await as(SYSTEM_PRINCIPAL, () =>
        service.top({ field: 'source.ip', q: 'event.dataset:sshd', from: 'now-7d', size: 3 }),
      );
      expect(ips.buckets).toEqual([
        { key: '10.20.5.5', count: 2 },
        { key: '203.0.113.50', count: 2 },
        { key: '10.20.5.6', count: 1 },
      ]);
      const ports = await as(REFERENT_IVRY, () => service.top({ field: 'destination.port', from: 'now-7d' }));
      expect(ports.buckets).toEqual([
        { key: '22', count: 6 },
        { key: '443', count: 2 },
        { key: '3389', count: 1 },
      ]);
      // ties ordered by the key as text, even on an ip field (a search engine orders those by address)
      const allIps = await as(SYSTEM_PRINCIPAL, () => service.top({ field: 'source.ip', from: 'now-7d', size: 20 }));
      expect(allIps.buckets.map((b) => `${b.key}=${b.count}`)).toEqual([
        '10.20.5.5=2',
        '198.51.100.23=2',
        '203.0.113.50=2',
        '10.20.5.6=1',
        '10.20.7.7=1',
        '10.20.99.1=1',
        '10.30.1.1=1',
        '10.30.1.2=1',
        '10.30.200.5=1',
        '10.30.7.7=1',
        '192.0.2.10=1',
        '198.51.100.99=1',
        '2001:db8::10=1',
      ]);
      record('top', [users.buckets, ips.buckets, ports.buckets, allIps.buckets]);
    });
  });
}

async function openPGlite(): Promise<DataSource> {
  const options = await dataSourceOptions({ driver: 'pglite', dataDir: 'memory://' });
  const dataSource = new DataSource({ ...options, migrations: [EventStore1732900000000] });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}

describeWithServices(['opensearch'], 'search API on OpenSearch', () => {
  runSearchApiContract('opensearch', async () => {
    const indexPrefix = `vigie-test-search-${randomBytes(4).toString('hex')}`;
    const store = new ElasticsearchEventStore({
      client: createSearchClient({ node: openSearchUrl(), flavor: 'opensearch' }),
      indexPrefix,
    });
    const dataSource = await openPGlite();
    return {
      store,
      dataSource,
      cleanup: async () => {
        const admin = createSearchClient({ node: openSearchUrl(), flavor: 'opensearch' });
        try {
          await admin.indices.delete({
            index: `${indexPrefix}-events-*`,
            allow_no_indices: true,
            ignore_unavailable: true,
          });
          await admin.indices.deleteIndexTemplate({ name: `${indexPrefix}-events` });
        } finally {
          await admin.close();
          await dataSource.destroy();
        }
      },
    };
  });
});

describeWithServices(['postgres'], 'search API on PostgreSQL', () => {
  runSearchApiContract('postgres', async () => {
    const schema = `search_api_${randomBytes(4).toString('hex')}`;
    const inSchema = (s: string) =>
      new DataSource({
        type: 'postgres',
        url: postgresTestUrl(),
        migrations: [EventStore1732900000000],
        migrationsTableName: 'vigie_migrations',
        extra: { options: `-c search_path=${s}` },
        poolSize: 4,
      });
    const admin = await inSchema('public').initialize();
    try {
      await admin.query(`CREATE SCHEMA ${schema}`);
    } finally {
      await admin.destroy();
    }
    const dataSource = await inSchema(schema).initialize();
    await dataSource.runMigrations();
    return {
      store: new PostgresEventStore(dataSource),
      dataSource,
      cleanup: async () => {
        await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
        await dataSource.destroy();
      },
    };
  });
});

describe('search API on PGlite', () => {
  runSearchApiContract('pglite', async () => {
    const dataSource = await openPGlite();
    return { store: new PostgresEventStore(dataSource), dataSource, cleanup: () => dataSource.destroy() };
  });
});

describe('search API: the stores agree', () => {
  it('gives the same answers on every store that ran', () => {
    const stores = [...answers.keys()];
    expect(stores).toContain('pglite');
    const [first, ...rest] = stores;
    for (const other of rest) {
      const a = answers.get(first!)!;
      const b = answers.get(other)!;
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [key, value] of a)
        expect({ store: other, key, value: b.get(key) }).toEqual({ store: other, key, value });
    }
  });
});
