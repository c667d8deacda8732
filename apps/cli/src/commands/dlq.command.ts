import { Command, InvalidArgumentError } from 'commander';
import { createEventBus } from '@vigie/core';
import { Metrics } from '@vigie/observability';
import { DeadLetterStore } from '@vigie/ingestion/dead-letters/dead-letter.store';
import { replayDeadLetters } from '@vigie/ingestion/dead-letters/dead-letter-replayer';
import { CliContext } from '../cli-context';
import { openDatabase } from './database';
import { AuditTrail } from '@vigie/audit';

const STAGES = ['normaliser', 'indexer'];

function isoDate(value: string): string {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new InvalidArgumentError(`not an ISO 8601 date: ${value}`);
  return new Date(t).toISOString();
}

function stage(value: string): string {
  if (!STAGES.includes(value)) throw new InvalidArgumentError(`must be one of ${STAGES.join(', ')}`);
  return value;
}

/** `vigie dlq stats|replay`: the dead letters kept in `vigie_dead_letters`. */
export function dlqCommand(ctx: CliContext): Command {
  const dlq = new Command('dlq').description('Dead letters: messages the pipeline could not process');

  dlq
    .command('stats')
    .description('Count dead letters by stage and reason')
    .option('--since <iso>', 'only those dead-lettered at or after this time', isoDate)
    .option('--stage <stage>', 'normaliser or indexer', stage)
    .option('--json', 'print JSON')
    .action(async (opts: { since?: string; stage?: string; json?: boolean }) => {
      const ds = await openDatabase(ctx.config());
      try {
        const store = new DeadLetterStore(ds);
        const rows = await store.stats({ since: opts.since, stage: opts.stage });
        if (opts.json) {
          ctx.out(JSON.stringify(rows));
          return;
        }
        if (rows.length === 0) {
          ctx.out('no dead letters');
          return;
        }
        const table = [['stage', 'reason', 'total', 'pending', 'first', 'last']].concat(
          rows.map((r) => [r.stage, r.reason, String(r.total), String(r.pending), r.first, r.last]),
        );
        const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
        for (const row of table)
          ctx.out(
            row
              .map((cell, c) => cell.padEnd(widths[c]))
              .join('  ')
              .trimEnd(),
          );
        const total = rows.reduce((s, r) => s + r.total, 0);
        const pending = rows.reduce((s, r) => s + r.pending, 0);
        ctx.out(`total ${total}, not replayed ${pending}`);
      } finally {
        await ds.destroy();
      }
    });

  dlq
    .command('replay')
    .description('Re-publish the raw lines of dead letters not yet replayed to siem.raw.v1 and mark them replayed')
    .option('--since <iso>', 'only those dead-lettered at or after this time', isoDate)
    .option('--stage <stage>', 'normaliser or indexer', stage)
    .option('--dry-run', 'count what would be replayed, publish nothing')
    .action(async (opts: { since?: string; stage?: string; dryRun?: boolean }) => {
      const config = ctx.config();
      if (!opts.dryRun && config.get('bus.driver') !== 'kafka') {
        ctx.err(
          "vigie: dlq replay needs bus.driver=kafka: the embedded app's bus lives inside its process and cannot be reached from the command line",
        );
        process.exitCode = 1;
        return;
      }
      const ds = await openDatabase(config);
      const bus = opts.dryRun ? undefined : createEventBus(config, new Metrics(false));
      try {
        const store = new DeadLetterStore(ds);
        const result = await ctx.asCli(async () => {
          const r = await replayDeadLetters(store, bus!, { since: opts.since, stage: opts.stage, dryRun: opts.dryRun });
          if (!opts.dryRun && r.replayed > 0) {
            await new AuditTrail(ds).record({
              action: 'dead_letters.replayed',
              entityType: 'dead_letter',
              details: { replayed: r.replayed, skipped: r.skipped, since: opts.since ?? null, stage: opts.stage ?? null },
            });
          }
          return r;
        });
        if (opts.dryRun) ctx.out(`would replay ${result.matched} dead letter(s)`);
        else {
          ctx.out(`replayed ${result.replayed} dead letter(s) to siem.raw.v1`);
          if (result.skipped) ctx.out(`skipped ${result.skipped} without a raw line`);
        }
      } finally {
        await bus?.close();
        await ds.destroy();
      }
    });

  return dlq;
}
