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

export interface ExportJobView {
  id: string;
  status: 'running' | 'done' | 'failed';
  progress: { done: number; total: number; step: string; percent: number };
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

interface Job {
  view: ExportJobView;
  owner: string;
  zip?: Buffer;
}

const KEEP_JOBS = 50;

/**
 * Evidence exports run in the background: POST checks the request and answers
 * at once with a job; GET shows its progress; download serves the ZIP. Jobs are
 * kept in memory (the last 50) and are visible to the principal who made them
 * and to admins, one by one or as a list. Every export is audit-logged when
 * requested, finished and downloaded.
 */
@Injectable()
export class EvidenceExportsService {
  private readonly jobs = new Map<string, Job>();
  private readonly bundles: EvidenceBundleService;

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
  }

  async create(dto: CreateEvidenceExportDto): Promise<ExportJobView> {
    const principal = RequestContext.requirePrincipal();
    const ctx = RequestContext.get()!;
    const scope = memberScope(principal);
    // Checked before answering, so a bad member code or period is a 4xx, not a failed job.
    const period = parsePeriod(dto.from, dto.to);
    await this.bundles.members(dto.member, scope);
    const id = randomUUID();
    const view: ExportJobView = {
      id,
      status: 'running',
      progress: { done: 0, total: 1, step: 'queued', percent: 0 },
      period,
      member: dto.member ?? null,
      createdBy: principal.name,
      createdAt: new Date().toISOString(),
      finishedAt: null,
      size: null,
      sha256: null,
      error: null,
      download: null,
    };
    const job: Job = { view, owner: this.ownerOf(principal) };
    this.jobs.set(id, job);
    this.prune();
    await this.audit.record({
      action: 'evidence.export_requested',
      entityType: 'evidence_export',
      entityId: id,
      member: dto.member ?? null,
      details: { ...period, member: dto.member ?? null, scope: scope ?? 'all' },
    });
    setImmediate(() => void RequestContext.run(ctx, () => this.run(job, dto, scope, principal)));
    return { ...view };
  }

  private async run(
    job: Job,
    dto: CreateEvidenceExportDto,
    scope: string[] | undefined,
    principal: Principal,
  ): Promise<void> {
    const v = job.view;
    try {
      const bundle = await this.bundles.export(
        { from: dto.from, to: dto.to, member: dto.member, scope, createdBy: principal.name },
        (done, total, step) => {
          v.progress = { done, total, step, percent: Math.round((100 * done) / Math.max(total, 1)) };
        },
      );
      job.zip = bundle.zip;
      v.size = bundle.zip.length;
      v.sha256 = sha256Hex(bundle.zip);
      v.download = `/api/v1/evidence/exports/${v.id}/download`;
      await this.audit.record({
        action: 'evidence.export_completed',
        entityType: 'evidence_export',
        entityId: v.id,
        member: dto.member ?? null,
        details: { sha256: v.sha256, size: v.size, files: bundle.manifest.files.length },
      });
      v.status = 'done';
    } catch (e) {
      v.status = 'failed';
      v.error =
        e instanceof DomainError
          ? { code: e.code, message: e.message }
          : { code: 'export_failed', message: (e as Error).message };
      await this.audit
        .record({
          action: 'evidence.export_failed',
          entityType: 'evidence_export',
          entityId: v.id,
          member: dto.member ?? null,
          details: { error: v.error },
        })
        .catch(() => undefined);
    } finally {
      v.finishedAt = new Date().toISOString();
    }
  }

  /** The exports the caller may see (their own; every one for an admin), newest first. */
  list(): ExportJobView[] {
    const p = RequestContext.requirePrincipal();
    const owner = this.ownerOf(p);
    const admin = p.roles.includes('admin');
    return [...this.jobs.values()]
      .filter((j) => admin || j.owner === owner)
      .map((j) => ({ ...j.view }))
      .sort((a, b) =>
        a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt),
      );
  }

  get(id: string): ExportJobView {
    return { ...this.require(id).view };
  }

  async download(id: string): Promise<{ body: Buffer; filename: string; sha256: string }> {
    const job = this.require(id);
    if (job.view.status !== 'done' || !job.zip)
      throw new DomainError(
        'conflict',
        'export_not_ready',
        job.view.status === 'failed'
          ? `The export failed: ${job.view.error?.message}`
          : `The export is still running (${job.view.progress.percent}%)`,
      );
    await this.audit.record({
      action: 'evidence.export_downloaded',
      entityType: 'evidence_export',
      entityId: id,
      member: job.view.member,
      details: { sha256: job.view.sha256 },
    });
    const p = job.view.period;
    return {
      body: job.zip,
      sha256: job.view.sha256!,
      filename: `vigie-evidence-${job.view.member ?? 'all'}-${p.from.slice(0, 10)}-${p.to.slice(0, 10)}.zip`,
    };
  }

  private ownerOf(p: Principal): string {
    return `${p.kind}:${p.id}`;
  }

  private require(id: string): Job {
    const p = RequestContext.requirePrincipal();
    const job = this.jobs.get(id);
    if (!job || (job.owner !== this.ownerOf(p) && !p.roles.includes('admin')))
      throw new DomainError('not_found', 'not_found', 'No such evidence export');
    return job;
  }

  private prune(): void {
    while (this.jobs.size > KEEP_JOBS) {
      const oldest = [...this.jobs.values()].find((j) => j.view.status !== 'running');
      if (!oldest) break;
      this.jobs.delete(oldest.view.id);
    }
  }
}
