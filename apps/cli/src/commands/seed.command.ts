import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { AuditTrail } from '@vigie/audit';
import { RequestContext, SYSTEM_PRINCIPAL } from '@vigie/auth';
import { DemoSeeder } from '@vigie/registry/seed/demo-seeder';
import { CliContext } from '../cli-context';
import { openDatabase } from './database';

export function seedCommand(ctx: CliContext): Command {
  const cmd = new Command('seed').description('Load data sets');
  cmd
    .command('demo')
    .description(
      'Load the consortium’s members and application catalogue (2022 activity report), with suggested data categories to confirm. Idempotent.',
    )
    .option('--file <path>', 'read the catalogue from this activity report (text) instead of the bundled copy')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { file?: string; json?: boolean }) => {
      const text = opts.file ? readFileSync(opts.file, 'utf8') : undefined;
      const ds = await openDatabase(ctx.config());
      try {
        await ds.runMigrations({ transaction: 'each' });
        const principal = { ...SYSTEM_PRINCIPAL, name: 'cli:seed demo' };
        const report = await RequestContext.run({ requestId: 'cli-seed-demo', principal }, () =>
          new DemoSeeder(ds, new AuditTrail(ds)).run(text),
        );
        if (opts.json) ctx.out(JSON.stringify(report));
        else {
          ctx.out(
            `members: ${report.membersCreated} created; applications: ${report.applicationsCreated} created ` +
              `(${report.applicationsInCatalogue} in the catalogue, from ${report.catalogueRows} rows)`,
          );
          for (const w of report.warnings) ctx.out(`warning: ${w}`);
        }
      } finally {
        await ds.destroy();
      }
    });
  return cmd;
}
