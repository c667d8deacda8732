import { createServer, Server } from 'node:net';
import { StoreUnavailableError } from '../event-store';
import { createSearchClient } from './create-search-client';
import { ElasticsearchEventStore } from './elasticsearch-event-store';

/** A port with nothing listening: connections are refused by the OS. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('ElasticsearchEventStore when the cluster is unreachable', () => {
  let store: ElasticsearchEventStore;

  beforeAll(async () => {
    const client = createSearchClient({
      node: `http://127.0.0.1:${await closedPort()}`,
      flavor: 'opensearch',
      maxRetries: 0,
    });
    store = new ElasticsearchEventStore({ client, indexPrefix: 'unreachable' });
  });
  afterAll(() => store.close());

  it('throws StoreUnavailableError from ping, bulkWrite and search', async () => {
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(
      store.bulkWrite([{ id: 'a', member: 'ivry', timestamp: '2024-03-01T00:00:00Z', doc: {} }]),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.search({})).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('still rejects bad documents without calling the cluster', async () => {
    expect(await store.bulkWrite([{ id: 'a', member: 'ivry', timestamp: 'nope', doc: {} }])).toEqual({
      written: 0,
      rejected: [{ id: 'a', reason: expect.stringMatching(/@timestamp/) }],
    });
  });

  it('needs no cluster for members: []', async () => {
    expect(await store.search({ members: [] })).toEqual({ events: [] });
    expect(await store.count({ members: [] })).toBe(0);
  });

  it('refuses an index prefix that is not a valid index name', () => {
    expect(
      () =>
        new ElasticsearchEventStore({
          client: createSearchClient({ node: 'http://127.0.0.1:1', flavor: 'elasticsearch' }),
          indexPrefix: 'Bad Prefix',
        }),
    ).toThrow(/index prefix/);
  });
});

describe('ElasticsearchEventStore bulk body', () => {
  let server: Server;
  let store: ElasticsearchEventStore;
  const requests: Array<{ url: string; body: string }> = [];
  /** Item answers for the next request, by position; default 201. */
  let answer: (i: number) => Record<string, unknown> = () => ({ status: 201 });

  beforeAll(async () => {
    const { createServer: createHttpServer } = await import('node:http');
    server = createHttpServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        requests.push({ url: req.url ?? '', body });
        const n = body.split('\n').filter((l) => l !== '').length / 2;
        const items = Array.from({ length: n }, (_, i) => ({ index: answer(i) }));
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ errors: items.some((it) => it.index.status !== 201), items }));
      });
    }) as unknown as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const client = createSearchClient({ node: `http://127.0.0.1:${port}`, flavor: 'opensearch', maxRetries: 0 });
    store = new ElasticsearchEventStore({ client, indexPrefix: 'bulk', retryDelayMs: 1 });
  });
  afterAll(async () => {
    await store.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    requests.length = 0;
    answer = () => ({ status: 201 });
  });

  const lines = (body: string) => body.split('\n').filter((l) => l !== '');
  const doc = (ts: string, id = 'e1', member = 'ivry') => ({
    '@timestamp': ts,
    event: { id, kind: 'event' },
    organization: { id: member },
    message: 'hello',
  });

  it('sends the caller JSON text as is when it is the document the store would write', async () => {
    const d = doc('2024-03-01T10:00:00.000Z');
    const json = `{"event":{"kind":"event","id":"e1"},"@timestamp":"2024-03-01T10:00:00.000Z","organization":{"id":"ivry"},"message":"hello"}`;
    expect(await store.bulkWrite([{ id: 'e1', member: 'ivry', timestamp: d['@timestamp'], doc: d, json }])).toEqual({
      written: 1,
      rejected: [],
    });
    expect(requests).toHaveLength(1);
    expect(requests[0].url).toMatch(/^\/_bulk\?filter_path=/);
    const [action, source] = lines(requests[0].body);
    expect(JSON.parse(action)).toEqual({ index: { _index: 'bulk-events-ivry-2024.03.01', _id: 'e1' } });
    expect(source).toBe(json); // verbatim: its own key order, not a re-serialisation of doc
  });

  it.each([
    ['a timestamp that is not canonical', doc('2024-03-01T11:00:00+01:00'), 'e1', 'ivry'],
    ['an id that is not the document event.id', doc('2024-03-01T10:00:00.000Z', 'other'), 'e1', 'ivry'],
    ['a member that is not organization.id', doc('2024-03-01T10:00:00.000Z', 'e1', 'vitry'), 'e1', 'ivry'],
  ])('serialises the prepared document for %s', async (_label, d, id, member) => {
    const json = JSON.stringify(d);
    await store.bulkWrite([{ id, member, timestamp: d['@timestamp'], doc: d, json }]);
    const source = JSON.parse(lines(requests[0].body)[1]);
    expect(source['@timestamp']).toBe('2024-03-01T10:00:00.000Z');
    expect(source.event.id).toBe(id);
    expect(source.organization.id).toBe(member);
  });

  it('never sends a JSON text holding a line break (it would split the NDJSON body)', async () => {
    const d = doc('2024-03-01T10:00:00.000Z');
    const json = JSON.stringify(d, null, 2);
    await store.bulkWrite([{ id: 'e1', member: 'ivry', timestamp: d['@timestamp'], doc: d, json }]);
    const sent = lines(requests[0].body);
    expect(sent).toHaveLength(2);
    expect(JSON.parse(sent[1])).toEqual(d);
  });

  it('serialises documents given without JSON text, and keeps items in order with their answers', async () => {
    answer = (i) =>
      i === 1 ? { status: 400, error: { type: 'mapper_parsing_exception', reason: 'bad' } } : { status: 201 };
    const events = ['a', 'b', 'c'].map((id) => ({
      id,
      member: 'ivry',
      timestamp: '2024-03-01T10:00:00.000Z',
      doc: doc('2024-03-01T10:00:00.000Z', id),
    }));
    expect(await store.bulkWrite(events)).toEqual({
      written: 2,
      rejected: [{ id: 'b', reason: 'mapper_parsing_exception: bad' }],
    });
    expect(lines(requests[0].body).map((l) => JSON.parse(l))).toEqual(
      events.flatMap((e) => [{ index: { _index: 'bulk-events-ivry-2024.03.01', _id: e.id } }, e.doc]),
    );
  });

  it('retries only the items answered 429', async () => {
    // the first request (requests.length is 1 while it is answered) gets a 429 for its first item
    answer = (i) => (requests.length === 1 && i === 0 ? { status: 429 } : { status: 201 });
    const events = ['a', 'b'].map((id) => {
      const d = doc('2024-03-01T10:00:00.000Z', id);
      return { id, member: 'ivry', timestamp: d['@timestamp'], doc: d, json: JSON.stringify(d) };
    });
    expect(await store.bulkWrite(events)).toEqual({ written: 2, rejected: [] });
    expect(requests).toHaveLength(2);
    expect(lines(requests[1].body)).toHaveLength(2);
    expect(lines(requests[1].body)[1]).toBe(events[0].json);
  });
});
