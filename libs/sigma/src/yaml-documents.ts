import { parseAllDocuments } from 'yaml';

export type YamlDocResult = { index: number; value: Record<string, unknown> } | { index: number; error: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isRecord(b) && isRecord(v) ? deepMerge(b, v) : v;
  }
  return out;
}

/**
 * Split a (multi-document) YAML text into Sigma documents. Legacy Sigma 1 collections are handled:
 * `action: global` documents are merged into every following document, `action: reset` clears the global
 * part and `action: repeat` re-uses the previous document with the given changes. Never throws.
 */
export function splitSigmaDocuments(text: string): YamlDocResult[] {
  const out: YamlDocResult[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false });
  } catch (e: unknown) {
    return [{ index: 0, error: `YAML: ${(e as Error).message}` }];
  }
  const list = Array.isArray(docs) ? docs : [];
  let global: Record<string, unknown> = {};
  let previous: Record<string, unknown> | undefined;
  list.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      out.push({ index, error: `YAML: ${doc.errors[0].message}` });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e: unknown) {
      out.push({ index, error: `YAML: ${(e as Error).message}` });
      return;
    }
    if (value === null || value === undefined) return; // empty document (e.g. trailing ---)
    if (!isRecord(value)) {
      out.push({ index, error: 'a Sigma document must be a YAML map' });
      return;
    }
    const { action, ...rest } = value;
    if (action === 'global') {
      global = deepMerge(global, rest);
      return;
    }
    if (action === 'reset') {
      global = {};
      return;
    }
    if (action === 'repeat') {
      if (!previous) {
        out.push({ index, error: "'action: repeat' without a previous document" });
        return;
      }
      previous = deepMerge(previous, rest);
      out.push({ index, value: previous });
      return;
    }
    if (action !== undefined) {
      out.push({ index, error: `unknown collection action '${String(action)}'` });
      return;
    }
    previous = deepMerge(global, rest);
    out.push({ index, value: previous });
  });
  return out;
}

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  M: 2_629_746_000,
  y: 31_556_952_000,
};

/** Parse a correlation timespan (`30s`, `5m`, `1h`, `1d`; also `w`, `M`, `y` like pySigma). */
export function parseTimespan(spec: unknown): number | undefined {
  if (typeof spec !== 'string') return undefined;
  const m = /^(\d+)([smhdwMy])$/.exec(spec.trim());
  if (!m || Number(m[1]) <= 0) return undefined;
  return Number(m[1]) * UNIT_MS[m[2]];
}
