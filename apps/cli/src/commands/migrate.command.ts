import { Command } from 'commander';
import { CliContext } from '../cli-context';
import { openDatabase } from './database';

export function migrateCommand(ctx: CliContext): Command {
  return new Command('migrate')
    .description('Run pending database migrations (start-up runs them too)')
    .option('--show', 'list migrations and whether each has run, without running any')
    .action(async (opts: { show?: boolean }) => {
      const ds = await openDatabase(ctx.config());
      try {
        if (opts.show) {
          const applied = new Set<string>(
            (await ds.query('SELECT name FROM vigie_migrations').catch(() => [])).map((r: { name: string }) => r.name),
          );
          for (const m of ds.migrations) ctx.out(`${applied.has(m.name!) ? '[x]' : '[ ]'} ${m.name}`);
          return;
        }
        const ran = await ds.runMigrations({ transaction: 'each' });
        ctx.out(ran.length ? ran.map((m) => `applied ${m.name}`).join('\n') : 'database is up to date');
      } finally {
        await ds.destroy();
      }
    });
}
