import { StoreUnavailableError } from '@vigie/event-store';
import { backoffDelay } from '@vigie/observability';

export interface StoreRetryOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Give up (rethrow) once this long has passed since the first attempt. */
  budgetMs: number;
  /** Checked before each retry: stop retrying (rethrow) when it returns true. */
  cancelled?: () => boolean;
  onRetry?: (error: StoreUnavailableError, attempt: number, delayMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * Runs `write` until it succeeds, waiting with exponential back-off while it
 * throws StoreUnavailableError (the store is down or pushing back). Other
 * errors, cancellation and an exhausted budget rethrow, leaving the bus to
 * redeliver the batch.
 */
export async function withStoreRetry<R>(write: () => Promise<R>, options: StoreRetryOptions): Promise<R> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      const delay = backoffDelay(attempt, options.initialDelayMs, options.maxDelayMs);
      if (options.cancelled?.() || now() - started + delay > options.budgetMs) throw error;
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
