import { StoreUnavailableError } from '@vigie/event-store';
import { withStoreRetry } from './store-retry';

function clock() {
  let t = 0;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
    slept,
  };
}

describe('withStoreRetry', () => {
  it('retries while the store is unavailable, with growing delays, until it answers', async () => {
    const c = clock();
    let calls = 0;
    const result = await withStoreRetry(
      async () => {
        if (++calls < 5) throw new StoreUnavailableError('429', 429);
        return 'ok';
      },
      { initialDelayMs: 100, maxDelayMs: 10_000, budgetMs: 60_000, now: c.now, sleep: c.sleep },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(5);
    expect(c.slept).toHaveLength(4);
    // Full jitter within [ceiling/2, ceiling], ceiling doubling from 100.
    c.slept.forEach((ms, i) => {
      const ceiling = 100 * 2 ** i;
      expect(ms).toBeGreaterThanOrEqual(ceiling / 2);
      expect(ms).toBeLessThanOrEqual(ceiling);
    });
  });

  it('rethrows other errors at once', async () => {
    const c = clock();
    let calls = 0;
    await expect(
      withStoreRetry(
        async () => {
          calls++;
          throw new TypeError('bug');
        },
        { initialDelayMs: 100, maxDelayMs: 1000, budgetMs: 60_000, now: c.now, sleep: c.sleep },
      ),
    ).rejects.toThrow(TypeError);
    expect(calls).toBe(1);
  });

  it('gives up once the budget would be exceeded, so the bus can redeliver', async () => {
    const c = clock();
    const retries: number[] = [];
    await expect(
      withStoreRetry(
        async () => {
          throw new StoreUnavailableError('down', 503);
        },
        {
          initialDelayMs: 100,
          maxDelayMs: 1000,
          budgetMs: 3000,
          now: c.now,
          sleep: c.sleep,
          onRetry: (_e, a) => retries.push(a),
        },
      ),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(c.now()).toBeLessThanOrEqual(3000);
    expect(retries.length).toBeGreaterThan(2);
  });

  it('stops retrying when cancelled', async () => {
    const c = clock();
    let calls = 0;
    await expect(
      withStoreRetry(
        async () => {
          calls++;
          throw new StoreUnavailableError('down');
        },
        {
          initialDelayMs: 10,
          maxDelayMs: 100,
          budgetMs: 60_000,
          now: c.now,
          sleep: c.sleep,
          cancelled: () => calls >= 2,
        },
      ),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(calls).toBe(2);
  });
});
