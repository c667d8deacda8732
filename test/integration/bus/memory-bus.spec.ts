import { MemoryEventBus } from '@vigie/bus';
import { runBusContract } from './bus.contract';

describe('EventBus contract: in-process', () => {
  let bus: MemoryEventBus;
  beforeEach(() => {
    bus = new MemoryEventBus({ partitions: 3, maxQueued: 1000, retryDelayMs: 20 });
  });
  afterEach(() => bus.close());
  runBusContract({ bus: () => bus }, 5000);

  it('makes publishers wait instead of growing without bound (backpressure)', async () => {
    const small = new MemoryEventBus({ partitions: 1, maxQueued: 10, retryDelayMs: 20 });
    await small.ensureTopics(['t']);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const sub = await small.subscribe({ groupId: 'g', topics: ['t'], maxBatchSize: 5, handler: () => gate });
    let published = false;
    const p = small.publish('t', Array.from({ length: 30 }, (_, i) => ({ key: 'k', value: String(i) }))).then(() => (published = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(published).toBe(false);
    release();
    await p;
    expect(published).toBe(true);
    await sub.stop();
    await small.close();
  });
});
