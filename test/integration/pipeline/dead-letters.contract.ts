import { MemoryEventBus } from '@vigie/bus';
import { DeadLetter, RawEnvelope, Topics } from '@vigie/contracts';
import { Metrics } from '@vigie/observability';
import { DeadLetterConsumerOptions } from '@vigie/ingestion/dead-letters/dead-letter-consumer.options';
import { DeadLetterConsumer } from '@vigie/ingestion/dead-letters/dead-letter.consumer';
import { replayDeadLetters } from '@vigie/ingestion/dead-letters/dead-letter-replayer';
import { DeadLetterStore } from '@vigie/ingestion/dead-letters/dead-letter.store';
import { OpenDatabase } from './databases';

const letter = (over: Partial<DeadLetter>): DeadLetter => ({
  stage: 'normaliser',
  reason: 'decoder_error',
  detail: 'decoder sshd failed',
  raw: '<13>1 2026-03-05T10:00:00Z h sshd - - - boom',
  member: 'ivry',
  at: '2026-03-05T10:00:00.000Z',
  source: { topic: 'siem.raw.v1', partition: 0, offset: '1' },
  ...over,
});

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** An in-process bus, and the envelopes published on its siem.raw.v1 as an observer receives them. */
async function observedBus(): Promise<{ bus: MemoryEventBus; raw: RawEnvelope[] }> {
  const bus = new MemoryEventBus({ partitions: 1, maxQueued: 1000 });
  const raw: RawEnvelope[] = [];
  await bus.subscribe({
    groupId: 'observer',
    topics: [Topics.raw],
    handler: async (b) => void raw.push(...b.map((m) => JSON.parse(m.value) as RawEnvelope)),
  });
  return { bus, raw };
}

/** The dead-letter store, consumer and replay, on one database. */
export function runDeadLetterSuite(open: () => Promise<OpenDatabase>): void {
  let db: OpenDatabase;
  let store: DeadLetterStore;

  beforeEach(async () => {
    db = await open();
    store = new DeadLetterStore(db.dataSource);
  });
  afterEach(() => db.cleanup());

  it('stores dead letters once, even when delivered twice', async () => {
    const a = letter({});
    const b = letter({ source: { topic: 'siem.raw.v1', partition: 0, offset: '2' } });
    expect(await store.insert([a, b])).toBe(2);
    expect(await store.insert([a])).toBe(0);
    expect(await store.count()).toBe(2);
    const [first] = await store.list();
    expect(first).toMatchObject({
      stage: 'normaliser',
      reason: 'decoder_error',
      raw: a.raw,
      member: 'ivry',
      source: a.source,
      replayedAt: null,
    });
    expect(first.at).toBe('2026-03-05T10:00:00.000Z');
  });

  it('keeps text Postgres would refuse (NUL) and letters without a source', async () => {
    expect(
      await store.insert([
        letter({ raw: 'a\u0000b', source: undefined }),
        letter({ raw: 'a\u0000b', source: undefined }),
      ]),
    ).toBe(2);
    const rows = await store.list({ text: 'a\uFFFDb' });
    expect(rows).toHaveLength(2);
  });

  it('counts and lists by time, stage, reason, member, topic and text', async () => {
    await store.insert([
      letter({ at: '2026-03-01T00:00:00.000Z', source: { topic: 'siem.raw.v1', offset: '1' } }),
      letter({
        at: '2026-03-02T00:00:00.000Z',
        reason: 'invalid_envelope',
        raw: 'garbage 100%_done',
        member: undefined,
        source: { topic: 'siem.raw.v1', offset: '2' },
      }),
      letter({
        at: '2026-03-03T00:00:00.000Z',
        stage: 'indexer',
        reason: 'mapper_parsing_exception',
        member: 'vitry',
        source: { topic: 'siem.events.v1', offset: '3' },
      }),
    ]);
    expect(await store.count({ since: '2026-03-02T00:00:00Z' })).toBe(2);
    expect(await store.count({ until: new Date('2026-03-02T00:00:00Z') })).toBe(1);
    expect(await store.count({ stage: 'indexer' })).toBe(1);
    expect(await store.count({ reason: 'invalid_envelope' })).toBe(1);
    expect(await store.count({ member: 'vitry' })).toBe(1);
    expect(await store.count({ topic: 'siem.raw.v1' })).toBe(2);
    expect(await store.count({ text: '100%_' })).toBe(1);
    expect(await store.count({ text: '1000' })).toBe(0);
    expect(await store.count({ text: 'GARBAGE' })).toBe(1);
    const page1 = await store.list({}, { limit: 2 });
    const page2 = await store.list({}, { limit: 2, afterId: page1[1].id });
    expect([...page1, ...page2].map((r) => r.reason)).toEqual([
      'decoder_error',
      'invalid_envelope',
      'mapper_parsing_exception',
    ]);
    const stats = await store.stats();
    expect(stats.map((s) => [s.stage, s.reason, s.total, s.pending])).toEqual([
      ['indexer', 'mapper_parsing_exception', 1, 1],
      ['normaliser', 'decoder_error', 1, 1],
      ['normaliser', 'invalid_envelope', 1, 1],
    ]);
    await expect(store.count({ since: 'not a date' })).rejects.toThrow(RangeError);
  });

  it('consumes siem.dlq.v1 into the store, including messages that are not dead letters', async () => {
    const bus = new MemoryEventBus({ partitions: 2, maxQueued: 1000 });
    const consumer = new DeadLetterConsumer(bus, store, new DeadLetterConsumerOptions(), new Metrics(false));
    await consumer.start();
    try {
      await bus.publish(Topics.dlq, [
        { key: 'a', value: JSON.stringify(letter({})) },
        { key: 'a', value: JSON.stringify(letter({})) }, // redelivered copy
        { key: 'b', value: 'not a dead letter' },
      ]);
      await waitFor(async () => (await store.count()) === 2);
      await new Promise((r) => setTimeout(r, 100));
      expect(await store.count()).toBe(2);
      expect(await store.count({ reason: 'invalid_dead_letter', text: 'not a dead letter' })).toBe(1);
    } finally {
      await consumer.stop();
      await bus.close();
    }
  });

  it('replays matching dead letters not yet replayed as raw envelopes with their member, once', async () => {
    await store.insert([
      letter({ at: '2026-03-01T00:00:00.000Z', raw: 'old line', source: { topic: 't', offset: '1' } }),
      letter({ at: '2026-03-05T00:00:00.000Z', raw: 'new line', source: { topic: 't', offset: '2' } }),
      letter({
        at: '2026-03-06T00:00:00.000Z',
        stage: 'indexer',
        raw: 'indexer line',
        member: 'vitry',
        source: { topic: 't', offset: '3' },
      }),
      letter({ at: '2026-03-07T00:00:00.000Z', raw: '', source: { topic: 't', offset: '4' } }),
    ]);
    const { bus, raw } = await observedBus();
    try {
      const dry = await replayDeadLetters(store, bus, { since: '2026-03-02T00:00:00Z', dryRun: true });
      expect(dry).toEqual({ matched: 3, replayed: 0, skipped: 0 });
      expect(await store.count({ replayed: true })).toBe(0);

      const first = await replayDeadLetters(store, bus, {
        since: '2026-03-02T00:00:00Z',
        stage: 'normaliser',
        pageSize: 1,
      });
      expect(first).toEqual({ matched: 2, replayed: 1, skipped: 1 });
      await waitFor(async () => raw.length === 1);
      expect(raw[0]).toMatchObject({ raw: 'new line', member: 'ivry', receivedAt: '2026-03-05T00:00:00.000Z' });
      expect(await store.count({ replayed: true })).toBe(1);

      const second = await replayDeadLetters(store, bus, {});
      expect(second.replayed).toBe(2); // the old line and the indexer one; not the one already replayed
      await waitFor(async () => raw.length === 3);
      expect(raw.slice(1).map((e) => [e.raw, e.member])).toEqual([
        ['old line', 'ivry'],
        ['indexer line', 'vitry'],
      ]);
      expect((await replayDeadLetters(store, bus, {})).replayed).toBe(0);
    } finally {
      await bus.close();
    }
  });

  it('keeps how a message was received and replays it with that time, transport and sender', async () => {
    const origin = {
      receivedAt: '2026-03-04T23:59:58.000Z',
      transport: 'tls' as const,
      peer: { ip: '10.9.8.7', port: 6514 },
    };
    await store.insert([
      letter({ raw: 'with origin', origin, source: { topic: 't', offset: '1' } }),
      letter({ raw: 'without', source: { topic: 't', offset: '2' } }),
    ]);
    const [kept, plain] = await store.list();
    expect(kept.origin).toEqual(origin);
    expect(plain.origin).toBeNull();
    const { bus, raw } = await observedBus();
    try {
      expect((await replayDeadLetters(store, bus, {})).replayed).toBe(2);
      await waitFor(async () => raw.length === 2);
      const byLine = new Map(raw.map((e) => [e.raw, e]));
      expect(byLine.get('with origin')).toEqual({
        receivedAt: origin.receivedAt,
        transport: 'tls',
        peer: origin.peer,
        member: 'ivry',
        raw: 'with origin',
      });
      expect(byLine.get('without')).toMatchObject({ receivedAt: '2026-03-05T10:00:00.000Z', peer: { ip: '' } });
    } finally {
      await bus.close();
    }
  });
}
