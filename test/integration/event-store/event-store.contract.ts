import { and, EventQuery, EventStore, Filter, not, or, SearchRequest, StoredEvent, term } from '@vigie/event-store';
import { bulkEvents, FIXTURE_MEMBERS, fixtureEvents } from './event-store.fixture';

export interface ContractSubject {
  store: EventStore;
  /** Drops whatever the run created. */
  cleanup?: () => Promise<void>;
}

export interface ContractOptions {
  /** Events this adapter rejects for their content, beyond the common cases. */
  extraRejects?: StoredEvent[];
}

const M = FIXTURE_MEMBERS;
const PAGED = 'paged';
const PAGED_COUNT = 137;

/**
 * The behaviour every event-store adapter must share: same fixture, same
 * answers. Tests run in order; the destructive ones (delete, drop) come last.
 */
export function runEventStoreContract(
  name: string,
  factory: () => Promise<ContractSubject>,
  options: ContractOptions = {},
): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: EventStore;

    const q = (extra: SearchRequest = {}): SearchRequest => ({ members: M, ...extra });
    /** Every id matching the query, via the cursor, sorted. */
    const ids = async (query: EventQuery): Promise<string[]> => {
      const out: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.search({ ...query, size: 1000, ...(cursor ? { cursor } : {}) });
        out.push(...page.events.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor);
      return out.sort();
    };
    const matching = (filter: Filter, extra: EventQuery = {}) => ids(q({ ...extra, filter }));

    beforeAll(async () => {
      subject = await factory();
      store = subject.store;
      await store.init();
      await store.init(); // idempotent
      const result = await store.bulkWrite(fixtureEvents());
      expect(result).toEqual({ written: 12, rejected: [] });
      await store.refresh();
    });

    afterAll(async () => {
      if (!subject) return;
      try {
        await subject.cleanup?.();
      } finally {
        await store.close();
      }
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('writing', () => {
      it('is idempotent: the same ids again leave the count unchanged and replace the documents', async () => {
        const again = fixtureEvents().map((e) =>
          e.id === 'e02' ? { ...e, doc: { ...e.doc, message: 'Accepted keyboard-interactive for admin' } } : e,
        );
        const result = await store.bulkWrite(again);
        expect(result).toEqual({ written: 12, rejected: [] });
        await store.refresh();
        expect(await store.count(q())).toBe(12);
        const page = await store.search(q({ filter: term('event.id', 'e02') }));
        expect(page.events).toHaveLength(1);
        expect(page.events[0]!.doc.message).toBe('Accepted keyboard-interactive for admin');
        expect(await matching({ op: 'match', text: 'keyboard-interactive' })).toEqual(['e02']);
        // put the original back for the rest of the suite
        await store.bulkWrite(fixtureEvents().filter((e) => e.id === 'e02'));
        await store.refresh();
        expect(await matching({ op: 'match', text: 'keyboard-interactive' })).toEqual([]);
      });

      it('returns the stored event with its envelope', async () => {
        const page = await store.search(q({ filter: term('event.id', 'e09') }));
        expect(page.events).toHaveLength(1);
        const e = page.events[0]!;
        expect(e).toMatchObject({ id: 'e09', member: 'beta', timestamp: '2024-03-03T06:30:00.000Z' });
        expect(e.doc).toMatchObject({
          '@timestamp': '2024-03-03T06:30:00.000Z',
          event: { id: 'e09', dataset: 'sshd' },
          organization: { id: 'beta' },
          user: { name: '100%_done' },
          related: { ip: ['2001:db8::1'] },
        });
      });

      it('rejects bad documents and writes the rest of the batch', async () => {
        const good: StoredEvent = {
          id: 'ok-1',
          member: 'odd',
          timestamp: '2024-03-05T10:00:00.000+02:00',
          doc: { message: 'fine' },
        };
        const noTimestamp: StoredEvent = { id: 'bad-ts', member: 'odd', timestamp: '', doc: { message: 'no time' } };
        const badTimestamp: StoredEvent = { id: 'bad-ts2', member: 'odd', timestamp: 'yesterday', doc: {} };
        const badMember: StoredEvent = {
          id: 'bad-member',
          member: 'Not A Code',
          timestamp: '2024-03-05T10:00:00Z',
          doc: {},
        };
        const extra = options.extraRejects ?? [];
        const result = await store.bulkWrite([noTimestamp, good, badTimestamp, badMember, ...extra]);
        expect(result.written).toBe(1);
        expect(result.rejected.map((r) => r.id).sort()).toEqual(
          ['bad-member', 'bad-ts', 'bad-ts2', ...extra.map((e) => e.id)].sort(),
        );
        for (const r of result.rejected) expect(r.reason).toEqual(expect.any(String));
        await store.refresh();
        const page = await store.search({ members: ['odd'] });
        expect(page.events.map((e) => e.id)).toEqual(['ok-1']);
        // the offset is applied: 10:00+02:00 is 08:00Z
        expect(page.events[0]!.timestamp).toBe('2024-03-05T08:00:00.000Z');
      });

      it('keeps text with NUL characters instead of failing the batch', async () => {
        const result = await store.bulkWrite([
          { id: 'nul-1', member: 'odd', timestamp: '2024-03-05T11:00:00Z', doc: { message: 'before\u0000after zz9' } },
        ]);
        expect(result).toEqual({ written: 1, rejected: [] });
        await store.refresh();
        expect(await store.count({ members: ['odd'], text: 'zz9' })).toBe(1);
      });
    });

    describe('time range and tenancy', () => {
      it('counts everything, per member, and nothing for members: []', async () => {
        expect(await store.count(q())).toBe(12);
        expect(await store.count({ members: ['alpha'] })).toBe(7);
        expect(await store.count({ members: ['beta', 'ga-ma'] })).toBe(5);
        expect(await store.count({ members: [] })).toBe(0);
        expect(await store.count({ members: ['nobody'] })).toBe(0);
        expect((await store.search({ members: [] })).events).toEqual([]);
      });

      it('never returns another member’s events', async () => {
        const alpha = await ids({ members: ['alpha'] });
        expect(alpha).toEqual(['e01', 'e02', 'e03', 'e04', 'e05', 'e06', 'e12']);
        // a member whose code is a prefix of another's
        expect(await ids({ members: ['ga'] })).toEqual([]);
        const beta = await store.search({ members: ['beta'], filter: term('user.name', 'root') });
        expect(beta.events.map((e) => e.id)).toEqual(['e07']);
        expect(beta.events.every((e) => e.member === 'beta')).toBe(true);
      });

      it('takes `from` inclusive and `to` exclusive', async () => {
        expect(await ids(q({ from: '2024-03-01T08:00:00.000Z', to: '2024-03-01T08:01:10.000Z' }))).toEqual([
          'e01',
          'e02',
          'e07',
          'e12',
        ]);
        expect(await ids(q({ from: '2024-03-02T00:00:00Z', to: '2024-03-03T00:00:00Z' }))).toEqual([
          'e05',
          'e06',
          'e10',
          'e11',
        ]);
        expect(await store.count(q({ from: '2024-03-03T06:30:00.001Z' }))).toBe(0);
      });
    });

    describe('filters', () => {
      it('term on a keyword', async () => {
        expect(await matching(term('event.dataset', 'sshd'))).toEqual([
          'e01',
          'e02',
          'e03',
          'e06',
          'e07',
          'e09',
          'e10',
          'e12',
        ]);
        // case-sensitive, like a keyword
        expect(await matching(term('user.name', 'Root'))).toEqual(['e12']);
      });

      it('term matches any element of an array', async () => {
        expect(await matching(term('related.ip', '192.168.1.10'))).toEqual(['e01', 'e03']);
        expect(await matching(term('related.ip', '10.0.0.5'))).toEqual(['e01', 'e07']);
        expect(await matching(term('related.ip', '10.0.0.1'))).toEqual(['e08']);
      });

      it('term on a number, given as a number or a string', async () => {
        const port22 = ['e01', 'e02', 'e03', 'e06', 'e07', 'e09'];
        expect(await matching(term('destination.port', 22))).toEqual(port22);
        expect(await matching(term('destination.port', '22'))).toEqual(port22);
        expect(await matching(term('process.pid', 4242))).toEqual(['e11']);
      });

      it('terms: any of the values', async () => {
        expect(await matching({ op: 'terms', field: 'user.name', values: ['root', 'admin'] })).toEqual([
          'e01',
          'e02',
          'e03',
          'e07',
          'e11',
        ]);
        expect(await matching({ op: 'terms', field: 'user.name', values: [] })).toEqual([]);
      });

      it('range on numbers', async () => {
        expect(await matching({ op: 'range', field: 'destination.port', gte: 443, lt: 3389 })).toEqual([
          'e04',
          'e05',
          'e12',
        ]);
        expect(await matching({ op: 'range', field: 'destination.port', gt: 443 })).toEqual(['e08', 'e12']);
        expect(await matching({ op: 'range', field: 'http.response.status_code', gte: 400 })).toEqual(['e04']);
      });

      it('range on @timestamp with ISO bounds', async () => {
        expect(await matching({ op: 'range', field: '@timestamp', gte: '2024-03-02T00:00:00Z' })).toEqual([
          'e05',
          'e06',
          'e09',
          'e10',
          'e11',
        ]);
        expect(
          await matching({ op: 'range', field: '@timestamp', gt: '2024-03-01T08:00:00Z', lte: '2024-03-01T09:15:00Z' }),
        ).toEqual(['e02', 'e03', 'e04']);
      });

      it('exists', async () => {
        expect(await matching({ op: 'exists', field: 'user.name' })).toEqual([
          'e01',
          'e02',
          'e03',
          'e06',
          'e07',
          'e08',
          'e09',
          'e11',
          'e12',
        ]);
        expect(await matching({ op: 'exists', field: 'http.response.status_code' })).toEqual(['e04', 'e05']);
        expect(await matching({ op: 'exists', field: 'no.such.field' })).toEqual([]);
      });

      it('wildcard with * and ?, treating % and _ literally', async () => {
        expect(await matching({ op: 'wildcard', field: 'url.path', pattern: '/admin/*' })).toEqual(['e04']);
        expect(await matching({ op: 'wildcard', field: 'host.hostname', pattern: 'web?' })).toEqual([
          'e01',
          'e02',
          'e03',
          'e04',
          'e05',
          'e06',
          'e12',
        ]);
        expect(await matching({ op: 'wildcard', field: 'user.name', pattern: 'svc_*' })).toEqual(['e06']);
        expect(await matching({ op: 'wildcard', field: 'user.name', pattern: '*%_done' })).toEqual(['e09']);
        expect(await matching({ op: 'wildcard', field: 'user.name', pattern: '1%' })).toEqual([]);
        expect(await matching({ op: 'wildcard', field: 'user.name', pattern: 'ROOT' })).toEqual([]);
      });

      it('cidr on IPv4, IPv6 and arrays', async () => {
        expect(await matching({ op: 'cidr', field: 'source.ip', cidr: '10.0.0.0/8' })).toEqual([
          'e01',
          'e02',
          'e06',
          'e07',
          'e08',
          'e10',
          'e12',
        ]);
        expect(await matching({ op: 'cidr', field: 'source.ip', cidr: '10.0.0.0/24' })).toEqual([
          'e01',
          'e02',
          'e07',
          'e08',
          'e12',
        ]);
        expect(await matching({ op: 'cidr', field: 'related.ip', cidr: '192.168.0.0/16' })).toEqual(['e01', 'e03']);
        expect(await matching({ op: 'cidr', field: 'source.ip', cidr: '2001:db8::/32' })).toEqual(['e09']);
      });

      it('not', async () => {
        expect(await ids({ members: ['alpha'], filter: not(term('event.dataset', 'sshd')) })).toEqual(['e04', 'e05']);
        // documents without the field are included, as in Elasticsearch's must_not
        expect(await store.count(q({ filter: not(term('related.ip', '10.0.0.5')) }))).toBe(10);
        expect(await matching(not({ op: 'exists', field: 'source.ip' }))).toEqual(['e11']);
      });

      it('nested and / or', async () => {
        const filter = and(
          term('event.dataset', 'sshd'),
          or(term('user.name', 'root'), { op: 'cidr', field: 'source.ip', cidr: '10.1.0.0/16' }),
          not(term('host.hostname', 'db1')),
        );
        expect(await matching(filter)).toEqual(['e01', 'e03', 'e06']);
        expect(await matching(and())).toHaveLength(12);
        expect(await matching(or())).toEqual([]);
      });

      it('free text on message: all the words, or a phrase', async () => {
        expect(await ids(q({ text: 'failed password' }))).toEqual(['e01', 'e03', 'e07', 'e12']);
        expect(await matching({ op: 'match', text: 'PASSWORD for root', phrase: true })).toEqual(['e01', 'e07', 'e12']);
        expect(await ids({ members: ['alpha'], filter: { op: 'match', text: 'root' } })).toEqual(['e01', 'e03', 'e12']);
        expect(await matching({ op: 'match', field: 'url.path', text: 'admin' })).toEqual(['e04']);
      });
    });

    describe('search order and cursor', () => {
      it('orders newest first by default, ties broken by id', async () => {
        const page = await store.search(q({ size: 4 }));
        expect(page.events.map((e) => e.id)).toEqual(['e09', 'e06', 'e11', 'e10']);
        expect(page.nextCursor).toEqual(expect.any(String));
        const asc = await store.search(q({ size: 4, order: 'asc' }));
        expect(asc.events.map((e) => e.id)).toEqual(['e01', 'e07', 'e12', 'e02']);
      });

      it('omits the cursor on the last page', async () => {
        const page = await store.search(q({ size: 12 }));
        expect(page.events).toHaveLength(12);
        expect(page.nextCursor).toBeUndefined();
      });

      it('pages through more than two pages without duplicates or gaps, both orders', async () => {
        const events = bulkEvents(PAGED, PAGED_COUNT);
        expect(await store.bulkWrite(events)).toEqual({ written: PAGED_COUNT, rejected: [] });
        await store.refresh();
        const expected = events.map((e) => e.id).sort();
        for (const order of ['desc', 'asc'] as const) {
          for (const size of [50, 10]) {
            const seen: StoredEvent[] = [];
            let cursor: string | undefined;
            let pages = 0;
            do {
              const page = await store.search({ members: [PAGED], size, order, ...(cursor ? { cursor } : {}) });
              expect(page.events.length).toBeLessThanOrEqual(size);
              seen.push(...page.events);
              cursor = page.nextCursor;
              pages++;
            } while (cursor && pages < 100);
            expect(pages).toBe(Math.ceil(PAGED_COUNT / size));
            expect(seen.map((e) => e.id).sort()).toEqual(expected);
            expect(new Set(seen.map((e) => e.id)).size).toBe(PAGED_COUNT);
            for (let i = 1; i < seen.length; i++) {
              const a = seen[i - 1]!;
              const b = seen[i]!;
              const cmp = a.timestamp === b.timestamp ? (a.id < b.id ? -1 : 1) : a.timestamp < b.timestamp ? -1 : 1;
              expect(order === 'asc' ? cmp : -cmp).toBe(-1);
            }
          }
        }
        expect(await store.count({})).toBe(12 + PAGED_COUNT + 2);
      });

      it('caps the page size and defaults it to 50', async () => {
        expect((await store.search({ members: [PAGED] })).events).toHaveLength(50);
        expect((await store.search({ members: [PAGED], size: 5000 })).events).toHaveLength(PAGED_COUNT);
      });
    });

    describe('aggregations', () => {
      it('terms on a keyword, count desc then key asc', async () => {
        expect(await store.terms(q(), 'event.dataset')).toEqual([
          { key: 'sshd', count: 8 },
          { key: 'nginx.access', count: 2 },
          { key: 'auditd', count: 1 },
          { key: 'iptables', count: 1 },
        ]);
        expect(await store.terms({ members: ['alpha'] }, 'user.name')).toEqual([
          { key: 'root', count: 2 },
          { key: 'Root', count: 1 },
          { key: 'admin', count: 1 },
          { key: 'svc_backup', count: 1 },
        ]);
        expect(await store.terms(q(), 'event.dataset', 1)).toEqual([{ key: 'sshd', count: 8 }]);
      });

      it('terms counts array elements, once per document', async () => {
        const top = await store.terms(q(), 'related.ip', 3);
        expect(top).toEqual([
          { key: '10.0.0.5', count: 2 },
          { key: '192.168.1.10', count: 2 },
          { key: '198.51.100.7', count: 2 },
        ]);
        const all = await store.terms(q(), 'related.ip', 50);
        expect(all).toHaveLength(11);
        expect(all.reduce((n, b) => n + b.count, 0)).toBe(14);
        expect(all).toContainEqual({ key: '2001:db8::1', count: 1 });
      });

      it('terms on a number, restricted by a filter', async () => {
        expect(
          await store.terms(q({ filter: { op: 'exists', field: 'destination.port' } }), 'destination.port'),
        ).toEqual([
          { key: '22', count: 6 },
          { key: '443', count: 2 },
          { key: '2222', count: 1 },
          { key: '3389', count: 1 },
        ]);
      });

      it('histogram: epoch-aligned buckets, empty ones omitted', async () => {
        expect(await store.histogram({ members: ['alpha'] }, 3600)).toEqual([
          { start: '2024-03-01T08:00:00.000Z', count: 4 },
          { start: '2024-03-01T09:00:00.000Z', count: 1 },
          { start: '2024-03-02T00:00:00.000Z', count: 1 },
          { start: '2024-03-02T23:00:00.000Z', count: 1 },
        ]);
        expect(await store.histogram(q(), 86400)).toEqual([
          { start: '2024-03-01T00:00:00.000Z', count: 7 },
          { start: '2024-03-02T00:00:00.000Z', count: 4 },
          { start: '2024-03-03T00:00:00.000Z', count: 1 },
        ]);
        // weeks from the epoch start on Thursdays: 2024-02-29
        expect(await store.histogram(q(), 7 * 86400)).toEqual([{ start: '2024-02-29T00:00:00.000Z', count: 12 }]);
        expect(await store.histogram({ members: [] }, 60)).toEqual([]);
      });
    });

    describe('sources', () => {
      const src = (member: string, key: string, count: number, firstSeen: string, lastSeen: string) => ({
        member,
        key,
        count,
        firstSeen,
        lastSeen,
      });

      it('per member, each value with its count and first and last timestamps, sorted by member then key', async () => {
        expect(await store.sources(q(), 'host.hostname')).toEqual([
          src('alpha', 'web1', 5, '2024-03-01T08:00:00.000Z', '2024-03-02T23:59:59.999Z'),
          src('alpha', 'web2', 2, '2024-03-01T08:01:10.000Z', '2024-03-02T00:00:00.000Z'),
          src('beta', 'db1', 2, '2024-03-01T08:00:00.000Z', '2024-03-03T06:30:00.000Z'),
          src('beta', 'fw1', 1, '2024-03-01T12:00:00.000Z', '2024-03-01T12:00:00.000Z'),
          src('ga-ma', 'mail1', 2, '2024-03-02T10:00:00.000Z', '2024-03-02T10:00:00.000Z'),
        ]);
      });

      it('counts array elements once per document, ip keys as text', async () => {
        expect(await store.sources({ members: ['beta'] }, 'related.ip')).toEqual([
          src('beta', '10.0.0.1', 1, '2024-03-01T12:00:00.000Z', '2024-03-01T12:00:00.000Z'),
          src('beta', '10.0.0.5', 1, '2024-03-01T08:00:00.000Z', '2024-03-01T08:00:00.000Z'),
          src('beta', '10.0.0.7', 1, '2024-03-01T12:00:00.000Z', '2024-03-01T12:00:00.000Z'),
          src('beta', '2001:db8::1', 1, '2024-03-03T06:30:00.000Z', '2024-03-03T06:30:00.000Z'),
        ]);
      });

      it('keeps the most frequent values per member when limited; numbers as keys', async () => {
        expect(await store.sources({ members: ['alpha'] }, 'host.hostname', 1)).toEqual([
          src('alpha', 'web1', 5, '2024-03-01T08:00:00.000Z', '2024-03-02T23:59:59.999Z'),
        ]);
        expect(await store.sources({ members: ['alpha'] }, 'destination.port', 2)).toEqual([
          src('alpha', '22', 4, '2024-03-01T08:00:00.000Z', '2024-03-02T23:59:59.999Z'),
          src('alpha', '443', 2, '2024-03-01T09:15:00.000Z', '2024-03-02T00:00:00.000Z'),
        ]);
      });

      it('applies the time range and filter, and answers nothing for members: []', async () => {
        expect(
          await store.sources(
            q({ from: '2024-03-02T00:00:00Z', filter: term('event.dataset', 'sshd') }),
            'host.hostname',
          ),
        ).toEqual([
          src('alpha', 'web1', 1, '2024-03-02T23:59:59.999Z', '2024-03-02T23:59:59.999Z'),
          src('beta', 'db1', 1, '2024-03-03T06:30:00.000Z', '2024-03-03T06:30:00.000Z'),
          src('ga-ma', 'mail1', 1, '2024-03-02T10:00:00.000Z', '2024-03-02T10:00:00.000Z'),
        ]);
        expect(await store.sources({ members: [] }, 'host.hostname')).toEqual([]);
        expect(await store.sources(q(), 'no.such.field')).toEqual([]);
      });
    });

    describe('retention', () => {
      it('lists member-days, oldest first', async () => {
        expect(await store.listDays('beta')).toEqual([
          { member: 'beta', day: '2024-03-01' },
          { member: 'beta', day: '2024-03-03' },
        ]);
        const fixtureDays = (await store.listDays()).filter((u) => M.includes(u.member));
        expect(fixtureDays).toEqual([
          { member: 'alpha', day: '2024-03-01' },
          { member: 'beta', day: '2024-03-01' },
          { member: 'alpha', day: '2024-03-02' },
          { member: 'ga-ma', day: '2024-03-02' },
          { member: 'beta', day: '2024-03-03' },
        ]);
        expect(await store.listDays(PAGED)).toEqual([
          { member: PAGED, day: '2024-04-10' },
          { member: PAGED, day: '2024-04-11' },
        ]);
        expect(await store.listDays('nobody')).toEqual([]);
      });

      it('deletes a time range for some members', async () => {
        const removed = await store.deleteRange({
          from: '2024-03-01T00:00:00Z',
          to: '2024-03-01T09:00:00Z',
          members: ['alpha'],
        });
        expect(removed).toBe(4);
        await store.refresh();
        expect(await ids({ members: ['alpha'] })).toEqual(['e04', 'e05', 'e06']);
        expect(await ids({ members: ['beta'] })).toEqual(['e07', 'e08', 'e09']);
        expect(await store.deleteRange({ members: [] })).toBe(0);
      });

      it('drops exactly the named member-days', async () => {
        await store.dropDays([
          { member: 'beta', day: '2024-03-01' },
          { member: 'ga-ma', day: '2024-03-02' },
          { member: 'nobody', day: '2024-03-02' },
        ]);
        await store.refresh();
        expect((await store.listDays()).filter((u) => M.includes(u.member))).toEqual([
          { member: 'alpha', day: '2024-03-01' },
          { member: 'alpha', day: '2024-03-02' },
          { member: 'beta', day: '2024-03-03' },
        ]);
        expect(await ids({ members: ['beta'] })).toEqual(['e09']);
        expect(await store.count({ members: ['ga-ma'] })).toBe(0);
        expect(await ids({ members: ['alpha'] })).toEqual(['e04', 'e05', 'e06']);
        expect(await store.count({ members: [PAGED] })).toBe(PAGED_COUNT);
      });

      it('writes again into a dropped day', async () => {
        const e07 = fixtureEvents().find((e) => e.id === 'e07')!;
        expect(await store.bulkWrite([e07])).toEqual({ written: 1, rejected: [] });
        await store.refresh();
        expect(await ids({ members: ['beta'] })).toEqual(['e07', 'e09']);
      });
    });
  });
}
