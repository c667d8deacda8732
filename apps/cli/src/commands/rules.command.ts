import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { configDir } from '@vigie/config';
import { loadRulePack, RuleDirectoryError } from '@vigie/ingestion/detection/rule-pack.loader';
import type { LoadedDocument } from '@vigie/sigma';
import { loadConfig } from '@vigie/config';
import { detectionSettingsFrom } from '@vigie/ingestion/detection/detection-settings';

export interface RulesIo {
  out(text: string): void;
  err(text: string): void;
}

export interface ValidateOptions {
  mapping?: string;
  placeholders?: string;
  filterMode?: 'exclude' | 'and';
}

export interface ValidateSummary {
  total: number;
  ok: number;
  unsupported: number;
  invalid: number;
}

function statusText(d: LoadedDocument): string {
  const r = d.result;
  if (r.status === 'ok') return 'ok';
  if (r.status === 'unsupported') return `unsupported: ${r.feature}`;
  return `invalid: ${r.reason}`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * `vigie rules validate DIR...`: one line per YAML document (`<id>  <title>  <status>`), then a JSON summary.
 * Returns the exit code: 0 when every directory was read (even with invalid rules), 2 when one does not exist.
 */
export function validateRules(dirs: string[], io: RulesIo, options: ValidateOptions = {}): number {
  const mappingFile = options.mapping ?? join(configDir(), 'sigma/ecs-mapping.yml');
  const placeholdersFile = options.placeholders ?? join(configDir(), 'detection/placeholders.yaml');
  let pack;
  try {
    pack = loadRulePack({
      dirs,
      mappingFile: existsSync(mappingFile) ? mappingFile : undefined,
      placeholdersFile,
      filterMode: options.filterMode,
    });
  } catch (e) {
    if (e instanceof RuleDirectoryError) {
      io.err(`vigie: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const summary: ValidateSummary = { total: 0, ok: 0, unsupported: 0, invalid: 0 };
  for (const d of pack.documents) {
    summary.total++;
    summary[d.result.status]++;
    const id = d.id ?? d.name ?? '-';
    const title = d.title ?? `${d.origin.path}#${d.origin.document}`;
    io.out(`${id}  ${oneLine(title)}  ${oneLine(statusText(d))}`);
  }
  io.out(JSON.stringify(summary));
  return 0;
}

export function rulesCommand(io: RulesIo): Command {
  const cmd = new Command('rules').description('Sigma rule packs');
  cmd
    .command('validate')
    .description(
      'Compile every Sigma rule (*.yml, *.yaml, recursive) of the directories and print one line per rule: ' +
        '"<id>  <title>  ok | unsupported: <feature> | invalid: <reason>", then a JSON summary ' +
        '{"total","ok","unsupported","invalid"}. Exit status 0 even when rules are invalid or unsupported ' +
        '(read the summary); 2 when a directory does not exist.',
    )
    .argument('<dirs...>', 'rule directories')
    .option('--mapping <file>', 'Sigma → ECS field mapping (default: detection.mappingFile)')
    .option('--placeholders <file>', 'placeholder values (default: detection.placeholdersFile)')
    .option('--filter-mode <mode>', 'how filter documents apply: exclude or and (pySigma); default: detection.filterMode')
    .action((dirs: string[], opts: { mapping?: string; placeholders?: string; filterMode?: string }) => {
      if (opts.filterMode !== undefined && opts.filterMode !== 'exclude' && opts.filterMode !== 'and') {
        io.err(`vigie: --filter-mode must be exclude or and`);
        throw new CommanderError(2, 'vigie.rules.usage', 'bad --filter-mode');
      }
      // Files and filter mode not given on the command line come from the detection.* settings.
      const s = detectionSettingsFrom(loadConfig());
      const code = validateRules(dirs, io, {
        mapping: opts.mapping ?? s.mappingFile,
        placeholders: opts.placeholders ?? s.placeholdersFile,
        filterMode: (opts.filterMode as ValidateOptions['filterMode']) ?? s.filterMode,
      });
      if (code !== 0) throw new CommanderError(code, 'vigie.rules.directory', 'rule directory not found');
    });
  return cmd;
}
