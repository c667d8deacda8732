import { spawnSync } from 'node:child_process';
import { Socket } from 'node:net';
import { join } from 'node:path';

/**
 * `npm run bench`: every benchmark, one after the other, each in its own
 * process (one core each, no interference). The pipeline benchmark needs the
 * real Kafka and OpenSearch and is skipped, saying so, when they are down.
 */
const BENCHES: Array<{ name: string; file: string; needs?: Array<[string, number]> }> = [
  { name: 'parse (syslog headers and ECS normalisation, vs glossy)', file: 'parse/bench-parse.js' },
  { name: 'detect (Sigma engine, 10/100/500 rules)', file: 'detect/bench-detect.js' },
  { name: 'detector worker (event in to alert published)', file: 'detect/bench-detector-worker.js' },
  { name: 'pipeline (Kafka to searchable OpenSearch, vs raw _bulk)', file: 'pipeline/bench-pipeline.js', needs: [['127.0.0.1', 9092], ['127.0.0.1', 9200]] },
];

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.setTimeout(1500);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.once('timeout', () => (s.destroy(), resolve(false)));
    s.connect(port, host);
  });
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  let failed = 0;
  for (const b of BENCHES) {
    if (only.length && !only.some((o) => b.file.includes(o))) continue;
    process.stdout.write(`\n=== ${b.name} ===\n`);
    const down = [];
    for (const [h, p] of b.needs ?? []) if (!(await reachable(h, p))) down.push(`${h}:${p}`);
    if (down.length) {
      process.stdout.write(`skipped: ${down.join(', ')} not reachable (start scripts/services/kafka.sh and opensearch.sh)\n`);
      continue;
    }
    const r = spawnSync(process.execPath, [join(__dirname, b.file)], { stdio: 'inherit' });
    if (r.status !== 0) failed++;
  }
  process.exit(failed ? 1 : 0);
}

void main();
