import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Command, CommanderError } from 'commander';
import { configDir } from '@vigie/config';
import { AlertMessage, RawEnvelope, UNATTRIBUTED_MEMBER } from '@vigie/contracts';
import { normalise } from '@vigie/ecs';
import { DetectionPipeline } from '@vigie/ingestion/detection/detection-pipeline';
import { loadRulePack, RuleDirectoryError } from '@vigie/ingestion/detection/rule-pack.loader';
import { WorkingHoursCalendar } from '@vigie/ingestion/detection/working-hours';
import { isIP } from 'node:net';
import { loadConfig } from '@vigie/config';
import { detectionSettingsFrom } from '@vigie/ingestion/detection/detection-settings';

export interface LogtestOptions {
  member?: string;
  hostIp?: string;
  tz?: string;
  /** Rule directories; no alerts when absent or empty. */
  rules?: string[];
  mapping?: string;
  placeholders?: string;
  workingHours?: string;
  /** Clock for receivedAt / event.ingested (tests). */
  now?: () => Date;
}

export interface LogtestIo {
  input: NodeJS.ReadableStream;
  write(line: string): void;
  err(text: string): void;
}

export interface LogtestResult {
  lines: number;
  errors: number;
  alerts: number;
}

/** Thrown for a bad option or rule directory (exit status 2). */
export class LogtestUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogtestUsageError';
  }
}

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function buildPipeline(options: LogtestOptions, io: LogtestIo): DetectionPipeline | undefined {
  if (!options.rules || options.rules.length === 0) return undefined;
  const dir = configDir();
  const mappingFile = options.mapping ?? join(dir, 'sigma/ecs-mapping.yml');
  let pack;
  try {
    pack = loadRulePack({
      dirs: options.rules,
      mappingFile: existsSync(mappingFile) ? mappingFile : undefined,
      placeholdersFile: options.placeholders ?? join(dir, 'detection/placeholders.yaml'),
    });
  } catch (e) {
    if (e instanceof RuleDirectoryError) throw new LogtestUsageError(e.message);
    throw e;
  }
  for (const p of pack.problems) {
    const what = p.status === 'unsupported' ? `unsupported: ${p.feature}` : `invalid: ${p.reason}`;
    io.err(`vigie logtest: rule ${p.id ?? p.title ?? '-'} (${p.origin.path}#${p.origin.document}) ${what}`);
  }
  const whFile = options.workingHours ?? join(dir, 'detection/working-hours.yaml');
  const calendar = existsSync(whFile) ? WorkingHoursCalendar.fromFile(whFile) : undefined;
  return new DetectionPipeline(pack.rules, {
    timeField: 'event',
    calendar,
    now: () => (options.now ?? (() => new Date()))().getTime(),
  });
}

/**
 * Reads syslog lines from `io.input` and writes, for each non-empty line, `{"event": <ECS document>}` (plus
 * `"alerts": [...]`, the single-event matches, when rule directories are given). At the end of the input the
 * engine is flushed and the correlation alerts, in their final state, are written as one `{"alerts": [...]}` line.
 * Correlations run on the events' own time (`@timestamp`), so a log file can be replayed. Never needs a database.
 */
export async function runLogtest(options: LogtestOptions, io: LogtestIo): Promise<LogtestResult> {
  const tz = options.tz ?? 'Europe/Paris';
  if (!validZone(tz)) throw new LogtestUsageError(`unknown time zone: ${tz}`);
  const hostIp = options.hostIp ?? '127.0.0.1';
  if (!isIP(hostIp)) throw new LogtestUsageError(`not an IP address: ${hostIp}`);
  const member = options.member ?? UNATTRIBUTED_MEMBER;
  const now = options.now ?? (() => new Date());
  const pipeline = buildPipeline(options, io);
  const correlations = new Map<string, AlertMessage>();
  const result: LogtestResult = { lines: 0, errors: 0, alerts: 0 };
  const rl = createInterface({ input: io.input, crlfDelay: Infinity });
  for await (const rawLine of rl) {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '') continue;
    result.lines++;
    const envelope: RawEnvelope = {
      receivedAt: now().toISOString(),
      transport: 'udp',
      peer: { ip: hostIp },
      member,
      raw: line,
    };
    let doc: Record<string, unknown>;
    try {
      doc = normalise(envelope, { timeZone: tz, now }) as unknown as Record<string, unknown>;
    } catch (e) {
      result.errors++;
      io.write(JSON.stringify({ error: (e as Error).message, raw: line }));
      continue;
    }
    if (!pipeline) {
      io.write(JSON.stringify({ event: doc }));
      continue;
    }
    const matches: AlertMessage[] = [];
    for (const a of pipeline.process(doc, Date.parse(envelope.receivedAt))) {
      if (a.kind === 'match') matches.push(a);
      else correlations.set(a.alertKey, a);
    }
    result.alerts += matches.length;
    io.write(JSON.stringify({ event: doc, alerts: matches }));
  }
  if (pipeline) {
    const watermark = pipeline.stats().watermarkMs ?? now().getTime();
    // Close every window: push the watermark past the longest timespan plus the allowed lateness.
    for (const a of pipeline.flush(watermark + 366 * 86_400_000)) correlations.set(a.alertKey, a);
    const list = [...correlations.values()];
    result.alerts += list.length;
    io.write(JSON.stringify({ alerts: list }));
  }
  return result;
}

export function logtestCommand(io: Omit<LogtestIo, 'input'> & { input?: NodeJS.ReadableStream }): Command {
  return new Command('logtest')
    .description(
      'Normalise syslog lines read on stdin and print one JSON object per line: {"event": <ECS document>}, with ' +
        '"alerts": [...] (single-event matches) when --rules is given. At the end of input, with --rules, prints ' +
        '{"alerts": [...]}: the correlation alerts after the windows are closed. Without --rules no rule runs ' +
        '(use --rules config/rules for the bundled pack). Exits 0 when stdin ends, even if lines could not be ' +
        'parsed. Works offline: no database, no bus.',
    )
    .option('--member <code>', 'member code the lines are attributed to', UNATTRIBUTED_MEMBER)
    .option('--host-ip <ip>', 'address of the sending host', '127.0.0.1')
    .option('--tz <zone>', 'IANA time zone for timestamps without offset', 'Europe/Paris')
    .option('--rules <dirs...>', 'Sigma rule directories to run')
    .option('--mapping <file>', 'Sigma → ECS field mapping (default: detection.mappingFile)')
    .option('--placeholders <file>', 'placeholder values (default: detection.placeholdersFile)')
    .option('--working-hours <file>', 'working hours (default: detection.workingHoursFile)')
    .action(async (opts: LogtestOptions) => {
      // Files not given on the command line come from the detection.* settings.
      const s = detectionSettingsFrom(loadConfig());
      opts = { ...opts, mapping: opts.mapping ?? s.mappingFile, placeholders: opts.placeholders ?? s.placeholdersFile, workingHours: opts.workingHours ?? s.workingHoursFile };
      try {
        await runLogtest(opts, { input: io.input ?? process.stdin, write: io.write, err: io.err });
      } catch (e) {
        if (e instanceof LogtestUsageError) {
          io.err(`vigie logtest: ${e.message}`);
          throw new CommanderError(2, 'vigie.logtest.usage', e.message);
        }
        throw e;
      }
    });
}
