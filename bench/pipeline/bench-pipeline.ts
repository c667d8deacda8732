/**
 * Pipeline benchmark on the real Kafka and OpenSearch.
 *
 *   npm run build && node dist/bench/pipeline/bench-pipeline.js [--n 100000] [--latency-seconds 10]
 *
 * 1. raw `_bulk`: the M documents the pipeline will produce, written straight
 *    to OpenSearch by a minimal loop (5,000 per request, one request at a
 *    time), until searchable: the ceiling for this machine.
 * 2. end to end: M raw envelopes published to siem.raw.v1, then the normaliser
 *    and the indexer (the same classes the ingestion app runs) started on a
 *    fresh consumer group; timed until all M are searchable (counted as the
 *    index's own refresh shows them, then, once the indexer has had all M
 *    acknowledged, after a forced refresh, as 1. ends).
 * 3. latency: a paced stream (half the measured end-to-end rate) with sampled
 *    events whose time from publication (receipt) to searchable is measured by
 *    polling search for their ids.
 *
 * Prints a table and one JSON line. Brokers: VIGIE_BUS_KAFKA_BROKERS (default
 * 127.0.0.1:9092); search: VIGIE_SEARCH_NODE (default http://127.0.0.1:9200).
 * The indexer runs with the configured `indexer.*` settings (config/default.yaml,
 * VIGIE_INDEXER_* variables). It also prints the CPU seconds each phase cost
 * this process, the search engine and the Kafka broker (read from /proc when
 * the broker is the one `scripts/services/kafka.sh` started, or the pid in
 * VIGIE_BENCH_BROKER_PID), and how busy the machine was: on a shared machine
 * the rates move with the neighbours, the CPU seconds less. BENCH_PROFILE=f.cpuprofile
 * writes a V8 CPU profile of the end-to-end phase (open it in Chrome's DevTools).
 * Everything it creates (indices, templates, its events and dead-letter topics,
 * consumer groups) is removed at the end; its raw envelopes stay in
 * siem.raw.v1, past the offsets of any group that was already consuming it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { cpus } from 'node:os';
import { KafkaEventBus } from '@vigie/bus';
import { loadConfig } from '@vigie/config';
import { RawEnvelope, Topics } from '@vigie/contracts';
import { normalise } from '@vigie/ecs';
import { createSearchClient, ElasticsearchEventStore } from '@vigie/event-store';
import { Metrics, setLogLevel } from '@vigie/observability';
import { IndexerOptions } from '@vigie/ingestion/indexer/indexer.options';
import { IndexerWorker } from '@vigie/ingestion/indexer/indexer.worker';
import { MemberDirectory } from '@vigie/ingestion/members/member-directory';
import { NormaliserOptions } from '@vigie/ingestion/normaliser/normaliser.options';
import { NormaliserWorker } from '@vigie/ingestion/normaliser/normaliser.worker';
import { Kafka, logLevel } from 'kafkajs';
import type { DataSource } from 'typeorm';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(String(process.argv[i + 1]).replace(/_/g, ''));
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}

const M = Math.round(arg('n', arg('m', 100_000)));
const LATENCY_SECONDS = arg('latency-seconds', 10);
const BROKERS = (process.env.VIGIE_BUS_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const NODE = process.env.VIGIE_SEARCH_NODE ?? 'http://127.0.0.1:9200';
const FLAVOR = (process.env.VIGIE_SEARCH_FLAVOR ?? 'opensearch') as 'opensearch' | 'elasticsearch';
const RAW_BULK = 5000;
const MEMBER = 'bench';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Realistic lines: sshd failures, sudo, a firewall drop and a generic application line, each unique. */
function line(i: number, at: Date): string {
  const ts = at.toISOString();
  const host = `srv-${i % 32}`;
  const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  switch (i % 4) {
    case 0:
      return `<38>1 ${ts} ${host} sshd ${2000 + (i % 900)} - - Failed password for invalid user u${i} from ${ip} port ${1024 + (i % 60000)} ssh2`;
    case 1:
      return `<85>1 ${ts} ${host} sudo - - - alice : TTY=pts/${i % 9} ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/systemctl restart app${i}`;
    case 2:
      return `<4>1 ${ts} ${host} kernel - - - IN=eth0 OUT= MAC=00:11:22:33:44:55 SRC=${ip} DST=192.0.2.10 LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=${i % 65535} DF PROTO=TCP SPT=${1024 + (i % 60000)} DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0`;
    default:
      return `<134>1 ${ts} ${host} app ${i % 100} - - request ${i} served in ${i % 500} ms`;
  }
}

function envelope(i: number, at: Date): RawEnvelope {
  return {
    receivedAt: at.toISOString(),
    transport: 'tcp',
    peer: { ip: `172.16.${(i >> 8) & 255}.${i & 255}` },
    member: MEMBER,
    raw: line(i, at),
  };
}

function cpuCell(c: ReturnType<typeof cpuSpent>): string {
  return `${c.process_s} / ${c.search_s ?? '?'} / ${c.broker_s ?? '?'} s, ${Math.round(c.machine_busy * 100)} %`;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** CPU used so far: this process, the search engine's nodes, and the whole machine (busy and total ms). */
interface CpuMark {
  self: number;
  search: number | undefined;
  broker: number | undefined;
  hostBusy: number;
  hostTotal: number;
}

async function cpuMark(client: ReturnType<typeof createSearchClient>): Promise<CpuMark> {
  let search: number | undefined;
  try {
    const stats = await client.nodes.stats({ metric: 'process' });
    search = Object.values(stats.nodes).reduce((a, n) => a + (n.process?.cpu?.total_in_millis ?? 0), 0);
  } catch {
    search = undefined; // not allowed to read node stats: left out
  }
  let hostBusy = 0;
  let hostTotal = 0;
  for (const c of cpus()) {
    const t = c.times;
    hostBusy += t.user + t.nice + t.sys + t.irq;
    hostTotal += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  const u = process.cpuUsage();
  return { self: (u.user + u.system) / 1000, search, broker: brokerCpuMs(), hostBusy, hostTotal };
}

/** The Kafka broker's pid: VIGIE_BENCH_BROKER_PID, else the local services' pid file (Linux). */
function brokerPid(): string | undefined {
  const explicit = process.env.VIGIE_BENCH_BROKER_PID;
  if (explicit) return explicit;
  try {
    const dir = process.env.VIGIE_SERVICES_DIR ?? '/tmp/vigie-services';
    return readFileSync(`${dir}/kafka/kafka.pid`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** CPU ms used so far by the broker process (utime + stime from /proc, at 100 ticks per second), if readable. */
function brokerCpuMs(): number | undefined {
  const pid = brokerPid();
  if (!pid || !/^\d+$/.test(pid)) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (14th, 15th)
  } catch {
    return undefined;
  }
}

/** The V8 CPU profiler on this process, for the end-to-end phase only (BENCH_PROFILE=file.cpuprofile). */
async function startProfile(): Promise<{ stop(file: string): Promise<string> }> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return {
    async stop(file: string) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      session.disconnect();
      writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}

/** CPU seconds between two marks: this process, the search engine, the broker, and the machine's busy share. */
function cpuSpent(
  a: CpuMark,
  b: CpuMark,
): { process_s: number; search_s: number | null; broker_s: number | null; machine_busy: number } {
  return {
    process_s: +((b.self - a.self) / 1000).toFixed(2),
    search_s: a.search === undefined || b.search === undefined ? null : +((b.search - a.search) / 1000).toFixed(2),
    broker_s: a.broker === undefined || b.broker === undefined ? null : +((b.broker - a.broker) / 1000).toFixed(2),
    machine_busy: +((b.hostBusy - a.hostBusy) / Math.max(1, b.hostTotal - a.hostTotal)).toFixed(2),
  };
}

async function main(): Promise<void> {
  setLogLevel('error');
  const run = randomBytes(4).toString('hex');
  const pipelinePrefix = `vigie-bench-${run}`;
  const rawPrefix = `vigie-bench-raw-${run}`;
  const eventsTopic = `bench.${run}.events`;
  const dlqTopic = `bench.${run}.dlq`;
  const groups = { normaliser: `bench-${run}-normaliser`, indexer: `bench-${run}-indexer` };
  const config = loadConfig({
    profile: 'scale-out',
    // Only the indexer's settings may come from the environment (VIGIE_INDEXER_BULK_IN_FLIGHT=1, say).
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('VIGIE_INDEXER_'))),
    overrides: {
      'bus.kafka.brokers': BROKERS,
      'search.node': NODE,
      'search.flavor': FLAVOR,
      'search.indexPrefix': pipelinePrefix,
    },
  });
  const partitions = config.get('bus.kafka.partitions');
  const client = createSearchClient({ node: NODE, flavor: FLAVOR });
  const bus = new KafkaEventBus({ brokers: BROKERS, clientId: `vigie-bench-${run}`, partitions, replicationFactor: 1 });
  const kafka = new Kafka({ brokers: BROKERS, clientId: `vigie-bench-admin-${run}`, logLevel: logLevel.NOTHING });
  const pipelineStore = new ElasticsearchEventStore({
    client: createSearchClient({ node: NODE, flavor: FLAVOR }),
    indexPrefix: pipelinePrefix,
  });
  const rawStore = new ElasticsearchEventStore({
    client: createSearchClient({ node: NODE, flavor: FLAVOR }),
    indexPrefix: rawPrefix,
  });
  const metrics = new Metrics(false);
  let normaliser: NormaliserWorker | undefined;
  let indexer: IndexerWorker | undefined;
  const out: Record<string, unknown> = { bench: 'pipeline', n: M, partitions, search: FLAVOR };
  try {
    await Promise.all([pipelineStore.init(), rawStore.init()]);
    await bus.ensureTopics([Topics.raw, eventsTopic, dlqTopic]);

    const start = Date.now() - 60_000;
    const envelopes = Array.from({ length: M }, (_, i) => envelope(i, new Date(start + (i % 60_000))));

    // 1. Raw _bulk of the same documents, straight to the search engine.
    const docs = envelopes.map((e) => normalise(e));
    const countOf = async (prefix: string, refresh = true) => {
      if (refresh)
        await client.indices.refresh({ index: `${prefix}-events-*`, ignore_unavailable: true, allow_no_indices: true });
      return (await client.count({ index: `${prefix}-events-*`, ignore_unavailable: true, allow_no_indices: true }))
        .count;
    };
    const rawCpu = await cpuMark(client);
    const rawStarted = process.hrtime.bigint();
    for (let i = 0; i < docs.length; i += RAW_BULK) {
      const operations = docs
        .slice(i, i + RAW_BULK)
        .flatMap((d) => [
          { index: { _index: rawStore.indexName(MEMBER, d['@timestamp'].slice(0, 10)), _id: d.event.id } },
          d,
        ]);
      const res = await client.bulk({ operations });
      if (res.errors) throw new Error(`raw bulk: ${JSON.stringify(res.items.find((it) => it.index?.error))}`);
    }
    const rawCount = await countOf(rawPrefix);
    const rawSeconds = Number(process.hrtime.bigint() - rawStarted) / 1e9;
    out.raw_bulk_cpu = cpuSpent(rawCpu, await cpuMark(client));
    if (rawCount !== M) throw new Error(`raw bulk: ${rawCount} documents searchable, expected ${M}`);
    docs.length = 0;

    // 2. End to end: M raw envelopes in Kafka, then the pipeline on a fresh group moved to their start.
    const admin = kafka.admin();
    await admin.connect();
    let before: Awaited<ReturnType<typeof admin.fetchTopicOffsets>> = [];
    for (let attempt = 0; ; attempt++) {
      try {
        before = await admin.fetchTopicOffsets(Topics.raw); // a new topic may still be electing leaders
        break;
      } catch (e) {
        if (attempt >= 20) throw e;
        await sleep(500);
      }
    }
    await admin.setOffsets({
      groupId: groups.normaliser,
      topic: Topics.raw,
      partitions: before.map((p) => ({ partition: p.partition, offset: p.high })),
    });
    await admin.disconnect();
    const publishStarted = Date.now();
    for (let i = 0; i < M; i += 5000) {
      await bus.publish(
        Topics.raw,
        envelopes.slice(i, i + 5000).map((e) => ({ key: `${e.member}|${e.peer.ip}`, value: JSON.stringify(e) })),
      );
    }
    const publishSeconds = (Date.now() - publishStarted) / 1000;
    envelopes.length = 0;

    const members = new MemberDirectory(undefined as unknown as DataSource); // no members: defaults (Europe/Paris)
    normaliser = new NormaliserWorker(
      bus,
      members,
      Object.assign(new NormaliserOptions(), {
        groupId: groups.normaliser,
        outputTopic: eventsTopic,
        deadLetterTopic: dlqTopic,
      }),
      metrics,
    );
    indexer = new IndexerWorker(
      bus,
      pipelineStore,
      Object.assign(IndexerOptions.fromConfig(config), {
        groupId: groups.indexer,
        inputTopic: eventsTopic,
        deadLetterTopic: dlqTopic,
      }),
      config,
      metrics,
    );
    const profiler = process.env.BENCH_PROFILE ? await startProfile() : undefined;
    const e2eCpu = await cpuMark(client);
    const e2eStarted = process.hrtime.bigint();
    await Promise.all([normaliser.start(), indexer.start()]);
    let stored = 0;
    let normalisedAt: number | undefined;
    const counter = async (name: string) =>
      ((await metrics.registry.getSingleMetric(name)?.get())?.values ?? []).reduce((a, v) => a + v.value, 0);
    for (;;) {
      // Until the indexer has had all M acknowledged, count what the index's own refresh (1 s) made
      // searchable: a forced refresh at every poll would make the search engine cut a small segment
      // five times a second, work the raw loop does not pay. Then refresh and count, as the raw loop ends.
      stored = await countOf(pipelinePrefix, (await counter('vigie_indexer_documents_indexed_total')) >= M);
      if (normalisedAt === undefined && (await counter('vigie_normaliser_events_total')) >= M) {
        normalisedAt = Number(process.hrtime.bigint() - e2eStarted) / 1e9;
      }
      if (process.env.BENCH_TRACE) {
        process.stderr.write(
          `t=${(Number(process.hrtime.bigint() - e2eStarted) / 1e9).toFixed(1)} normalised=${await counter('vigie_normaliser_events_total')} indexed=${await counter('vigie_indexer_documents_indexed_total')} searchable=${stored}\n`,
        );
      }
      if (stored >= M) break;
      await sleep(200);
    }
    const e2eSeconds = Number(process.hrtime.bigint() - e2eStarted) / 1e9;
    out.e2e_cpu = cpuSpent(e2eCpu, await cpuMark(client));
    if (profiler)
      process.stderr.write(`CPU profile of the end-to-end phase: ${await profiler.stop(process.env.BENCH_PROFILE!)}\n`);
    if (process.env.BENCH_TRACE) {
      const sizes = (await metrics.registry.getSingleMetric('vigie_indexer_batch_size')?.get())?.values ?? [];
      const of = (suffix: string) =>
        sizes.find((v) => (v as { metricName?: string }).metricName?.endsWith(suffix))?.value ?? 0;
      process.stderr.write(`bulk requests=${of('_count')} documents=${of('_sum')}\n`);
    }
    out.normaliser_done_seconds = normalisedAt === undefined ? null : +normalisedAt.toFixed(2);

    // 3. Latency at half the end-to-end rate.
    const rate = Math.max(100, Math.round(M / e2eSeconds / 2));
    const total = Math.round(rate * LATENCY_SECONDS);
    const sampleEvery = Math.max(1, Math.floor(total / 500));
    const pending = new Map<string, number>();
    const latencies: number[] = [];
    let polling = true;
    let publishEnd = Date.now();
    const poller = (async () => {
      while (polling || pending.size) {
        if (pending.size) {
          const ids = [...pending.keys()];
          const res = await client.search({
            index: `${pipelinePrefix}-events-*`,
            size: ids.length,
            _source: false,
            query: { ids: { values: ids } },
          });
          const now = Date.now();
          for (const hit of res.hits.hits) {
            const sent = pending.get(hit._id!);
            if (sent !== undefined) {
              latencies.push(now - sent);
              pending.delete(hit._id!);
            }
          }
        }
        await sleep(50);
        if (!polling && Date.now() - publishEnd > 60_000) break;
      }
    })();
    const tickMs = 100;
    const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
    const latencyStart = Date.now();
    for (let sent = 0; sent < total;) {
      const batch: RawEnvelope[] = [];
      const now = new Date();
      for (let k = 0; k < perTick && sent < total; k++, sent++) batch.push(envelope(M + sent, now));
      await bus.publish(
        Topics.raw,
        batch.map((e) => ({ key: `${e.member}|${e.peer.ip}`, value: JSON.stringify(e) })),
      );
      batch.forEach((e, k) => {
        if ((sent - batch.length + k) % sampleEvery === 0) pending.set(normalise(e).event.id, Date.parse(e.receivedAt));
      });
      const next = latencyStart + ((sent / perTick) | 0) * tickMs;
      await sleep(Math.max(0, next - Date.now()));
    }
    publishEnd = Date.now();
    polling = false;
    await poller;
    latencies.sort((a, b) => a - b);

    const rawRate = M / rawSeconds;
    const e2eRate = M / e2eSeconds;
    Object.assign(out, {
      raw_bulk_seconds: +rawSeconds.toFixed(2),
      raw_bulk_docs_per_s: Math.round(rawRate),
      publish_seconds: +publishSeconds.toFixed(2),
      e2e_seconds: +e2eSeconds.toFixed(2),
      e2e_events_per_s: Math.round(e2eRate),
      ratio: +(e2eRate / rawRate).toFixed(3),
      latency_rate_per_s: rate,
      latency_samples: latencies.length,
      latency_lost_samples: pending.size,
      latency_p50_ms: percentile(latencies, 50),
      latency_p99_ms: percentile(latencies, 99),
      latency_max_ms: latencies[latencies.length - 1] ?? null,
    });
    const rows: Array<[string, string]> = [
      ['documents (M)', String(M)],
      ['raw _bulk (5000/request)', `${Math.round(rawRate)} docs/s (${rawSeconds.toFixed(1)} s)`],
      ['publish M envelopes to Kafka', `${publishSeconds.toFixed(1)} s`],
      ['end to end (Kafka → searchable)', `${Math.round(e2eRate)} events/s (${e2eSeconds.toFixed(1)} s)`],
      ['ratio end to end / raw _bulk', (e2eRate / rawRate).toFixed(3)],
      [
        'CPU s raw _bulk (bench / search / broker, machine busy)',
        cpuCell(out.raw_bulk_cpu as ReturnType<typeof cpuSpent>),
      ],
      [
        'CPU s end to end (pipeline / search / broker, machine busy)',
        cpuCell(out.e2e_cpu as ReturnType<typeof cpuSpent>),
      ],
      [
        `receipt → searchable at ${rate}/s`,
        `p50 ${out.latency_p50_ms} ms, p99 ${out.latency_p99_ms} ms (${latencies.length} samples)`,
      ],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    process.stdout.write(rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n') + '\n');
    process.stdout.write(JSON.stringify(out) + '\n');
  } finally {
    await normaliser?.stop().catch(() => undefined);
    await indexer?.stop().catch(() => undefined);
    await bus.close();
    await client.indices
      .delete({
        index: `${pipelinePrefix}-events-*,${rawPrefix}-events-*`,
        allow_no_indices: true,
        ignore_unavailable: true,
      })
      .catch(() => undefined);
    for (const p of [pipelinePrefix, rawPrefix])
      await client.indices.deleteIndexTemplate({ name: `${p}-events` }).catch(() => undefined);
    const admin = kafka.admin();
    await admin.connect().catch(() => undefined);
    await admin.deleteTopics({ topics: [eventsTopic, dlqTopic] }).catch(() => undefined);
    await admin.deleteGroups(Object.values(groups)).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    await Promise.all([client.close(), pipelineStore.close(), rawStore.close()]);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench-pipeline: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
