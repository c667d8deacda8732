import { Client, SniffingTransport } from '@elastic/elasticsearch';
import type { ClientOptions, TransportOptions } from '@elastic/elasticsearch';

export interface SearchClientSettings {
  node: string | string[];
  flavor: 'elasticsearch' | 'opensearch';
  username?: string | undefined;
  password?: string | undefined;
  apiKey?: string | undefined;
  /** Set false to accept self-signed certificates (test clusters only). */
  tlsRejectUnauthorized?: boolean | undefined;
  requestTimeoutMs?: number | undefined;
  maxRetries?: number | undefined;
}

/**
 * The 8.x client talks to OpenSearch once two Elasticsearch-only behaviours are
 * turned off: the product check (it refuses responses without
 * `x-elastic-product: Elasticsearch`) and the versioned media types
 * (`application/vnd.elasticsearch+json; compatible-with=8`), which OpenSearch
 * answers with 406. Both are Transport options the Client hard-codes, so a
 * Transport subclass overrides them.
 */
export class OpenSearchTransport extends SniffingTransport {
  constructor(opts: TransportOptions) {
    super({ ...opts, productCheck: undefined, vendoredHeaders: undefined });
  }
}

export function createSearchClient(settings: SearchClientSettings): Client {
  const options: ClientOptions = {
    node: settings.node,
    requestTimeout: settings.requestTimeoutMs ?? 30_000,
    maxRetries: settings.maxRetries ?? 3,
  };
  if (settings.apiKey) options.auth = { apiKey: settings.apiKey };
  else if (settings.username) options.auth = { username: settings.username, password: settings.password ?? '' };
  if (settings.tlsRejectUnauthorized === false) options.tls = { rejectUnauthorized: false };
  if (settings.flavor === 'opensearch') options.Transport = OpenSearchTransport;
  return new Client(options);
}
