import { StoreUnavailableError } from '../event-store';

interface PgLikeError {
  code?: string;
  message?: string;
  driverError?: { code?: string; message?: string };
}

const TRANSIENT_SQLSTATE = /^(08|53|57P0[1-3]|40001|40P01|55P03)/;
const TRANSIENT_MESSAGE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|pool has been closed|Driver not Connected|not connected|is not established/i;

export function sqlState(err: unknown): string | undefined {
  const e = err as PgLikeError;
  return e?.code ?? e?.driverError?.code;
}

/** The store is down or overloaded, as opposed to a bad statement or bad data. */
export function isTransient(err: unknown): boolean {
  const code = sqlState(err);
  if (code && TRANSIENT_SQLSTATE.test(code)) return true;
  const message = `${(err as PgLikeError)?.message ?? ''} ${(err as PgLikeError)?.driverError?.message ?? ''}`;
  return TRANSIENT_MESSAGE.test(message);
}

/** Rethrows transient failures as {@link StoreUnavailableError}; other errors as they are. */
export function translate(err: unknown): Error {
  if (err instanceof StoreUnavailableError) return err;
  if (isTransient(err)) return new StoreUnavailableError(`PostgreSQL unavailable: ${(err as Error).message}`);
  return err instanceof Error ? err : new Error(String(err));
}

/** Bad data in a row (class 22 data exception, 23 integrity, 54 program limit). */
export function isDataError(err: unknown): boolean {
  const code = sqlState(err);
  return code !== undefined && /^(22|23|54)/.test(code) && code !== '23514';
}
