import { DomainError } from '@vigie/contracts';
import { InvalidFilterError, StoreUnavailableError } from '@vigie/event-store';

/** A search engine's answer for a query it cannot run (HTTP 400), recognised without importing its client. */
function isRejectedQuery(err: unknown): boolean {
  const e = err as { name?: unknown; statusCode?: unknown; meta?: { statusCode?: unknown } };
  return e?.name === 'ResponseError' && (e.statusCode === 400 || e.meta?.statusCode === 400);
}

/**
 * Runs an event-store call, turning what the store says about the request into
 * API errors: a filter it cannot compile or run → 400 `invalid_query`; a bad
 * cursor → 400 `invalid_cursor`; the store down or pushing back → 503.
 */
export async function storeCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DomainError) throw err;
    if (err instanceof InvalidFilterError || isRejectedQuery(err)) {
      throw new DomainError('invalid', 'invalid_query', 'The event store cannot run this query', [
        { field: 'q', problem: err instanceof InvalidFilterError ? err.message : 'rejected by the event store' },
      ]);
    }
    if (err instanceof RangeError && /cursor/.test(err.message)) {
      throw new DomainError('invalid', 'invalid_cursor', 'Invalid cursor', [
        { field: 'cursor', problem: 'is not a cursor from a previous page' },
      ]);
    }
    if (err instanceof StoreUnavailableError) {
      throw new DomainError('unavailable', 'event_store_unavailable', 'The event store is unavailable; retry later');
    }
    throw err;
  }
}
