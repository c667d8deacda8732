/**
 * The one description of every setting: its type, default, constraints and
 * meaning. The loader, the validator, the environment-variable names and the
 * README's settings table are all derived from it.
 */
export type SettingType = 'string' | 'int' | 'bool' | 'enum' | 'list' | 'url' | 'duration';

export interface SettingSpec {
  type: SettingType;
  description: string;
  /** Allowed values for `enum`. */
  values?: readonly string[];
  min?: number;
  max?: number;
  /** May be empty/absent. */
  optional?: boolean;
  /** Never printed (passwords, keys). */
  secret?: boolean;
}

export const SETTINGS = {
  'profile': { type: 'enum', values: ['embedded', 'scale-out'], description: 'Embedded (one process, PGlite, in-process bus) or scale-out (Postgres, Kafka, Elasticsearch/OpenSearch).' },
  'http.host': { type: 'string', description: 'Address the HTTP server listens on.' },
  'http.port': { type: 'int', min: 0, max: 65535, description: 'HTTP port (API, /health, /ready, /metrics).' },
  'http.bodyLimit': { type: 'string', description: 'Maximum request body size (e.g. `1mb`).' },
  'http.corsOrigins': { type: 'list', optional: true, description: 'Origins allowed by CORS (comma-separated in the environment). Empty: CORS off.' },
  'log.level': { type: 'enum', values: ['trace', 'debug', 'info', 'warn', 'error', 'fatal'], description: 'Log level (JSON logs on stdout).' },
  'database.driver': { type: 'enum', values: ['pglite', 'postgres'], description: 'Relational store: embedded PGlite or PostgreSQL.' },
  'database.url': { type: 'url', optional: true, secret: true, description: 'PostgreSQL connection URL (driver `postgres`).' },
  'database.dataDir': { type: 'string', description: 'PGlite data folder (driver `pglite`); `memory://` keeps it in memory.' },
  'database.poolSize': { type: 'int', min: 1, max: 200, description: 'PostgreSQL connection pool size.' },
  'bus.driver': { type: 'enum', values: ['memory', 'kafka'], description: 'Event bus: in-process or Apache Kafka.' },
  'bus.kafka.brokers': { type: 'list', description: 'Kafka bootstrap brokers, `host:port` (comma-separated in the environment).' },
  'bus.kafka.clientId': { type: 'string', description: 'Kafka client id.' },
  'bus.kafka.partitions': { type: 'int', min: 1, max: 1000, description: 'Partitions per topic when Vigie creates its topics.' },
  'bus.kafka.replicationFactor': { type: 'int', min: 1, max: 10, description: 'Replication factor when Vigie creates its topics.' },
  'bus.memory.maxQueued': { type: 'int', min: 1, description: 'In-process bus: messages queued per topic before publishers wait (backpressure).' },
  'events.store': { type: 'enum', values: ['postgres', 'search'], description: 'Event store: the relational database or Elasticsearch/OpenSearch.' },
  'search.flavor': { type: 'enum', values: ['elasticsearch', 'opensearch'], description: 'Search engine flavour the client talks to.' },
  'search.node': { type: 'url', description: 'Elasticsearch/OpenSearch URL.' },
  'search.username': { type: 'string', optional: true, description: 'Basic-auth user for the search engine.' },
  'search.password': { type: 'string', optional: true, secret: true, description: 'Basic-auth password for the search engine.' },
  'search.apiKey': { type: 'string', optional: true, secret: true, description: 'API key for Elasticsearch (instead of user/password).' },
  'search.indexPrefix': { type: 'string', description: 'Prefix of Vigie\'s indices and templates.' },
  'search.tlsRejectUnauthorized': { type: 'bool', description: 'Verify the search engine\'s TLS certificate.' },
  'syslog.host': { type: 'string', description: 'Address the syslog receivers listen on.' },
  'syslog.udpPort': { type: 'int', min: 0, max: 65535, description: 'Syslog UDP port (0 disables).' },
  'syslog.tcpPort': { type: 'int', min: 0, max: 65535, description: 'Syslog TCP port (0 disables).' },
  'syslog.tlsPort': { type: 'int', min: 0, max: 65535, description: 'Syslog TLS port, RFC 5425 (0 disables). The receiver starts only when `syslog.tlsCert` and `syslog.tlsKey` are set.' },
  'syslog.tlsCert': { type: 'string', optional: true, description: 'PEM file of the TLS receiver\'s certificate (with its chain).' },
  'syslog.tlsKey': { type: 'string', optional: true, description: 'PEM file of the TLS receiver\'s private key.' },
  'syslog.tlsCa': { type: 'string', optional: true, description: 'PEM file of the CA(s) that sign client certificates. Needed to attribute a member from a client certificate.' },
  'syslog.tlsRequireClientCert': { type: 'bool', description: 'Refuse TLS clients without a certificate signed by `syslog.tlsCa`.' },
  'syslog.tlsClientMembers': { type: 'list', optional: true, description: 'Client certificate → member: `pattern=member` entries matched against the certificate\'s CN and DNS names (`*.ivry.fr=ivry`). Without a match, a subject OU that is a member code is used.' },
  'syslog.maxMessageSize': { type: 'int', min: 480, max: 16777216, description: 'Longest message kept whole, in bytes; longer ones are cut and tagged `_truncated`.' },
  'auth.jwtSecret': { type: 'string', optional: true, secret: true, description: 'HS256 key for access tokens (32+ characters). Empty: generated once and kept in the database.' },
  'auth.accessTokenTtlSeconds': { type: 'int', min: 60, max: 86400, description: 'Lifetime of an access token.' },
  'auth.refreshTokenTtlSeconds': { type: 'int', min: 300, max: 2592000, description: 'Lifetime of a refresh token (rotated at each use).' },
  'auth.maxFailedLogins': { type: 'int', min: 1, max: 100, description: 'Failed logins in a row before an account is locked.' },
  'auth.lockoutSeconds': { type: 'int', min: 1, max: 86400, description: 'How long a locked account stays locked.' },
  'auth.maxFailuresPerIp': { type: 'int', min: 1, max: 10000, description: 'Failed logins from one address per 10 minutes before it is throttled (429).' },
  'indexer.batchDocs': { type: 'int', min: 1, max: 100000, description: 'Most documents in one bulk write to the event store.' },
  'indexer.batchWaitMs': { type: 'int', min: 1, max: 60000, description: 'Longest a document waits for its bulk write to fill up.' },
  'indexer.consumers': { type: 'int', min: 1, max: 64, description: 'Kafka consumers of siem.events.v1 per ingestion process (their batches are coalesced).' },
  'indexer.bulkInFlight': { type: 'int', min: 1, max: 16, description: 'Bulk writes in flight at once.' },
  'indexer.retryBudgetMs': { type: 'int', min: 1000, max: 600000, description: 'How long a batch is retried while the store pushes back before the bus redelivers it.' },
  'evidence.signingKeyFile': { type: 'string', optional: true, description: 'PEM file of the Ed25519 private key that signs evidence bundles. Empty: a key is generated on first use and kept in the database.' },
  'retry.initialDelayMs': { type: 'int', min: 10, description: 'First back-off delay when a dependency is unreachable.' },
  'retry.maxDelayMs': { type: 'int', min: 100, description: 'Longest back-off delay.' },
  'detection.ruleDirs': { type: 'list', description: 'Sigma rule directories that must exist (the bundled pack). Relative paths are read from the config folder\'s parent.' },
  'detection.userRuleDirs': { type: 'list', optional: true, description: 'Further Sigma rule directories (e.g. a SigmaHQ checkout), loaded when present; a missing one is logged.' },
  'detection.mappingFile': { type: 'string', description: 'Sigma → ECS field mapping (log sources and field names).' },
  'detection.placeholdersFile': { type: 'string', description: 'Values of `%placeholders%` for the Sigma `expand` modifier (ignored when missing).' },
  'detection.workingHoursFile': { type: 'string', description: 'Per-member working hours, for `vigie.working_hours` (default 07:00-20:00 Mon-Fri Europe/Paris when missing).' },
  'detection.allowedLatenessSeconds': { type: 'int', min: 0, max: 86400, description: 'Events older than the newest event seen minus this are matched but not correlated.' },
  'detection.maxGroups': { type: 'int', min: 1, max: 10000000, description: 'Correlation groups kept per rule; the least recently updated is evicted beyond it.' },
  'detection.flushIntervalMs': { type: 'int', min: 50, max: 600000, description: 'How often idle correlation windows are closed against the wall clock.' },
  'detection.timeField': { type: 'enum', values: ['received', 'event'], description: 'Correlation time: `received` (when Vigie received the event) or `event` (the device\'s `@timestamp`).' },
  'detection.filterMode': { type: 'enum', values: ['exclude', 'and'], description: 'Sigma filters: `exclude` = rule AND NOT filter (specification example); `and` = rule AND filter (pySigma).' },
  'detection.ruleSyncIntervalMs': { type: 'int', min: 100, max: 600000, description: 'How often a detector saves rule hit counts and reloads the enabled flags set through the rules API.' },
  'detection.stateCheckpoint': { type: 'enum', values: ['auto', 'on', 'off'], description: 'Correlation state checkpointed per partition (table `vigie_detection_state`) and restored when a partition moves to another detector; `auto` = on with the Kafka bus.' },
  'detection.rekeyCorrelations': { type: 'enum', values: ['auto', 'on', 'off'], description: 'Correlations whose group-by lacks the member or the host (e.g. a source address over several servers) are counted on `siem.correlation.v1`, their inputs keyed by group, so that a group meets in one detector; off = counted where the events are consumed (split across detectors when there are several). `auto` = on with the Kafka bus, off with the in-process bus (one detector: nothing to gather, and the extra hop halves the detector\'s throughput).' },
  'alerts.reopenWithinSeconds': { type: 'int', min: 0, max: 31536000, description: 'An alert closed less than this ago is reopened (with a history note) when its rule and group fire again, instead of a new alert.' },
  'alerts.dedupWindowSeconds': { type: 'int', min: 0, max: 31536000, description: 'A new detector alert joins the open alert of the same rule and group key when it starts within this time of that alert\'s last event.' },
  'alerts.notifyMinLevel': { type: 'enum', values: ['informational', 'low', 'medium', 'high', 'critical'], description: 'New alerts at or above this level are notified (webhooks, email).' },
  'alerts.notifyGraceSeconds': { type: 'int', min: 0, max: 604800, description: 'After a notification, no other one for the same rule and group key on the same channel during this time.' },
  'alerts.notifyGraceOverrides': { type: 'list', optional: true, description: 'Grace period per rule, `ruleId=seconds` entries (comma-separated in the environment).' },
  'alerts.webhooks': { type: 'list', optional: true, description: 'Webhook URLs receiving new alerts as signed JSON (besides the channels set through the API).' },
  'alerts.webhookSecret': { type: 'string', optional: true, secret: true, description: 'HMAC-SHA256 key signing the configured webhooks\' bodies (`x-vigie-signature`).' },
  'alerts.webhookMaxAttempts': { type: 'int', min: 1, max: 50, description: 'Delivery attempts of a notification before it is marked failed (exponential back-off).' },
  'alerts.smtpUrl': { type: 'string', optional: true, secret: true, description: 'SMTP server for alert emails, `smtp://user:password@host:587` or `smtps://...`. Empty: no email.' },
  'alerts.emailFrom': { type: 'string', description: 'Sender address of alert emails.' },
  'alerts.emailTo': { type: 'list', optional: true, description: 'Addresses receiving every notified alert by email (besides the channels set through the API).' },
  'alerts.emailDigestMinutes': { type: 'int', min: 0, max: 1440, description: 'Configured email recipients get one digest per this many minutes (0: one email per alert).' },
  'alerts.emailReferents': { type: 'bool', description: 'Also email each alert to the referents (with an email address) of the alert\'s members.' },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;

/** `bus.kafka.clientId` → `VIGIE_BUS_KAFKA_CLIENT_ID`. */
export function envName(key: string): string {
  return (
    'VIGIE_' +
    key
      .split('.')
      .map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase())
      .join('_')
  );
}
