import { Command, InvalidArgumentError } from 'commander';
import { createEventBus } from '@vigie/core';
import { Metrics } from '@vigie/observability';
import type { DeadLetterQuery, StoredDeadLetter } from '@vigie/ingestion/dead-letters/dead-letter-query';
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

function limit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new InvalidArgumentError('must be a whole number from 1 to 10000');
  return n;
}

/** What `dlq list` prints of a dead letter: one line, the raw line cut at `width` characters. */
export function deadLetterLine(l: StoredDeadLetter, width = 160): string {
  const peer = l.origin?.peer?.ip ? `${l.origin.transport ?? '?'}://${l.origin.peer.ip}` : '-';
  const raw = (l.raw ?? '').replace(/[\r\n\t]+/g, ' ');
  const cut = raw.length > width ? `${raw.slice(0, width - 1)}…` : raw;
  return [l.id, l.at, l.stage, l.reason, l.member ?? '-', peer, l.replayedAt ? 'replayed' : 'pending', cut].join('  ');
}

/** Lists the matching dead letters, oldest first, page by page up to `max`; returns how many were printed. */
export async function listDeadLetters(
  store: Pick<DeadLetterStore, 'list'>,
  query: DeadLetterQuery,
  max: number,
  print: (line: string) => void,
  json = false,
): Promise<number> {
  let printed = 0;
  let afterId: string | undefined;
  while (printed < max) {
    const page = await store.list(query, { limit: Math.min(500, max - printed), afterId });
    if (page.length === 0) break;
    for (const l of page) print(json ? JSON.stringify(l) : deadLetterLine(l));
    printed += page.length;
    afterId = page[page.length - 1].id;
  }
  return printed;
}

/** `vigie dlq stats|list|replay`: the dead letters kept in `vigie_dead_letters`. */
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
    .command('list')
    .description('List dead letters, oldest first: id, time, stage, reason, member, sender, state and raw line')
    .option('--since <iso>', 'only those dead-lettered at or after this time', isoDate)
    .option('--until <iso>', 'only those dead-lettered before this time', isoDate)
    .option('--stage <stage>', 'normaliser or indexer', stage)
    .option('--reason <reason>', 'only this reason, e.g. decoder_error')
    .option('--member <code>', 'only this member')
    .option('--text <text>', 'only those whose raw line contains this text (any case)')
    .option('--pending', 'only those not yet replayed')
    .option('--limit <n>', 'at most this many (default 100)', limit)
    .option('--json', 'print one JSON object per line, with the whole dead letter')
    .action(
      async (opts: {
        since?: string;
        until?: string;
        stage?: string;
        reason?: string;
        member?: string;
        text?: string;
        pending?: boolean;
        limit?: number;
        json?: boolean;
      }) => {
        const ds = await openDatabase(ctx.config());
        try {
          const query: DeadLetterQuery = {
            since: opts.since,
            until: opts.until,
            stage: opts.stage,
            reason: opts.reason,
            member: opts.member,
            text: opts.text,
            ...(opts.pending ? { replayed: false } : {}),
          };
          const n = await listDeadLetters(
            new DeadLetterStore(ds),
            query,
            opts.limit ?? 100,
            (l) => ctx.out(l),
            opts.json,
          );
          if (!opts.json && n === 0) ctx.out('no dead letters');
        } finally {
          await ds.destroy();
        }
      },
    );

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
              details: {
                replayed: r.replayed,
                skipped: r.skipped,
                since: opts.since ?? null,
                stage: opts.stage ?? null,
              },
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
