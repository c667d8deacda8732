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
});
