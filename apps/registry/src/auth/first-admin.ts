import { randomBytes } from 'node:crypto';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { checkPassword, passwordHasher } from '@vigie/auth';
import { logger } from '@vigie/observability';
import { DataSource } from 'typeorm';

/**
 * On the first start (no account yet) creates `admin`, with the password from
 * VIGIE_ADMIN_PASSWORD or a generated one printed once. No fixed default.
 */
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly log = logger('FirstAdmin');

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const [{ n }] = await this.dataSource.query('SELECT count(*)::int AS n FROM vigie_users');
    if (n > 0) return;
    const given = process.env.VIGIE_ADMIN_PASSWORD;
    if (given) {
      const problems = checkPassword(given, { username: 'admin' });
      if (problems.length) throw new Error(`VIGIE_ADMIN_PASSWORD: ${problems.map((p) => p.problem).join('; ')}`);
    }
    const password = given ?? randomBytes(18).toString('base64url');
    const hash = await passwordHasher.hash(password);
    await this.dataSource.transaction(async (m) => {
      const rows = await m.query(
        `INSERT INTO vigie_users (username, display_name, password_hash, roles) VALUES ('admin', 'Administrator', $1, '{admin}') ON CONFLICT (username) DO NOTHING RETURNING id`,
        [hash],
      );
      if (rows.length)
        await this.audit.record(
          {
            action: 'user.created',
            entityType: 'user',
            entityId: rows[0].id,
            after: { username: 'admin', roles: ['admin'] },
          },
          m,
        );
    });
    if (given) this.log.info('created the admin account with the password from VIGIE_ADMIN_PASSWORD');
    else
      process.stdout.write(
        `\n  First start: created account "admin" with password  ${password}\n  It is shown only now; change it after signing in.\n\n`,
      );
  }
}
