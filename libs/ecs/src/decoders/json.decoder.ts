import type { DecodedFields } from '../ecs-document';
import { ECS_FIELD_TYPES } from '../ecs-field-types';
import type { Decoder } from './decoder';
import { ipOrUndefined } from './field-utils';

const MAX_DEPTH = 8;

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let o = target;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]!;
    const next = o[k];
    if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next)) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[path[path.length - 1]!] = value;
}

function compatible(type: string, value: unknown): unknown {
  switch (type) {
    case 'keyword':
    case 'text':
      return typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : undefined;
    case 'long':
      return typeof value === 'number' && Number.isInteger(value)
        ? value
        : typeof value === 'string' && /^\d{1,15}$/.test(value)
          ? Number(value)
          : undefined;
    case 'float':
      return typeof value === 'number' ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'ip':
      return typeof value === 'string' ? ipOrUndefined(value) : undefined;
    case 'date':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined;
    default:
      return undefined;
  }
}

/** Fields the normaliser owns: never taken from a payload. */
const RESERVED = new Set([
  'event.id',
  'event.created',
  'event.ingested',
  'event.original',
  '@timestamp',
  'organization.id',
  'organization.name',
  'tags',
]);

/** Copies payload keys that are ECS fields we produce (nested or dotted) into the document, type-checked. */
function mapEcsLike(obj: Record<string, unknown>, prefix: string, out: Record<string, unknown>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const [k, v] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      mapEcsLike(v as Record<string, unknown>, path, out, depth + 1);
      continue;
    }
    const type = ECS_FIELD_TYPES[path];
    if (!type || RESERVED.has(path) || path.startsWith('vigie.')) continue;
    const value = compatible(type, v);
    if (value !== undefined) setPath(out, path.split('.'), value);
  }
}

const LOOSE_KEYS: [string[], string][] = [
  [['msg', 'message', 'Message'], 'message'],
  [['level', 'severity', 'loglevel', 'log_level'], 'log.level'],
  [['src_ip', 'source_ip', 'client_ip', 'srcip', 'remote_addr'], 'source.ip'],
  [['dst_ip', 'destination_ip', 'dest_ip', 'dstip'], 'destination.ip'],
  [['user', 'username', 'user_name'], 'user.name'],
];

/** Any JSON payload: kept under `json`; ECS-looking keys are mapped. Arrays and scalars are kept under `json.value`. */
export function decodeJson(message: string): DecodedFields | undefined {
  const text = message.trim();
  const c = text.charCodeAt(0);
  if (c !== 123 && c !== 91) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { event: { module: 'json', dataset: 'json.log' }, json: { value } };
  }
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  mapEcsLike(obj, '', out, 0);
  for (const [keys, target] of LOOSE_KEYS) {
    const path = target.split('.');
    let exists: unknown = out;
    for (const p of path)
      exists = exists && typeof exists === 'object' ? (exists as Record<string, unknown>)[p] : undefined;
    if (exists !== undefined) continue;
    for (const k of keys) {
      const v = compatible(ECS_FIELD_TYPES[target] ?? 'keyword', obj[k]);
      if (v !== undefined) {
        setPath(out, path, v);
        break;
      }
    }
  }
  const ts =
    typeof obj['@timestamp'] === 'string'
      ? new Date(obj['@timestamp'])
      : typeof obj.timestamp === 'string'
        ? new Date(obj.timestamp)
        : undefined;
  const decoded = out as DecodedFields;
  decoded.event = { ...(decoded.event ?? {}), module: 'json', dataset: 'json.log' };
  decoded.json = obj;
  if (ts && !Number.isNaN(ts.getTime())) decoded.timestamp = ts;
  return decoded;
}

export const jsonDecoder: Decoder = {
  name: 'json',
  sniff: (message) => {
    const c = message.charCodeAt(0);
    return c === 123 || c === 91 || (c === 32 && message.trimStart().charCodeAt(0) === 123);
  },
  decode: ({ message }) => decodeJson(message),
};
