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
