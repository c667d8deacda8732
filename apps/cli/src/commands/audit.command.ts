import { Command } from 'commander';
import { AuditTrail } from '@vigie/audit';
import { CliContext } from '../cli-context';
import { openDatabase } from './database';

export function auditCommand(ctx: CliContext): Command {
  const cmd = new Command('audit').description('The hash-chained audit trail');
  cmd
    .command('verify')
    .description('Recompute the whole chain; exits 1 and names the first broken link if a record was edited or deleted')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const ds = await openDatabase(ctx.config());
      try {
        const result = await new AuditTrail(ds).verify();
        if (opts.json) ctx.out(JSON.stringify(result));
        else if (result.ok) ctx.out(`audit trail intact: ${result.checked} records verified`);
        else ctx.err(`audit trail BROKEN at record ${result.firstBreak!.seq}: ${result.firstBreak!.problem}: ${result.firstBreak!.detail} (${result.checked} records verified before it)`);
        if (!result.ok) process.exitCode = 1;
      } finally {
        await ds.destroy();
      }
    });
  return cmd;
}
