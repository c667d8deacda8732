import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AuditTrail } from '@vigie/audit';
import { DomainError } from '@vigie/contracts';
import { buildBundle, Bundle, generateSigningKey, loadFrameworks, publicKeyOf } from '@vigie/evidence';
import { EventStore } from '@vigie/event-store';
import { DataSource } from 'typeorm';
import { EvidenceCollector, Progress } from './evidence-collector';
import { ControlStatements } from './control-statements';

export interface ExportRequest {
  from: string;
  to: string;
  /** One member code, or undefined for every member the caller may see. */
  member?: string;
  /** The caller's member scope (undefined = all members). */
  scope: string[] | undefined;
  createdBy: string;
}

const SECRET_NAME = 'evidence-ed25519';

/** Looks for a folder next to the working directory first, then up from this file (source or dist). */
export function findUp(rel: string): string {
  const candidates = [
    resolve(process.cwd(), rel),
    ...[3, 4, 5].map((n) => resolve(__dirname, ...Array(n).fill('..'), rel)),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`${rel} not found (looked in ${candidates.join(', ')})`);
  return found;
}

function generatorVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(findUp('package.json')), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function parsePeriod(from: string | undefined, to: string | undefined): { from: string; to: string } {
  const bad = (field: string, problem: string) =>
    new DomainError('invalid', 'invalid_period', `${field} ${problem}`, [{ field, problem }]);
  if (!from) throw bad('from', 'is required');
  if (!to) throw bad('to', 'is required');
  const f = Date.parse(from);
  const t = Date.parse(to);
  if (Number.isNaN(f)) throw bad('from', 'is not a date (use ISO 8601, e.g. 2025-01-01)');
  if (Number.isNaN(t)) throw bad('to', 'is not a date (use ISO 8601, e.g. 2026-01-01)');
  if (f >= t) throw bad('from', 'must be before to');
  return { from: new Date(f).toISOString(), to: new Date(t).toISOString() };
}

/**
 * Builds a signed evidence bundle from the database: checks the period and the
 * member, collects the items, signs with the Ed25519 key kept in
 * `vigie_secrets` (generated and stored on first use).
 */
export class EvidenceBundleService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditTrail,
    private readonly store: EventStore | undefined,
    private readonly frameworksDir: string = findUp('config/frameworks'),
    /** PEM file of the signing key (setting `evidence.signingKeyFile`); else the stored one. */
    private readonly signingKeyFile?: string,
  ) {}

  /** The members an export covers; a bad or out-of-scope code is a clear error. */
  async members(member: string | undefined, scope: string[] | undefined): Promise<{ members: string[]; all: boolean }> {
    const known: string[] = (await this.ds.query('SELECT code FROM vigie_members ORDER BY code')).map(
      (r: { code: string }) => r.code,
    );
    if (member !== undefined) {
      if (!known.includes(member) || (scope && !scope.includes(member)))
        throw new DomainError(
          'not_found',
          'unknown_member',
          `No member with code "${member}"${scope ? ' in your scope' : ''}; known codes: ${(scope ? known.filter((k) => scope.includes(k)) : known).join(', ') || 'none'}`,
          [{ field: 'member', problem: `unknown member ${member}` }],
        );
      return { members: [member], all: false };
    }
    if (scope) return { members: known.filter((k) => scope.includes(k)), all: false };
    return { members: known, all: true };
  }

  async signingKey(): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
    if (this.signingKeyFile) {
      let privateKeyPem: string;
      try {
        privateKeyPem = readFileSync(this.signingKeyFile, 'utf8');
        return { privateKeyPem, publicKeyPem: publicKeyOf(privateKeyPem) };
      } catch (e) {
        throw new DomainError('unavailable', 'signing_key_unreadable', `evidence.signingKeyFile (VIGIE_EVIDENCE_SIGNING_KEY_FILE): cannot use ${this.signingKeyFile}: ${(e as Error).message}`);
      }
    }
    let rows = await this.ds.query('SELECT value FROM vigie_secrets WHERE name = $1', [SECRET_NAME]);
    if (!rows.length) {
      await this.ds.query('INSERT INTO vigie_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
        SECRET_NAME,
        generateSigningKey().privateKeyPem,
      ]);
      rows = await this.ds.query('SELECT value FROM vigie_secrets WHERE name = $1', [SECRET_NAME]);
    }
    const privateKeyPem = String(rows[0].value);
    return { privateKeyPem, publicKeyPem: publicKeyOf(privateKeyPem) };
  }

  async export(req: ExportRequest, progress?: Progress): Promise<Bundle> {
    const period = parsePeriod(req.from, req.to);
    const { members, all } = await this.members(req.member, req.scope);
    const items = await new EvidenceCollector(this.ds, this.audit, this.store).collect(
      { ...period, members, allMembers: all },
      progress,
    );
    const key = await this.signingKey();
    const written = await new ControlStatements(this.ds, () => loadFrameworks(this.frameworksDir)).overlay(loadFrameworks(this.frameworksDir));
    items.push(written.item);
    return buildBundle({
      generatorVersion: generatorVersion(),
      period,
      members: all ? 'all' : members,
      createdAt: new Date().toISOString(),
      createdBy: req.createdBy,
      items,
      frameworks: written.frameworks,
      privateKeyPem: key.privateKeyPem,
    });
  }
}
