/**
 * The composable index template for `<prefix>-events-*`: explicit ECS types for
 * the fields that are queried as dates, IPs and numbers; every other string a
 * keyword. Date and numeric detection are off so that a value's first
 * appearance cannot fix a field to the wrong type.
 */
type FieldMapping = Record<string, unknown>;

const DATE: FieldMapping = { type: 'date' };
const IP: FieldMapping = { type: 'ip' };
const LONG: FieldMapping = { type: 'long' };
const KEYWORD: FieldMapping = { type: 'keyword', ignore_above: 1024 };

export const ECS_FIELDS: Record<string, FieldMapping> = {
  '@timestamp': DATE,
  'event.created': DATE,
  'event.ingested': DATE,
  'event.start': DATE,
  'event.end': DATE,
  'event.id': { type: 'keyword' },
  'event.original': { type: 'keyword', index: false, doc_values: false },
  'event.severity': LONG,
  'event.duration': LONG,
  'organization.id': { type: 'keyword' },
  message: { type: 'text' },
  'source.ip': IP,
  'destination.ip': IP,
  'host.ip': IP,
  'client.ip': IP,
  'server.ip': IP,
  'related.ip': IP,
  'observer.ip': IP,
  'source.nat.ip': IP,
  'destination.nat.ip': IP,
  'source.port': LONG,
  'destination.port': LONG,
  'client.port': LONG,
  'server.port': LONG,
  'source.nat.port': LONG,
  'destination.nat.port': LONG,
  'source.bytes': LONG,
  'destination.bytes': LONG,
  'client.bytes': LONG,
  'server.bytes': LONG,
  'source.packets': LONG,
  'destination.packets': LONG,
  'network.bytes': LONG,
  'network.packets': LONG,
  'http.request.bytes': LONG,
  'http.response.bytes': LONG,
  'http.response.status_code': LONG,
  'process.pid': LONG,
  'process.parent.pid': LONG,
  'process.thread.id': LONG,
  'log.syslog.priority': LONG,
  'log.syslog.facility.code': LONG,
  'log.syslog.severity.code': LONG,
  'log.file.line': LONG,
};

/** Dotted field names to nested `properties`. */
export function nestProperties(fields: Record<string, FieldMapping>): Record<string, unknown> {
  const root: Record<string, Record<string, unknown>> = {};
  for (const [path, mapping] of Object.entries(fields)) {
    const keys = path.split('.');
    let level = root;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) {
        level[key] = { ...mapping };
        return;
      }
      const node = (level[key] ??= { properties: {} });
      level = node.properties as Record<string, Record<string, unknown>>;
    });
  }
  return root;
}

export function eventsIndexTemplate(indexPrefix: string) {
  return {
    name: `${indexPrefix}-events`,
    index_patterns: [`${indexPrefix}-events-*`],
    priority: 200,
    template: {
      settings: {
        number_of_shards: 1,
        number_of_replicas: 0,
        refresh_interval: '1s',
        'mapping.total_fields.limit': 2000,
      },
      mappings: {
        dynamic: true,
        date_detection: false,
        numeric_detection: false,
        dynamic_templates: [{ strings_as_keyword: { match_mapping_type: 'string', mapping: KEYWORD } }],
        properties: nestProperties(ECS_FIELDS),
      },
    },
    _meta: { description: 'Vigie ECS events, one index per member per UTC day' },
  };
}
