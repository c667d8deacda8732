import { randomUUID } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { memberScope, Principal, RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { sha256Hex } from '@vigie/evidence';
import { EventStore } from '@vigie/event-store';
import { DataSource } from 'typeorm';
import { CreateEvidenceExportDto } from './dto/create-evidence-export.dto';
import { EvidenceBundleService, parsePeriod } from './evidence-bundle.service';
import { VigieConfig } from '@vigie/config';
import {
  EvidenceExportsRepository,
  type ExportProgress,
  type ExportRow,
  type ExportStatus,
} from './evidence-exports.repository';

export interface ExportJobView {
  id: string;
  status: ExportStatus;
  progress: ExportProgress;
  period: { from: string; to: string };
  member: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  size: number | null;
  sha256: string | null;
  error: { code: string; message: string } | null;
  download: string | null;
}

/** How many exports a list shows. */
const LIST_LIMIT = 100;
/** Progress is written at most this often while an export runs. */
const PROGRESS_EVERY_MS = 500;
/** A running export not heard of for this long was cut short (its process stopped). */
export const STALE_AFTER_MS = 15 * 60_000;

/**
 * Evidence exports run in the background: POST checks the request and answers
 * at once with a job; GET shows its progress; download serves the ZIP. Jobs,
 * their progress and their ZIPs are kept in `vigie_evidence_exports`, so any
 * registry process answers for them and they outlive a restart; an export
 * whose process stopped before it finished shows as failed
 * (`export_interrupted`). Each is visible to the principal who made it and to
 * admins, one by one or as a list. Every export is audit-logged when
 * requested, finished and downloaded.
 */
@Injectable()
export class EvidenceExportsService {
  private readonly bundles: EvidenceBundleService;
  private readonly repo: EvidenceExportsRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    config: VigieConfig,
    @Optional() store?: EventStore,
  ) {
    this.bundles = new EvidenceBundleService(
      dataSource,
      audit,
      store,
      undefined,
      config.maybe('evidence.signingKeyFile'),
    );
    this.repo = new EvidenceExportsRepository(dataSource);
  }

  async create(dto: CreateEvidenceExportDto): Promise<ExportJobView> {
    const principal = RequestContext.requirePrincipal();
    const ctx = RequestContext.get()!;
    const scope = memberScope(principal);
    // Checked before answering, so a bad member code or period is a 4xx, not a failed job.
    const period = parsePeriod(dto.from, dto.to);
    await this.bundles.members(dto.member, scope);
    const row = await this.repo.insert({
      id: randomUUID(),
      owner: this.ownerOf(principal),
      createdBy: principal.name,
      member: dto.member ?? null,
      period,
      progress: { done: 0, total: 1, step: 'queued', percent: 0 },
    });
    await this.audit.record({
      action: 'evidence.export_requested',
      entityType: 'evidence_export',
      entityId: row.id,
      member: dto.member ?? null,
      details: { ...period, member: dto.member ?? null, scope: scope ?? 'all' },
    });
    setImmediate(() => void RequestContext.run(ctx, () => this.run(row.id, dto, scope, principal)));
    return view(row, Date.now());
  }

  private async run(id: string, dto: CreateEvidenceExportDto, scope: string[] | undefined, principal: Principal) {
    // Progress writes go one after the other, at most every PROGRESS_EVERY_MS, and all before the end is written.
    let writes: Promise<void> = Promise.resolve();
    let lastWrite = 0;
    let progress: ExportProgress = { done: 0, total: 1, step: 'queued', percent: 0 };
    try {
      const bundle = await this.bundles.export(
        { from: dto.from, to: dto.to, member: dto.member, scope, createdBy: principal.name },
        (done, total, step) => {
          progress = { done, total, step, percent: Math.round((100 * done) / Math.max(total, 1)) };
          if (Date.now() - lastWrite < PROGRESS_EVERY_MS) return;
          lastWrite = Date.now();
          const p = progress;
          writes = writes.then(() => this.repo.progress(id, p)).catch(() => undefined);
        },
      );
      await writes;
      const sha256 = sha256Hex(bundle.zip);
      await this.repo.finish(id, { zip: bundle.zip, sha256, progress });
      await this.audit.record({
        action: 'evidence.export_completed',
        entityType: 'evidence_export',
        entityId: id,
        member: dto.member ?? null,
        details: { sha256, size: bundle.zip.length, files: bundle.manifest.files.length },
      });
    } catch (e) {
      await writes;
      const error =
        e instanceof DomainError
          ? { code: e.code, message: e.message }
          : { code: 'export_failed', message: (e as Error).message };
      await this.repo.fail(id, error).catch(() => undefined);
      await this.audit
        .record({
          action: 'evidence.export_failed',
          entityType: 'evidence_export',
          entityId: id,
          member: dto.member ?? null,
          details: { error },
        })
        .catch(() => undefined);
    }
  }

  /** The exports the caller may see (their own; every one for an admin), newest first. */
  async list(): Promise<ExportJobView[]> {
    const p = RequestContext.requirePrincipal();
    const rows = await this.repo.list(p.roles.includes('admin') ? undefined : this.ownerOf(p), LIST_LIMIT);
    const now = Date.now();
    return rows.map((r) => view(r, now));
  }

  async get(id: string): Promise<ExportJobView> {
    return view(await this.require(id), Date.now());
  }

  async download(id: string): Promise<{ body: Buffer; filename: string; sha256: string }> {
    const job = view(await this.require(id), Date.now());
    const zip = job.status === 'done' ? await this.repo.zip(id) : undefined;
    if (!zip)
      throw new DomainError(
        'conflict',
        'export_not_ready',
        job.status === 'failed'
          ? `The export failed: ${job.error?.message}`
          : `The export is still running (${job.progress.percent}%)`,
      );
    await this.audit.record({
      action: 'evidence.export_downloaded',
      entityType: 'evidence_export',
      entityId: id,
      member: job.member,
      details: { sha256: job.sha256 },
    });
    const p = job.period;
    return {
      body: zip,
      sha256: job.sha256!,
      filename: `vigie-evidence-${job.member ?? 'all'}-${p.from.slice(0, 10)}-${p.to.slice(0, 10)}.zip`,
    };
  }

  private ownerOf(p: Principal): string {
    return `${p.kind}:${p.id}`;
  }

  private async require(id: string): Promise<ExportRow> {
    const p = RequestContext.requirePrincipal();
    const row = await this.repo.get(id);
    if (!row || (row.owner !== this.ownerOf(p) && !p.roles.includes('admin')))
      throw new DomainError('not_found', 'not_found', 'No such evidence export');
    return row;
  }
}

/** A stored export as the API shows it; one still running but silent for too long was cut short. */
export function view(r: ExportRow, now: number): ExportJobView {
  const interrupted = r.status === 'running' && now - Date.parse(r.updatedAt) > STALE_AFTER_MS;
  return {
    id: r.id,
    status: interrupted ? 'failed' : r.status,
    progress: r.progress,
    period: r.period,
    member: r.member,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    finishedAt: interrupted ? r.updatedAt : r.finishedAt,
    size: r.size,
    sha256: r.sha256,
    error: interrupted
      ? {
          code: 'export_interrupted',
          message: 'The process running this export stopped before it finished; start the export again',
        }
      : r.error,
    download: r.status === 'done' ? `/api/v1/evidence/exports/${r.id}/download` : null,
  };
}
