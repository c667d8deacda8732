/** Scenario harness (used by the scenario specs): real syslog lines → normalise() → detector pipeline. */
import { join } from 'node:path';
import type { AlertMessage, RawEnvelope } from '@vigie/contracts';
import { normalise } from '@vigie/ecs';
import { parseInputMessage, rekeyedCorrelations } from '../correlation-input';
import { DetectionPipeline } from '../detection-pipeline';
import { loadRulePack, RulePack } from '../rule-pack.loader';
import { WorkingHoursCalendar } from '../working-hours';

export const CONFIG_DIR = join(__dirname, '../../../../../config');
/** Frozen wall clock: event.ingested and the alerts' `at`. */
export const FROZEN_NOW = new Date('2026-11-30T08:00:00Z');

let pack: RulePack | undefined;
export function bundledPack(): RulePack {
  pack ??= loadRulePack({
    dirs: [join(CONFIG_DIR, 'rules')],
    mappingFile: join(CONFIG_DIR, 'sigma/ecs-mapping.yml'),
    placeholdersFile: join(CONFIG_DIR, 'detection/placeholders.yaml'),
  });
  return pack;
}

/** Rule ids of the bundled pack, by short name. */
export const RULES = {
  sshBruteForce: '38f9af8f-e95b-4df7-930b-418f801a05f5',
  sshBruteForceSuccess: '979fb4b1-fa8b-4f39-9abb-4a5373adca7a',
  passwordSpraying: 'e7b54b28-e42b-4b67-b0ad-9b3b9bfc4343',
  rootElevation: '57e40b1f-6edf-4a85-8172-1c2145c7b094',
  lnxAccountCreated: 'b161b2e7-6847-4163-9f81-8a927db5f9a2',
  winAccountCreated: '94dd1818-266c-4d93-b3c0-b6a6b7a12df3',
  winPrivilegedGroup: '4f4d08f6-be93-48ef-b712-e7fa5a65290a',
  lnxPrivilegedGroup: '2760e5c7-a844-4a85-a1c0-1bf875f21f03',
  logCleared: '557f8fb4-c2ea-453a-8fcc-864bb3df4de5',
  serviceInstalled: 'a4cc398a-1d43-409d-ab25-3a73d6ae399b',
  portScan: '49394b74-dd07-40a0-90a2-8e9ab764ea54',
  denyBurst: '52a56187-d2f6-465b-8d63-b5a76562bfb2',
  webScanning: 'f7a92877-625c-4024-91dd-0b29a6165790',
  lnxAdminOffHours: '6cb7f22d-2460-4bad-8502-ab43bd37e160',
  winAdminOffHours: 'bc3e06a8-2625-4401-9d97-c2307881a230',
} as const;

export interface Line {
  raw: string;
  /** ISO receive time (the detector correlates on it). */
  at: string;
  member?: string;
  peer?: string;
}

/**
 * The detector's two stages without the bus: the first evaluates the events and counts the correlations grouped by
 * member and host; the inputs of the other correlations go, through JSON as on `siem.correlation.v1`, to the
 * second, which counts them. `stages: 1` runs every correlation in the first (the pipeline as `vigie logtest` runs it).
 */
export class Scenario {
  readonly pipeline: DetectionPipeline;
  /** Second stage (re-keyed correlations); absent with `stages: 1`. */
  readonly correlator?: DetectionPipeline;
  readonly alerts: AlertMessage[] = [];
  /** Correlation input messages that went from the first stage to the second. */
  inputs = 0;

  constructor(options: { calendar?: WorkingHoursCalendar; stages?: 1 | 2 } = {}) {
    const p = bundledPack();
    if (p.problems.length > 0) throw new Error(`bundled pack has problems: ${JSON.stringify(p.problems)}`);
    const forward = options.stages === 1 ? new Set<string>() : rekeyedCorrelations(p.rules);
    const pipelineOptions = {
      calendar: options.calendar ?? WorkingHoursCalendar.fromFile(join(CONFIG_DIR, 'detection/working-hours.yaml')),
      now: () => FROZEN_NOW.getTime(),
      forward,
    };
    this.pipeline = new DetectionPipeline(p.rules, pipelineOptions);
    if (forward.size > 0) this.correlator = new DetectionPipeline(p.rules, pipelineOptions);
  }

  /** Hand the first stage's correlation inputs to the second; returns the alerts they raised. */
  private correlate(): AlertMessage[] {
    const out: AlertMessage[] = [];
    const correlator = this.correlator;
    if (!correlator) return out;
    for (const { message } of this.pipeline.takeInputs()) {
      const parsed = parseInputMessage(JSON.stringify(message));
      if (!parsed) throw new Error('correlation input does not parse');
      this.inputs++;
      out.push(...correlator.processInput(parsed, undefined, () => true));
    }
    return out;
  }

  /** Normalise and evaluate lines in order; returns the alerts they raised (also kept in `alerts`). */
  feed(lines: Line[]): AlertMessage[] {
    const out: AlertMessage[] = [];
    for (const l of lines) {
      const envelope: RawEnvelope = {
        receivedAt: l.at,
        transport: 'udp',
        peer: { ip: l.peer ?? '10.30.0.1' },
        member: l.member ?? 'ivry',
        raw: l.raw,
      };
      const doc = normalise(envelope, { now: () => FROZEN_NOW });
      out.push(...this.pipeline.process(doc as unknown as Record<string, unknown>, Date.parse(l.at)));
      out.push(...this.correlate());
    }
    this.alerts.push(...out);
    return out;
  }

  flush(iso: string): AlertMessage[] {
    const out = this.pipeline.flush(Date.parse(iso));
    out.push(...this.correlate());
    if (this.correlator) out.push(...this.correlator.flush(Date.parse(iso), () => true));
    this.alerts.push(...out);
    return out;
  }

  /** Alerts of one rule. */
  of(ruleId: string): AlertMessage[] {
    return this.alerts.filter((a) => a.rule.id === ruleId);
  }

  /** Last message of each alert of a rule (its final state). */
  final(ruleId: string): AlertMessage[] {
    const byKey = new Map<string, AlertMessage>();
    for (const a of this.of(ruleId)) byKey.set(a.alertKey, a);
    return [...byKey.values()];
  }
}

/** `n` receive times `stepMs` apart from `start` (ISO). */
export function times(start: string, n: number, stepMs: number): string[] {
  const t0 = Date.parse(start);
  return Array.from({ length: n }, (_, i) => new Date(t0 + i * stepMs).toISOString());
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 3164 timestamp (`Nov 29 13:33:41`, space-padded day) of an instant in Europe/Paris. */
export function bsdTime(iso: string): string {
  const parts: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  for (const p of f.formatToParts(new Date(iso))) parts[p.type] = p.value;
  return `${MONTHS[Number(parts.month) - 1]} ${parts.day.padStart(2, ' ')} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** NXLog im_msvistalog JSON record (xm_json) in a syslog line, as NXLog's om_udp/om_tcp sends it. */
export function nxlog(iso: string, host: string, fields: Record<string, unknown>): string {
  const channel = (fields.Channel as string | undefined) ?? 'Security';
  const source = (fields.SourceName as string | undefined) ?? 'Microsoft-Windows-Security-Auditing';
  const record = {
    EventTime: iso.replace('Z', '+00:00'),
    Hostname: host,
    Keywords: channel === 'Security' ? -9214364837600034816 : 36028797018963968,
    EventType: channel === 'Security' ? 'AUDIT_SUCCESS' : 'INFO',
    SeverityValue: 2,
    Severity: 'INFO',
    SourceName: source,
    ProviderGuid: '{54849625-5478-4994-A5BA-3E3B0328C30D}',
    Version: 0,
    Task: 12544,
    OpcodeValue: 0,
    RecordNumber: 184467,
    ProcessID: 580,
    ThreadID: 7712,
    Channel: channel,
    ...fields,
  };
  return `<14>${bsdTime(iso)} ${host} ${source}[580]: ${JSON.stringify(record)}`;
}
