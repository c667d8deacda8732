/**
 * Detector worker benchmark: latency from an event entering the detector worker (its batch handed to the handler by
 * the in-process bus) to its alert being published on siem.alerts.v1, with the bundled pack (config/rules/).
 * Events are real-looking syslog lines normalised beforehand (normalisation is not measured).
 *
 * Two loads: `paced` (events published one at a time, the alert path with small batches) and `flood` (all events
 * published at once, batches of up to 500: latency includes the evaluation of the rest of the batch).
 *
 * Run: npm run build && node dist/bench/detect/bench-detector-worker.js [--events N]
 * Prints one JSON document on stdout.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { join } from 'node:path';
import { MemoryEventBus, OutgoingMessage } from '@vigie/bus';
import { configDir } from '@vigie/config';
import { RawEnvelope, Topics } from '@vigie/contracts';
import { normalise } from '@vigie/ecs';
import { Metrics, setLogLevel } from '@vigie/observability';
import { defaultDetectionSettings } from '@vigie/ingestion/detection/detection-settings';
import { DetectorWorker } from '@vigie/ingestion/detection/detector.worker';
import { fortigate, iptables, stormshield } from '@vigie/ingestion/detection/scenarios/firewall-lines';
import { bsdTime, nxlog } from '@vigie/ingestion/detection/scenarios/scenario-harness';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A mixed stream: mostly benign traffic, SSH brute forces, sudo to root, firewall scans, Windows events. */
function corpus(n: number, seed = 11): Array<Record<string, unknown>> {
  const r = rng(seed);
  const members = ['arcueil', 'gentilly', 'ivry', 'villejuif', 'vitry'];
  const out: Array<Record<string, unknown>> = [];
  const t0 = Date.now();
  for (let i = 0; i < n; i++) {
    const at = new Date(t0 + i).toISOString();
    const ip = `198.51.${Math.floor(r() * 4)}.${Math.floor(r() * 250)}`;
    const k = r();
    let raw: string;
    if (k < 0.35)
      raw = stormshield(at, `10.44.${Math.floor(r() * 20)}.${Math.floor(r() * 250)}`, [80, 443, 53][i % 3], 'pass');
    else if (k < 0.5) raw = fortigate(at, ip, Math.floor(r() * 1024), r() < 0.5 ? 'deny' : 'accept');
    else if (k < 0.6) raw = iptables(at, ip, Math.floor(r() * 65535));
    else if (k < 0.75)
      raw = `<190>${bsdTime(at)} www nginx: ${ip} - - [29/Nov/2026:13:33:41 +0100] "GET /p${i % 50} HTTP/1.1" ${r() < 0.3 ? 404 : 200} 153 "-" "Mozilla/5.0"`;
    else if (k < 0.9)
      raw = `<38>${bsdTime(at)} srv-${i % 7} sshd[${i}]: Failed password for root from ${ip} port ${i % 65535} ssh2`;
    else if (k < 0.95)
      raw = `<85>${bsdTime(at)} srv-${i % 7} sudo[${i}]:   user${i % 13} : TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/bin/id`;
    else
      raw = nxlog(at, `DC0${i % 3}`, {
        EventID: [4624, 4625, 4720, 7045, 1102][i % 5],
        TargetUserName: `u${i % 17}`,
        IpAddress: ip,
      });
    const env: RawEnvelope = {
      receivedAt: at,
      transport: 'udp',
      peer: { ip: '10.0.0.1' },
      member: members[i % 5],
      raw,
    };
    out.push(normalise(env) as unknown as Record<string, unknown>);
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run(mode: 'paced' | 'flood', events: Array<Record<string, unknown>>) {
  const bus = new MemoryEventBus({ partitions: 4, maxQueued: 1_000_000 });
  await bus.ensureTopics([Topics.events, Topics.alerts]);
  const worker = new DetectorWorker(bus, new Metrics(false), {
    ...defaultDetectionSettings(configDir()),
    userRuleDirs: [],
  });
  const entered = new AsyncLocalStorage<number>();
  const latencies: number[] = [];
  const handle = worker.handle.bind(worker);
  worker.handle = (batch) => entered.run(performance.now(), () => handle(batch));
  const publish = bus.publish.bind(bus);
  bus.publish = async (topic: string, messages: OutgoingMessage[]) => {
    await publish(topic, messages);
    const t0 = entered.getStore();
    if (topic === Topics.alerts && t0 !== undefined) {
      const dt = performance.now() - t0;
      for (let i = 0; i < messages.length; i++) latencies.push(dt);
    }
  };
  await worker.onApplicationBootstrap();
  const started = performance.now();
  if (mode === 'flood') {
    for (let i = 0; i < events.length; i += 1000) {
      await bus.publish(
        Topics.events,
        events
          .slice(i, i + 1000)
          .map((e) => ({ key: `${(e.organization as { id: string }).id}|h`, value: JSON.stringify(e) })),
      );
    }
  } else {
    for (const e of events) {
      await bus.publish(Topics.events, [{ key: 'k', value: JSON.stringify(e) }]);
      await new Promise((r) => setImmediate(r));
    }
  }
  while ((await bus.lag('vigie-detector', Topics.events)).some((p) => p.lag > 0))
    await new Promise((r) => setTimeout(r, 5));
  const seconds = (performance.now() - started) / 1000;
  await worker.onApplicationShutdown();
  await bus.close();
  latencies.sort((a, b) => a - b);
  return {
    mode,
    events: events.length,
    alerts: latencies.length,
    eventsPerSecond: Math.round(events.length / seconds),
    p50ms: Number(percentile(latencies, 50).toFixed(3)),
    p99ms: Number(percentile(latencies, 99).toFixed(3)),
    maxms: Number((latencies[latencies.length - 1] ?? NaN).toFixed(3)),
  };
}

async function main(): Promise<void> {
  setLogLevel('error');
  const arg = process.argv.indexOf('--events');
  const n = arg > 0 ? Number(process.argv[arg + 1]) : 50_000;
  const events = corpus(n);
  const results = [await run('paced', events.slice(0, Math.min(n, 20_000))), await run('flood', events)];
  process.stdout.write(
    JSON.stringify({ bench: 'detector-worker', rulesDir: join(configDir(), 'rules'), results }, null, 2) + '\n',
  );
}

void main();
