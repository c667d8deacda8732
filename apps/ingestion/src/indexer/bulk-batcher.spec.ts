import { BulkBatcher } from './bulk-batcher';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('BulkBatcher', () => {
  it('flushes as soon as maxItems are waiting, and resolves adds only after their flush', async () => {
    let release!: () => void;
    const flushed: number[][] = [];
    const b = new BulkBatcher<number>({
      maxItems: 4,
      maxWaitMs: 60_000,
      flush: async (items) => {
        flushed.push(items);
        await new Promise<void>((r) => (release = r));
      },
    });
    b.setProducers(3);
    let done = 0;
    void b.add([1, 2]).then(() => done++);
    await tick();
    expect(flushed).toEqual([]); // 2 < 4 and one of three producers parked
    void b.add([3, 4]).then(() => done++);
    await tick();
    expect(flushed).toEqual([[1, 2, 3, 4]]);
    expect(done).toBe(0);
    release();
    await tick();
    expect(done).toBe(2);
  });

  it('flushes at once when every producer is parked', async () => {
    const flushed: number[][] = [];
    const b = new BulkBatcher<number>({
      maxItems: 1000,
      maxWaitMs: 60_000,
      flush: async (items) => void flushed.push(items),
    });
    b.setProducers(2);
    const a = b.add([1]);
    await tick();
    expect(flushed).toHaveLength(0);
    await Promise.all([a, b.add([2])]);
    expect(flushed).toEqual([[1, 2]]);
  });

  it('flushes after maxWaitMs when producers stay busy', async () => {
    const flushed: number[][] = [];
    const b = new BulkBatcher<number>({
      maxItems: 1000,
      maxWaitMs: 30,
      flush: async (items) => void flushed.push(items),
    });
    b.setProducers(5);
    const started = Date.now();
    await b.add([7]);
    expect(flushed).toEqual([[7]]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('runs one flush at a time and never puts more than maxItems in one (whole batches)', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const sizes: number[] = [];
    const b = new BulkBatcher<number>({
      maxItems: 5,
      maxWaitMs: 5,
      flush: async (items) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        sizes.push(items.length);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
      },
    });
    b.setProducers(4);
    const batches = Array.from({ length: 20 }, (_, i) => Array.from({ length: 1 + (i % 3) }, () => i));
    await Promise.all(batches.map((items) => b.add(items)));
    expect(maxInFlight).toBe(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(5);
    expect(sizes.reduce((s, n) => s + n, 0)).toBe(batches.flat().length);
    expect(b.waiting).toBe(0);
  });

  it('rejects every add of a failed flush, then keeps working', async () => {
    let fail = true;
    const b = new BulkBatcher<number>({
      maxItems: 2,
      maxWaitMs: 5,
      flush: async () => {
        if (fail) throw new Error('store down');
      },
    });
    b.setProducers(1);
    await expect(b.add([1, 2])).rejects.toThrow('store down');
    fail = false;
    await expect(b.add([3])).resolves.toBeUndefined();
  });

  it('flushes what waits on drain without waiting for more', async () => {
    const flushed: number[][] = [];
    const b = new BulkBatcher<number>({
      maxItems: 100,
      maxWaitMs: 60_000,
      flush: async (items) => void flushed.push(items),
    });
    b.setProducers(3);
    const p = b.add([1]);
    await tick();
    expect(flushed).toEqual([]);
    b.drain();
    await p;
    expect(flushed).toEqual([[1]]);
  });

  it('with two flushes allowed, starts a second while the first is in flight, with the producers not in it', async () => {
    const releases: Array<() => void> = [];
    const flushed: number[][] = [];
    const b = new BulkBatcher<number>({
      maxItems: 1000,
      maxWaitMs: 60_000,
      maxInFlight: 2,
      flush: async (items) => {
        flushed.push(items);
        await new Promise<void>((r) => releases.push(r));
      },
    });
    b.setProducers(4);
    const first = [b.add([1]), b.add([2])]; // half of four producers parked: first flush
    await tick();
    expect(flushed).toEqual([[1, 2]]);
    const second = [b.add([3]), b.add([4])]; // the two others: second flush while the first is in flight
    await tick();
    expect(flushed).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const third = b.add([5]); // no third flush while two are in flight
    await tick();
    expect(flushed).toHaveLength(2);
    releases[0]();
    await Promise.all(first);
    await tick();
    // Two producers are free again: the waiting item waits for the other one (or for maxWaitMs).
    expect(flushed).toHaveLength(2);
    const fourth = b.add([6]);
    await tick();
    expect(flushed[2]).toEqual([5, 6]);
    releases[1]();
    releases[2]();
    await Promise.all([...second, third, fourth]);
    expect(b.waiting).toBe(0);
  });
});
