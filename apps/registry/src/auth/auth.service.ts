import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { checkPassword, passwordHasher, Principal, RequestContext, TokenService } from '@vigie/auth';
import { VigieConfig } from '@vigie/config';
import { DomainError } from '@vigie/contracts';
import { DataSource } from 'typeorm';
import { LoginThrottle } from './login-throttle';

interface LoginRow {
  id: string;
  username: string;
  password_hash: string;
  disabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
}

/** A hash to verify against when the user does not exist, so timing does not tell. */
let dummyHash: Promise<string> | undefined;

@Injectable()
export class AuthService {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly audit: AuditTrail,
    private readonly config: VigieConfig,
  ) {
    this.throttle = new LoginThrottle(config.get('auth.maxFailuresPerIp'));
  }

  async login(username: string, password: string) {
    const ip = RequestContext.get()?.sourceIp ?? 'unknown';
    const wait = this.throttle.retryAfter(ip);
    if (wait > 0) {
      throw new DomainError(
        'too_many_requests',
        'too_many_attempts',
        `Too many failed logins from this address; retry in ${wait} s`,
        undefined,
        { retryAfterSeconds: wait },
      );
    }
    const rows: LoginRow[] = await this.dataSource.query(
      'SELECT id, username, password_hash, disabled, failed_logins, locked_until FROM vigie_users WHERE username = $1',
      [username],
    );
    const user = rows[0];
    if (user?.locked_until && new Date(user.locked_until).getTime() > Date.now()) {
      this.throttle.fail(ip);
      await this.audit.record({
        action: 'auth.login_refused',
        entityType: 'user',
        entityId: user.id,
        details: { username, reason: 'locked' },
      });
      const seconds = Math.ceil((new Date(user.locked_until).getTime() - Date.now()) / 1000);
      throw new DomainError(
        'too_many_requests',
        'account_locked',
        `Account is locked after repeated failures; retry in ${seconds} s`,
        undefined,
        { retryAfterSeconds: seconds },
      );
    }
    dummyHash ??= passwordHasher.hash('not-a-real-password-0000');
    const ok = await passwordHasher.verify(user?.password_hash ?? (await dummyHash), password);
    if (!user || !ok || user.disabled) {
      this.throttle.fail(ip);
      if (user) {
        const failures = user.failed_logins + 1;
        const lock = failures >= this.config.get('auth.maxFailedLogins');
        await this.dataSource.transaction(async (m) => {
          await m.query(
            `UPDATE vigie_users SET failed_logins = $2, locked_until = CASE WHEN $3 THEN now() + make_interval(secs => $4) ELSE locked_until END WHERE id = $1`,
            [user.id, lock ? 0 : failures, lock, this.config.get('auth.lockoutSeconds')],
          );
          await this.audit.record(
            {
              action: lock ? 'auth.account_locked' : 'auth.login_failed',
              entityType: 'user',
              entityId: user.id,
              details: { username, failures },
            },
            m,
          );
        });
      } else {
        await this.audit.record({
          action: 'auth.login_failed',
          entityType: 'user',
          details: { username, reason: 'unknown user' },
        });
      }
      throw new DomainError('unauthenticated', 'invalid_credentials', 'Invalid username or password');
    }
    this.throttle.succeed(ip);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        'UPDATE vigie_users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1',
        [user.id],
      );
      await this.audit.record(
        { action: 'auth.login', entityType: 'user', entityId: user.id, details: { username } },
        m,
      );
    });
    const t = await this.tokens.issue(user.id, ip);
    return { tokenType: 'Bearer', ...t };
  }

  async refresh(refreshToken: string) {
    const t = await this.tokens.refresh(refreshToken, RequestContext.get()?.sourceIp);
    return { tokenType: 'Bearer', ...t };
  }

  async logout(principal: Principal): Promise<void> {
    await this.tokens.logout(principal);
    await this.audit.record({ action: 'auth.logout', entityType: 'user', entityId: principal.id });
  }

  async changePassword(principal: Principal, current: string, next: string): Promise<void> {
    const rows: Array<{ password_hash: string; username: string }> = await this.dataSource.query(
      'SELECT password_hash, username FROM vigie_users WHERE id = $1',
      [principal.id],
    );
    if (!rows.length || !(await passwordHasher.verify(rows[0].password_hash, current))) {
      throw new DomainError('unprocessable', 'invalid_current_password', 'Current password is wrong', [
        { field: 'currentPassword', problem: 'is wrong' },
      ]);
    }
    const problems = checkPassword(next, { username: rows[0].username });
    if (problems.length)
      throw new DomainError(
        'unprocessable',
        'weak_password',
        'New password does not meet the policy',
        problems.map((p) => ({ ...p, field: 'newPassword' })),
      );
    const hash = await passwordHasher.hash(next);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        'UPDATE vigie_users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1',
        [principal.id, hash],
      );
      await this.audit.record({ action: 'user.password_changed', entityType: 'user', entityId: principal.id }, m);
    });
    await this.tokens.revokeUser(principal.id);
  }
}
