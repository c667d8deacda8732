import { connect, Socket } from 'node:net';
import { Metrics } from '@vigie/observability';

/** Settings of a no-loss run from the environment: `VIGIE_NO_LOSS_N` overrides the event count. */
export function noLossCount(fallback: number, env: string = 'VIGIE_NO_LOSS_N'): number {
  const v = process.env[env];
  if (v === undefined || v === '') return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${env} must be a positive whole number, got ${v}`);
  return n;
}

/**
 * The i-th line of a run: RFC 5424, unique by its sequence number (so N lines
 * give N distinct event ids), spread over `hosts` host names so the events
 * topic uses every partition.
 */
export function noLossLine(token: string, i: number, base: number, hosts = 24): string {
  const ts = new Date(base + i).toISOString();
  return `<134>1 ${ts} host-${i % hosts} noloss ${1000 + (i % 50)} - - ${token} seq=${i} user=u${i % 97} action=test`;
}

/** Sends lines `[from, to)` over one TCP connection with LF framing, honouring socket backpressure. */
export async function sendLines(
  port: number,
  lines: (i: number) => string,
  from: number,
  to: number,
  onChunk?: (count: number) => void,
): Promise<void> {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const CHUNK = 200;
  for (let i = from; i < to; i += CHUNK) {
    let text = '';
    for (let j = i; j < Math.min(to, i + CHUNK); j++) text += lines(j) + '\n';
    const ok = socket.write(text);
    onChunk?.(Math.min(to, i + CHUNK) - i);
    if (!ok) await new Promise<void>((r) => socket.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.end(() => resolve());
  });
  // Wait until the peer closed too: every byte was read by the receiver.
  if (!socket.closed) await new Promise<void>((r) => socket.once('close', () => r()));
}

/** Sends `n` lines over `connections` concurrent connections; `onSent` gets the running total. */
export async function sendAll(
  port: number,
  lines: (i: number) => string,
  n: number,
  connections = 4,
  onSent?: (total: number) => void,
): Promise<void> {
  const per = Math.ceil(n / connections);
  let total = 0;
  const onChunk = (count: number) => {
    total += count;
    onSent?.(total);
  };
  await Promise.all(
    Array.from({ length: connections }, (_, c) => sendLines(port, lines, c * per, Math.min(n, (c + 1) * per), onChunk)),
  );
}

/** Current value of a counter (summed over labels), 0 when absent. */
export async function counterValue(metrics: Metrics, name: string): Promise<number> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) return 0;
  const data = await metric.get();
  return data.values.reduce((sum, v) => sum + v.value, 0);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Random whole number in [min, max]. */
export const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

export interface Restartable {
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface ChaosAction {
  /** Runs when progress reaches this many events. */
  at: number;
  name: string;
  run: () => Promise<void>;
}

/** Stop a worker, wait a random 0.2-2 s, start it again. */
export function bounce(worker: Restartable, log: string[], name: string): () => Promise<void> {
  return async () => {
    const pause = randomBetween(200, 2000);
    await worker.stop();
    log.push(`${name} stopped for ${pause} ms`);
    await sleep(pause);
    await worker.start();
  };
}

/**
 * Chaos driven by the sender: when `sent` passes an action's threshold the
 * action starts (while lines keep flowing); actions run one after the other.
 * `settled()` waits for all of them and says how many ran.
 */
export class Chaos {
  private readonly queue: ChaosAction[];
  private chain: Promise<void> = Promise.resolve();
  private ran = 0;

  constructor(
    actions: ChaosAction[],
    private readonly log: string[],
  ) {
    this.queue = [...actions].sort((a, b) => a.at - b.at);
  }

  onSent(sent: number): void {
    while (this.queue.length && sent >= this.queue[0].at) {
      const a = this.queue.shift()!;
      this.chain = this.chain.then(async () => {
        const started = Date.now();
        await a.run();
        this.ran++;
        this.log.push(`${a.name} (triggered at ${sent} sent, took ${Date.now() - started} ms)`);
      });
    }
  }

  async settled(): Promise<number> {
    await this.chain;
    return this.ran;
  }
}
