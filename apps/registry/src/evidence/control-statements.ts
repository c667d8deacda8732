import { createHash } from 'node:crypto';
import { AuditTrail } from '@vigie/audit';
import { RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { EvidenceItem, Framework } from '@vigie/evidence';
import { DataSource } from 'typeorm';
import { csv } from './evidence-format';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export interface ControlStatementView {
  framework: string;
  control: string;
  statement: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  attachments: Array<{ id: string; filename: string; sha256: string; size: number; uploadedBy: string; uploadedAt: string }>;
}

/**
 * What people write for a control (a statement, attachments), kept in Vigie
 * and laid over the framework files when a bundle is built.
 */
export class ControlStatements {
  constructor(
    private readonly ds: DataSource,
    private readonly frameworks: () => Framework[],
  ) {}

  private requireControl(framework: string, control: string): void {
    const fw = this.frameworks().find((f) => f.id === framework);
    if (!fw) throw new DomainError('not_found', 'framework_not_found', `No framework ${framework}`, [{ field: 'framework', problem: 'unknown framework' }]);
    if (!fw.sections.some((s) => s.controls.some((c) => c.id === control)))
      throw new DomainError('not_found', 'control_not_found', `No control ${control} in ${framework}`, [{ field: 'control', problem: 'unknown control' }]);
  }

  async list(): Promise<ControlStatementView[]> {
    const statements: Array<Record<string, unknown>> = await this.ds.query(
      'SELECT framework, control, statement, updated_by, updated_at FROM vigie_control_statements ORDER BY framework, control',
    );
    const attachments: Array<Record<string, unknown>> = await this.ds.query(
      'SELECT id, framework, control, filename, sha256, size, uploaded_by, uploaded_at FROM vigie_control_attachments ORDER BY framework, control, filename',
    );
    const views = new Map<string, ControlStatementView>();
    const view = (framework: string, control: string) => {
      const key = `${framework}|${control}`;
      if (!views.has(key)) views.set(key, { framework, control, statement: null, updatedBy: null, updatedAt: null, attachments: [] });
      return views.get(key)!;
    };
    for (const s of statements) {
      Object.assign(view(String(s.framework), String(s.control)), {
        statement: String(s.statement),
        updatedBy: String(s.updated_by),
        updatedAt: new Date(s.updated_at as string).toISOString(),
      });
    }
    for (const a of attachments) {
      view(String(a.framework), String(a.control)).attachments.push({
        id: String(a.id),
        filename: String(a.filename),
        sha256: String(a.sha256),
        size: Number(a.size),
        uploadedBy: String(a.uploaded_by),
        uploadedAt: new Date(a.uploaded_at as string).toISOString(),
      });
    }
    return [...views.values()];
  }

  async setStatement(audit: AuditTrail, framework: string, control: string, statement: string): Promise<ControlStatementView> {
    this.requireControl(framework, control);
    const actor = RequestContext.requirePrincipal().name;
    await this.ds.transaction(async (m) => {
      const before = await m.query('SELECT statement FROM vigie_control_statements WHERE framework = $1 AND control = $2', [framework, control]);
      await m.query(
        `INSERT INTO vigie_control_statements (framework, control, statement, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (framework, control) DO UPDATE SET statement = EXCLUDED.statement, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [framework, control, statement, actor],
      );
      await audit.record(
        { action: 'control.statement_set', entityType: 'control', entityId: `${framework}/${control}`, before: { statement: before[0]?.statement ?? null }, after: { statement } },
        m,
      );
    });
    return (await this.list()).find((v) => v.framework === framework && v.control === control)!;
  }

  async addAttachment(audit: AuditTrail, framework: string, control: string, filename: string, content: Buffer): Promise<ControlStatementView> {
    this.requireControl(framework, control);
    if (content.length > MAX_ATTACHMENT_BYTES) {
      throw new DomainError('too_large', 'attachment_too_large', `Attachments are limited to ${MAX_ATTACHMENT_BYTES} bytes`, [{ field: 'contentBase64', problem: 'too large' }]);
    }
    const actor = RequestContext.requirePrincipal().name;
    const sha256 = createHash('sha256').update(content).digest('hex');
    await this.ds.transaction(async (m) => {
      if ((await m.query('SELECT 1 FROM vigie_control_attachments WHERE framework = $1 AND control = $2 AND filename = $3', [framework, control, filename])).length) {
        throw new DomainError('conflict', 'attachment_exists', `${filename} is already attached to ${framework}/${control}`, [{ field: 'filename', problem: 'already attached' }]);
      }
      await m.query(
        'INSERT INTO vigie_control_attachments (framework, control, filename, sha256, size, content, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [framework, control, filename, sha256, content.length, content, actor],
      );
      await audit.record({ action: 'control.attachment_added', entityType: 'control', entityId: `${framework}/${control}`, details: { filename, sha256, size: content.length } }, m);
    });
    return (await this.list()).find((v) => v.framework === framework && v.control === control)!;
  }

  /** The frameworks with statements and attachment paths filled in, and the item carrying the files. */
  async overlay(frameworks: Framework[]): Promise<{ frameworks: Framework[]; item: EvidenceItem }> {
    const views = await this.list();
    const rows: Array<Array<string | number>> = [];
    const files: EvidenceItem['files'] = [];
    const out = frameworks.map((fw) => ({
      ...fw,
      sections: fw.sections.map((s) => ({
        ...s,
        controls: s.controls.map((c) => {
          const v = views.find((x) => x.framework === fw.id && x.control === c.id);
          if (!v) return c;
          rows.push([fw.id, c.id, v.statement ?? '', v.updatedBy ?? '', v.updatedAt ?? '', v.attachments.map((a) => a.filename).join(' ')]);
          return { ...c, statement: v.statement ?? c.statement, attachments: [...c.attachments, ...v.attachments.map((a) => `statements/${fw.id}/${c.id}/${a.filename}`)] };
        }),
      })),
    }));
    const contents: Array<Record<string, unknown>> = await this.ds.query(
      'SELECT framework, control, filename, content FROM vigie_control_attachments ORDER BY framework, control, filename',
    );
    for (const a of contents) files.push({ path: `statements/${a.framework}/${a.control}/${a.filename}`, body: Buffer.from(a.content as Uint8Array) });
    files.unshift({ path: 'statements/statements.csv', body: csv(['framework', 'control', 'statement', 'updated_by', 'updated_at', 'attachments'], rows) });
    return { frameworks: out, item: { id: 'statements', title: 'Statements and attachments written for the controls', empty: rows.length === 0, files } };
  }
}
