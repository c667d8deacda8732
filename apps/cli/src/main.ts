import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { ConfigError, Profile } from '@vigie/config';
import { DomainError } from '@vigie/contracts';
import { setLogLevel } from '@vigie/observability';
import { CliContext } from './cli-context';
import { auditCommand } from './commands/audit.command';
import { seedCommand } from './commands/seed.command';
import { configCommand } from './commands/config.command';
import { dlqCommand } from './commands/dlq.command';
import { migrateCommand } from './commands/migrate.command';
import { rulesCommand } from './commands/rules.command';
import { logtestCommand } from './commands/logtest.command';
import { evidenceCommand } from './commands/evidence.command';

/** `npm run -s vigie -- <command>`. Exit codes: 0 ok, 1 failure, 2 usage, 78 configuration. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('vigie')
    .description('Vigie command line')
    .option('--profile <profile>', 'embedded or scale-out (default: VIGIE_PROFILE or embedded)')
    .exitOverride()
    .showHelpAfterError();
  program.addCommand(migrateCommand(ctx));
  program.addCommand(configCommand(ctx));
  program.addCommand(rulesCommand(ctx));
  program.addCommand(logtestCommand({ write: (line) => ctx.out(line), err: (text) => ctx.err(text) }));
  program.addCommand(dlqCommand(ctx));
  program.addCommand(auditCommand(ctx));
  program.addCommand(seedCommand(ctx));
  program.addCommand(evidenceCommand(ctx));
  return program;
}

async function main(): Promise<void> {
  setLogLevel('warn');
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const holder: { program?: Command } = {};
  const ctx = new CliContext(() => (holder.program?.opts().profile as Profile | undefined) ?? 'embedded');
  const program = (holder.program = buildProgram(ctx));
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
    if (e instanceof ConfigError) {
      ctx.err(`vigie: ${e.message}`);
      process.exit(78);
    }
    if (e instanceof DomainError) {
      ctx.err(`vigie: ${e.code}: ${e.message}`);
      process.exit(1);
    }
    ctx.err(`vigie: ${(e as Error).stack ?? e}`);
    process.exit(1);
  }
}

if (require.main === module) void main();
