import { Command } from 'commander';
import { envName, SETTINGS } from '@vigie/config';
import { CliContext } from '../cli-context';

export function configCommand(ctx: CliContext): Command {
  const cmd = new Command('config').description('Check or describe the configuration');
  cmd
    .command('check')
    .description('Validate the configuration and print the effective values (secrets masked)')
    .action(() => ctx.out(JSON.stringify(ctx.config().describe(), null, 2)));
  cmd
    .command('table')
    .description('Print the settings table (Markdown), as in the README')
    .action(() => {
      const rows = Object.entries(SETTINGS).map(([key, spec]) => {
        const values = 'values' in spec ? ` (${spec.values.join(' \\| ')})` : '';
        return `| \`${key}\` | \`${envName(key)}\` | ${spec.type}${values} | ${spec.description} |`;
      });
      ctx.out(['| Setting | Environment variable | Type | Meaning |', '|---|---|---|---|', ...rows].join('\n'));
    });
  return cmd;
}
