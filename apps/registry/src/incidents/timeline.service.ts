import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { DataSource } from 'typeorm';
import { EvidenceUploadDto, TimelineEntryDto } from './dto/timeline.dto';
import { Evidence, EvidenceRepository } from './evidence.repository';
import { IncidentsRepository } from './incidents.repository';
import { IncidentsService } from './incidents.service';
import { Queryable } from './sql-values';
import { TimelineEntry, TimelineRepository } from './timeline.repository';

/** Largest evidence file accepted, in bytes (multipart; a JSON body is bounded by `http.bodyLimit` first). */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** The append-only timeline and the evidence of an incident (chain of custody). */
@Injectable()
export class TimelineService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly incidentsRepo: IncidentsRepository,
    private readonly timeline: TimelineRepository,
    private readonly evidence: EvidenceRepository,
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  private async firstMember(incidentId: string, m: Queryable): Promise<string | null> {
    return (await this.incidentsRepo.members(m, [incidentId])).get(incidentId)?.[0]?.member ?? null;
  }

  async list(idOrRef: string): Promise<TimelineEntry[]> {
    const inc = await this.incidents.require(idOrRef);
    return this.timeline.list(inc.id);
  }

  async append(idOrRef: string, dto: TimelineEntryDto): Promise<TimelineEntry> {
    const author = RequestContext.requirePrincipal().name;
    return this.dataSource.transaction(async (m) => {
      const inc = await this.incidents.require(idOrRef, m, true);
      if (dto.corrects && !(await this.timeline.exists(m, inc.id, dto.corrects)))
        throw new DomainError(
          'unprocessable',
          'unknown_entry',
          `No timeline entry ${dto.corrects} on ${inc.reference}`,
          [{ field: 'corrects', problem: 'is not an entry of this incident' }],
        );
      const entry = await this.timeline.append(m, inc.id, {
        kind: dto.kind,
        status: inc.status,
        body: dto.body,
        author,
        occurredAt: dto.occurredAt ?? null,
        corrects: dto.corrects ?? null,
      });
      await this.audit.record(
        {
          action: 'incident.timeline_appended',
          entityType: 'incident',
          entityId: inc.reference,
          member: await this.firstMember(inc.id, m),
          after: entry,
        },
        m,
      );
      return entry;
    });
  }

  async listEvidence(idOrRef: string): Promise<Evidence[]> {
    const inc = await this.incidents.require(idOrRef);
    return this.evidence.list(inc.id);
  }

  async getEvidence(idOrRef: string, evidenceId: string): Promise<Evidence> {
    const inc = await this.incidents.require(idOrRef);
    const e = await this.evidence.get(inc.id, evidenceId);
    if (!e) throw new DomainError('not_found', 'evidence_not_found', `No evidence ${evidenceId}`);
    return e;
  }

  /** The bytes of an evidence file, checked against their recorded SHA-256; each download is audited. */
  async download(idOrRef: string, evidenceId: string): Promise<{ evidence: Evidence; content: Buffer }> {
    const evidence = await this.getEvidence(idOrRef, evidenceId);
    const content = (await this.evidence.content(evidence.incidentId, evidenceId))!;
    const actual = createHash('sha256').update(content).digest('hex');
    if (actual !== evidence.sha256)
      throw new DomainError(
        'unavailable',
        'evidence_corrupted',
        `Evidence ${evidenceId} no longer matches its SHA-256`,
      );
    await this.audit.record({
      action: 'incident.evidence_downloaded',
      entityType: 'incident_evidence',
      entityId: evidenceId,
      member: await this.firstMember(evidence.incidentId, this.dataSource),
      details: { sha256: evidence.sha256 },
    });
    return { evidence, content };
  }

  async upload(idOrRef: string, dto: EvidenceUploadDto, file: UploadedFile | undefined): Promise<Evidence> {
    let content: Buffer;
    let filename: string;
    let contentType: string;
    if (file) {
      content = file.buffer;
      filename = dto.filename ?? file.originalname;
      contentType = dto.contentType ?? file.mimetype ?? 'application/octet-stream';
    } else {
      if (dto.contentBase64 === undefined || !dto.filename)
        throw new DomainError(
          'invalid',
          'evidence_missing',
          'Send a multipart `file` part, or JSON with filename and contentBase64',
          [
            ...(dto.filename ? [] : [{ field: 'filename', problem: 'is required with contentBase64' }]),
            ...(dto.contentBase64 === undefined
              ? [{ field: 'contentBase64', problem: 'is required (or upload a multipart file)' }]
              : []),
          ],
        );
      content = Buffer.from(dto.contentBase64, 'base64');
      filename = dto.filename;
      contentType = dto.contentType ?? 'application/octet-stream';
    }
    if (content.length > EVIDENCE_MAX_BYTES)
      throw new DomainError('too_large', 'evidence_too_large', `Evidence over ${EVIDENCE_MAX_BYTES} bytes`, [
        { field: file ? 'file' : 'contentBase64', problem: `exceeds ${EVIDENCE_MAX_BYTES} bytes` },
      ]);
    if (content.length === 0)
      throw new DomainError('invalid', 'evidence_empty', 'Empty evidence file', [
        { field: file ? 'file' : 'contentBase64', problem: 'is empty' },
      ]);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const uploadedBy = RequestContext.requirePrincipal().name;
    return this.dataSource.transaction(async (m) => {
      const inc = await this.incidents.require(idOrRef, m, true);
      const e = await this.evidence.insert(m, {
        incidentId: inc.id,
        filename,
        contentType,
        sha256,
        content,
        description: dto.description ?? null,
        uploadedBy,
      });
      await this.timeline.append(m, inc.id, {
        kind: 'evidence',
        status: inc.status,
        body: `Evidence ${filename} (${content.length} bytes, SHA-256 ${sha256})${dto.description ? `: ${dto.description}` : ''}`,
        author: uploadedBy,
        evidenceId: e.id,
      });
      await this.audit.record(
        {
          action: 'incident.evidence_added',
          entityType: 'incident_evidence',
          entityId: e.id,
          member: await this.firstMember(inc.id, m),
          after: e,
        },
        m,
      );
      return e;
    });
  }
}
