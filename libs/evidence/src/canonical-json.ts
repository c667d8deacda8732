import canonicalizeJson from 'canonicalize';

/** RFC 8785 canonical JSON: sorted keys, no whitespace; the bytes that are hashed and signed. */
export function canonicalJson(value: unknown): string {
  const out = canonicalizeJson(value);
  if (out === undefined) throw new TypeError('value cannot be serialised as canonical JSON');
  return out;
}

/** Pretty JSON with keys sorted at every level: stable bytes for the data files of a bundle. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object' && !(v instanceof Date))
    return Object.fromEntries(
      Object.keys(v as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}
