import { createServer } from 'node:net';
import { waitForDependencies } from './startup-gate';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

describe('waitForDependencies', () => {
  it('answers /ready 503 naming the missing dependency while retrying, then lets the app boot', async () => {
    const port = await freePort();
    let busUp = false;
    let attempts = 0;
    const gate = waitForDependencies(
      [
        { name: 'database', check: async () => undefined },
        {
          name: 'bus',
          check: async () => {
            attempts++;
            if (!busUp) throw new Error('connect ECONNREFUSED 127.0.0.1:9092');
          },
        },
      ],
      { host: '127.0.0.1', port, initialDelayMs: 20, maxDelayMs: 50 },
    );
    await new Promise((r) => setTimeout(r, 150));
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { error: Record<string, { status: string; message?: string }> };
    expect(body.error.bus).toEqual({ status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:9092' });
    expect(body.error.database.status).toBe('up');
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    expect(attempts).toBeGreaterThan(1);
    busUp = true;
    await gate;
    // The gate's server is gone: the port is free for the app.
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });
});
