/** Keyset cursor: the (ts, id) of the last row of a page, base64url JSON. */
export interface Keyset {
  ts: string;
  id: string;
}

export function encodeCursor(k: Keyset): string {
  return Buffer.from(JSON.stringify([k.ts, k.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): Keyset {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new RangeError('invalid cursor');
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') {
    throw new RangeError('invalid cursor');
  }
  return { ts: parsed[0], id: parsed[1] };
}
