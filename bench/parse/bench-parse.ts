/**
 * Parsing throughput on one core: syslog header parsing alone (parseSyslog), full parse + normalise to ECS,
 * and glossy's parser on the same lines for comparison. Deterministic corpus, warm-up before timing.
 * Run: node bench/parse/run.js  (or the compiled dist/bench/parse/bench-parse.js). Env: BENCH_LINES (default 240000).
 */
import type { RawEnvelope } from '@vigie/contracts';
import { normalise } from '@vigie/ecs';
import { parseSyslog } from '@vigie/syslog';
import { CORPUS_MEMBERS, generateCorpus, type CorpusLine, type LineKind } from './corpus-generator';

interface GlossyParser {
  parse(message: string): unknown;
}

function loadGlossy(): GlossyParser | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('glossy') as { Parse: GlossyParser }).Parse;
  } catch {
    return undefined;
  }
}

interface Result {
  name: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

/** Best of `rounds` timed passes over `lines`, after one warm-up pass over a slice. */
function measure(name: string, lines: readonly string[], fn: (line: string, i: number) => unknown, rounds = 3): Result {
  let sink = 0;
  const warm = Math.min(lines.length, 30000);
  for (let i = 0; i < warm; i++) if (fn(lines[i]!, i)) sink++;
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < lines.length; i++) if (fn(lines[i]!, i)) sink++;
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (s < best) best = s;
  }
  if (sink < 0) console.log(sink);
  return { name, events: lines.length, seconds: best, eventsPerSecond: lines.length / best };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function main(): void {
  const count = Number(process.env.BENCH_LINES ?? 240000);
  const corpus: CorpusLine[] = generateCorpus(count);
  const lines = corpus.map((c) => c.line);
  const receivedAt = new Date('2026-11-29T12:40:00Z');
  const ctx = { receivedAt, timeZone: 'Europe/Paris' };
  const envelopes: RawEnvelope[] = corpus.map((c, i) => ({
    raw: c.line,
    receivedAt: receivedAt.toISOString(),
    transport: 'udp',
    peer: { ip: `10.0.${i % 250}.${(i % 200) + 1}`, port: 514 },
    member: CORPUS_MEMBERS[i % CORPUS_MEMBERS.length]!,
  }));
  const fixedNow = () => receivedAt;

  const results: Result[] = [];
  const glossy = loadGlossy();
  if (glossy) results.push(measure('glossy Parse.parse', lines, (l) => glossy.parse(l)));
  results.push(measure('parseSyslog', lines, (l) => parseSyslog(l, ctx)));
  results.push(measure('parseSyslog + normalise', lines, (_l, i) => normalise(envelopes[i]!, { now: fixedNow }), 2));

  // Per-format rates and decoding coverage.
  const kinds = [...new Set(corpus.map((c) => c.kind))].sort() as LineKind[];
  const perKind = kinds.map((kind) => {
    const idx = corpus.map((c, i) => (c.kind === kind ? i : -1)).filter((i) => i >= 0);
    const env = idx.map((i) => envelopes[i]!);
    const unparsed = env.filter((e) => normalise(e, { now: fixedNow }).tags.includes('_unparsed_payload')).length;
    const r = measure(
      kind,
      env.map((e) => e.raw),
      (_l, i) => normalise(env[i]!, { now: fixedNow }),
      1,
    );
    return { kind, lines: idx.length, eventsPerSecond: Math.round(r.eventsPerSecond), unparsed };
  });

  const ours = results.find((r) => r.name === 'parseSyslog')!;
  const full = results.find((r) => r.name === 'parseSyslog + normalise')!;
  const glossyResult = results.find((r) => r.name === 'glossy Parse.parse');
  const ratio = glossyResult ? ours.eventsPerSecond / glossyResult.eventsPerSecond : undefined;

  console.log(
    `\nSyslog parsing benchmark — ${fmt(count)} lines, ${kinds.length} formats, node ${process.version}, one core\n`,
  );
  console.log('| stage | events/s | seconds |');
  console.log('|---|---:|---:|');
  for (const r of results) console.log(`| ${r.name} | ${fmt(r.eventsPerSecond)} | ${r.seconds.toFixed(3)} |`);
  if (ratio !== undefined)
    console.log(
      `\nheader parsing ours/glossy: ${ratio.toFixed(2)}x (full normalise vs glossy header-only: ${(full.eventsPerSecond / glossyResult!.eventsPerSecond).toFixed(2)}x)`,
    );
  console.log('\n| format | lines | normalise events/s | unparsed |');
  console.log('|---|---:|---:|---:|');
  for (const k of perKind) console.log(`| ${k.kind} | ${fmt(k.lines)} | ${fmt(k.eventsPerSecond)} | ${k.unparsed} |`);
  console.log(
    JSON.stringify({
      bench: 'parse',
      lines: count,
      node: process.version,
      parseSyslogEventsPerSecond: Math.round(ours.eventsPerSecond),
      normaliseEventsPerSecond: Math.round(full.eventsPerSecond),
      glossyEventsPerSecond: glossyResult ? Math.round(glossyResult.eventsPerSecond) : null,
      oursOverGlossy: ratio !== undefined ? Number(ratio.toFixed(3)) : null,
      perFormat: Object.fromEntries(
        perKind.map((k) => [k.kind, { eventsPerSecond: k.eventsPerSecond, unparsed: k.unparsed }]),
      ),
    }),
  );
}

if (require.main === module) main();
