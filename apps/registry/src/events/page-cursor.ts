import { DomainError } from '@vigie/contracts';
import type { TimeWindow } from './event-time';

/** What a search cursor carries: the store's cursor and the window of the first page, so pages stay consistent. */
export interface PageCursor extends TimeWindow {
  store: string;
  /** The `now` the first page used for date math in the query. */
  now: string;
}

export function encodePageCursor(c: PageCursor): string {
  return Buffer.from(JSON.stringify({ c: c.store, f: c.from, t: c.to, n: c.now }), 'utf8').toString('base64url');
}

export function decodePageCursor(text: string): PageCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const o = parsed as { c?: unknown; f?: unknown; t?: unknown; n?: unknown } | undefined;
  if (
    !o ||
    typeof o.c !== 'string' ||
    typeof o.f !== 'string' ||
    typeof o.t !== 'string' ||
    typeof o.n !== 'string' ||
    [o.f, o.t, o.n].some((t) => Number.isNaN(Date.parse(t as string)))
  ) {
    throw new DomainError('invalid', 'invalid_cursor', 'Invalid cursor', [
      { field: 'cursor', problem: 'is not a cursor from a previous page' },
    ]);
  }
  return { store: o.c, from: o.f, to: o.t, now: o.n };
}
