import { randomBytes } from 'node:crypto';
import { createSearchClient, ElasticsearchEventStore } from '@vigie/event-store';
import { describeWithServices, openSearchUrl } from '@vigie/testing';
import { runEventStoreContract } from './event-store.contract';

describeWithServices(['opensearch'], 'ElasticsearchEventStore on OpenSearch', () => {
  runEventStoreContract(
    'opensearch',
    async () => {
      const indexPrefix = `vigie-test-${randomBytes(4).toString('hex')}`;
      const store = new ElasticsearchEventStore({
        client: createSearchClient({ node: openSearchUrl(), flavor: 'opensearch' }),
        indexPrefix,
      });
      return {
        store,
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
          }
        },
      };
    },
    {
      // A mapping conflict: `source.ip` is an ip field.
      extraRejects: [
        { id: 'bad-ip', member: 'odd', timestamp: '2024-03-05T10:00:00Z', doc: { source: { ip: 'not-an-ip' } } },
      ],
    },
  );

  describe('ElasticsearchEventStore mappings on OpenSearch', () => {
    const indexPrefix = `vigie-test-${randomBytes(4).toString('hex')}`;
    const client = createSearchClient({ node: openSearchUrl(), flavor: 'opensearch' });
    const store = new ElasticsearchEventStore({
      client: createSearchClient({ node: openSearchUrl(), flavor: 'opensearch' }),
      indexPrefix,
    });

    afterAll(async () => {
      try {
        await client.indices.delete({
          index: `${indexPrefix}-events-*`,
          allow_no_indices: true,
          ignore_unavailable: true,
        });
        await client.indices.deleteIndexTemplate({ name: `${indexPrefix}-events` });
      } finally {
        await client.close();
        await store.close();
      }
    });

    it('maps ECS fields explicitly and other strings as keywords, without date detection', async () => {
      await store.init();
      const result = await store.bulkWrite([
        {
          id: 'm1',
          member: 'ivry',
          timestamp: '2024-03-01T08:00:00Z',
          doc: {
            message: 'hello world',
            source: { ip: '10.0.0.1', port: 5000 },
            destination: { port: 22 },
            log: { syslog: { priority: 38, facility: { code: 4 }, severity: { code: 6 } } },
            event: { original: '<38>hello world', created: '2024-03-01T08:00:01Z' },
            user: { name: '2024-01-01' },
            custom: { label: 'x' },
          },
        },
        { id: 'm2', member: 'ivry', timestamp: '2024-03-01T08:00:01Z', doc: { user: { name: 'bob' } } },
      ]);
      expect(result).toEqual({ written: 2, rejected: [] });
      const index = `${indexPrefix}-events-ivry-2024.03.01`;
      const fields = await client.indices.getFieldMapping({
        index,
        fields: [
          '@timestamp',
          'message',
          'source.ip',
          'source.port',
          'destination.port',
          'log.syslog.priority',
          'log.syslog.facility.code',
          'event.original',
          'event.created',
          'event.id',
          'organization.id',
          'user.name',
          'custom.label',
        ],
      });
      const mappings = fields[index]!.mappings;
      const type = (f: string) => {
        const leaf = f.split('.').pop()!;
        return (mappings[f]!.mapping[leaf] as { type: string }).type;
      };
      expect(type('@timestamp')).toBe('date');
      expect(type('event.created')).toBe('date');
      expect(type('message')).toBe('text');
      expect(type('source.ip')).toBe('ip');
      expect(type('source.port')).toBe('long');
      expect(type('destination.port')).toBe('long');
      expect(type('log.syslog.priority')).toBe('long');
      expect(type('log.syslog.facility.code')).toBe('long');
      expect(type('event.id')).toBe('keyword');
      expect(type('organization.id')).toBe('keyword');
      expect(type('user.name')).toBe('keyword');
      expect(type('custom.label')).toBe('keyword');
      expect(mappings['event.original']!.mapping.original).toMatchObject({
        type: 'keyword',
        index: false,
        doc_values: false,
      });
      const settings = await client.indices.getSettings({ index });
      expect(settings[index]!.settings!.index!.number_of_replicas).toBe('0');
    });
  });
});
