import { createServer, Server } from 'node:http';
import { backoffDelay, sleep } from './backoff';
import { logger } from './logger';

export interface Dependency {
  name: string;
  /** Resolves when reachable; throws with the reason otherwise. */
  check: () => Promise<void>;
}

/**
 * Before the app boots in scale-out mode, wait for its dependencies with
 * back-off, logging each failure, while a minimal HTTP server answers
 * /health (200, starting) and /ready (503, with each dependency's state). The
 * process never crash-loops silently on an unreachable dependency.
 */
export async function waitForDependencies(
  deps: Dependency[],
  options: { host: string; port: number; initialDelayMs: number; maxDelayMs: number; signal?: AbortSignal },
): Promise<void> {
  const log = logger('StartupGate');
  const state = new Map<string, { status: 'up' | 'down' | 'unknown'; error?: string; attempts: number }>(
    deps.map((d) => [d.name, { status: 'unknown', attempts: 0 }]),
  );
  let server: Server | undefined;
  if (options.port > 0) {
    server = createServer((req, res) => {
      const ready = req.url?.startsWith('/ready');
      const body = ready
        ? { status: 'error', info: {}, error: Object.fromEntries([...state].map(([k, v]) => [k, { status: v.status, message: v.error }])) }
        : { status: 'ok', phase: 'starting' };
      res.writeHead(ready ? 503 : req.url?.startsWith('/health') ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(options.port, options.host, () => resolve());
    });
  }
  try {
    await Promise.all(
      deps.map(async (dep) => {
        const s = state.get(dep.name)!;
        for (;;) {
          if (options.signal?.aborted) throw new Error('aborted');
          try {
            await dep.check();
            s.status = 'up';
            s.error = undefined;
            if (s.attempts > 0) log.info({ dependency: dep.name, attempts: s.attempts + 1 }, `${dep.name} is reachable`);
            return;
          } catch (e) {
            s.status = 'down';
            s.error = (e as Error).message;
            const delay = backoffDelay(s.attempts++, options.initialDelayMs, options.maxDelayMs);
            log.warn({ dependency: dep.name, error: s.error, retryInMs: delay, attempt: s.attempts }, `${dep.name} is not reachable; retrying`);
            await sleep(delay);
          }
        }
      }),
    );
  } finally {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  }
}
