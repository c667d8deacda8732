import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AuditTrail } from '@vigie/audit';
import { RequestContext } from '@vigie/auth';
import { dataSourceOptions } from '@vigie/database';
import { describeWithServices, postgresTestUrl } from '@vigie/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

const run = promisify(execFile);
const CLI = join(__dirname, '../../../dist/apps/cli/src/main.js');

describeWithServices(['postgres'], 'audit verify (CLI) on PostgreSQL', () => {
  const db = `vigie_audit_${randomUUID().slice(0, 8)}`;
  const adminUrl = postgresTestUrl().replace(/\/[^/]*$/, '/postgres');
  const url = postgresTestUrl().replace(/\/[^/]*$/, `/${db}`);
  let ds: DataSource;
  const env = { ...process.env, VIGIE_DATABASE_DRIVER: 'postgres', VIGIE_DATABASE_URL: url, VIGIE_LOG_LEVEL: 'error' };

  beforeAll(async () => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`CREATE DATABASE ${db}`);
    await c.end();
    ds = await new DataSource(await dataSourceOptions({ driver: 'postgres', url }, { migrationsRun: true })).initialize();
    const trail = new AuditTrail(ds);
    await RequestContext.run({ requestId: 'test', sourceIp: '127.0.0.1', principal: { kind: 'user', id: 'u1', name: 'dpo', roles: ['dpo'], members: 'all' } }, async () => {
      for (let i = 0; i < 5; i++) await trail.record({ action: 'member.updated', entityType: 'member', entityId: 'ivry', member: 'ivry', before: { n: i }, after: { n: i + 1 } });
    });
  });
  afterAll(async () => {
    await ds?.destroy();
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await c.end();
  });

  it('passes on an intact trail', async () => {
    const { stdout } = await run(process.execPath, [CLI, 'audit', 'verify'], { env });
    expect(stdout).toContain('audit trail intact: 5 records verified');
  });

  it('fails, naming the first broken link, after a row is edited in the database', async () => {
    await ds.query(`UPDATE vigie_audit SET actor = 'mallory' WHERE seq = 3`);
    const err = await run(process.execPath, [CLI, 'audit', 'verify'], { env }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stderr).toContain('BROKEN at record 3: hash_mismatch');
  });

  it('fails after a row is deleted', async () => {
    await ds.query(`UPDATE vigie_audit SET actor = 'dpo' WHERE seq = 3`);
    await ds.query(`DELETE FROM vigie_audit WHERE seq = 2`);
    const err = await run(process.execPath, [CLI, 'audit', 'verify', '--json'], { env }).then(
      () => undefined,
      (e: { code: number; stdout: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(JSON.parse(err!.stdout)).toMatchObject({ ok: false, firstBreak: { seq: 2, problem: 'missing_records' } });
  });
});
