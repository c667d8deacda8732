/** Flushes a batch; resolves when every item is safely handled. */
export type FlushFn<T> = (items: T[]) => Promise<void>;

export interface BulkBatcherOptions<T> {
  maxItems: number;
  maxWaitMs: number;
  /** Flushes allowed at the same time (default 1). */
  maxInFlight?: number;
  flush: FlushFn<T>;
}

interface Parked<T> {
  items: T[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces the batches of several concurrent producers (bus handlers) into
 * bulk flushes, at most `maxInFlight` at a time. A flush starts when
 * `maxItems` are waiting, when the producers parked waiting are all those that
 * are not already waiting on a flush in flight (half of them when two flushes
 * may run, so that one group fetches while the other's flush is in flight), or
 * `maxWaitMs` after the oldest waiting item. `add` resolves only once the flush
 * holding its items succeeded, and rejects if it failed, so a handler that
 * awaits it commits its offsets only after the store acknowledged them.
 */
export class BulkBatcher<T> {
  private parked: Array<Parked<T>> = [];
  private count = 0;
  private producers = 1;
  private inFlight = 0;
  /** Producers whose items are in a flush in flight. */
  private busy = 0;
  private timer?: NodeJS.Timeout;
  private draining = false;

  constructor(private readonly options: BulkBatcherOptions<T>) {
    if (options.maxItems < 1) throw new RangeError('maxItems must be at least 1');
  }

  /** How many producers may add concurrently (the flush does not wait for more than that). */
  setProducers(n: number): void {
    this.producers = Math.max(1, n);
    this.schedule();
  }

  /** Items waiting for a flush. */
  get waiting(): number {
    return this.count;
  }

  add(items: T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.parked.push({ items, resolve, reject });
      this.count += items.length;
      this.schedule();
    });
  }

  /** Flush what is waiting now, without waiting for more (used when stopping). */
  drain(): void {
    this.draining = true;
    this.schedule();
  }

  /** Resume normal batching after a drain. */
  resume(): void {
    this.draining = false;
  }

  private get maxInFlight(): number {
    return Math.max(1, this.options.maxInFlight ?? 1);
  }

  private schedule(): void {
    if (this.inFlight >= this.maxInFlight || this.parked.length === 0) return;
    const free = Math.max(1, this.producers - this.busy);
    const enough = this.maxInFlight > 1 && this.inFlight === 0 ? Math.ceil(free / 2) : free;
    if (this.draining || this.count >= this.options.maxItems || this.parked.length >= enough) {
      this.clearTimer();
      void this.flushNow();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flushNow();
      }, this.options.maxWaitMs);
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async flushNow(): Promise<void> {
    if (this.inFlight >= this.maxInFlight || this.parked.length === 0) return;
    this.inFlight++;
    this.clearTimer();
    const taken: Array<Parked<T>> = [];
    let n = 0;
    while (this.parked.length > 0 && (taken.length === 0 || n + this.parked[0].items.length <= this.options.maxItems)) {
      const p = this.parked.shift()!;
      taken.push(p);
      n += p.items.length;
    }
    this.count -= n;
    this.busy += taken.length;
    this.schedule();
    try {
      await this.options.flush(taken.length === 1 ? taken[0].items : taken.flatMap((p) => p.items));
      for (const p of taken) p.resolve();
    } catch (error) {
      for (const p of taken) p.reject(error);
    } finally {
      this.inFlight--;
      this.busy -= taken.length;
      this.schedule();
    }
  }
}
