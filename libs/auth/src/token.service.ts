import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '@vigie/contracts';
import { VigieConfig } from '@vigie/config';
import { DataSource } from 'typeorm';
import { Principal, scopeFor } from './principal';
import { Role } from './roles';
import { returnedRows } from '@vigie/database';

interface AccessClaims {
  sub: string;
  jti: string;
  iat: number;
  exp: number;
}

interface UserRow {
  id: string;
  username: string;
  roles: Role[];
  member_scopes: string[];
  disabled: boolean;
  password_changed_at: Date;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const USER_CACHE_MS = 5000;

/**
 * Short-lived signed access tokens (HS256 JWT) and rotating opaque refresh
 * tokens kept hashed in `vigie_sessions`. Each request re-reads the user (cached
 * a few seconds), so disabling a user or changing roles applies at once.
 */
@Injectable()
export class TokenService implements OnModuleInit {
  private jwt!: JwtService;
  private readonly revoked = new Map<string, number>();
  private revokedLoadedAt = 0;
  private readonly users = new Map<string, { row: UserRow | undefined; at: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: VigieConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    let secret = this.config.maybe('auth.jwtSecret');
    if (secret && secret.length < 32) {
      throw new Error('auth.jwtSecret (VIGIE_AUTH_JWT_SECRET): must be at least 32 characters');
    }
    if (!secret) {
      await this.dataSource.query(
        `INSERT INTO vigie_secrets (name, value) VALUES ('jwt', $1) ON CONFLICT (name) DO NOTHING`,
        [randomBytes(48).toString('base64url')],
      );
      secret = (await this.dataSource.query(`SELECT value FROM vigie_secrets WHERE name = 'jwt'`))[0].value as string;
    }
    this.jwt = new JwtService({
      secret,
      signOptions: { algorithm: 'HS256', issuer: 'vigie' },
      verifyOptions: { algorithms: ['HS256'], issuer: 'vigie' },
    });
  }

  get accessTtl(): number {
    return this.config.get('auth.accessTokenTtlSeconds');
  }

  /** A new session: access token and refresh token. */
  async issue(
    userId: string,
    sourceIp?: string,
  ): Promise<{ accessToken: string; expiresIn: number; refreshToken: string; refreshExpiresIn: number }> {
    const refreshToken = `vr_${randomBytes(32).toString('base64url')}`;
    const refreshTtl = this.config.get('auth.refreshTokenTtlSeconds');
    await this.dataSource.query(
      `INSERT INTO vigie_sessions (user_id, refresh_hash, expires_at, source_ip) VALUES ($1, $2, now() + make_interval(secs => $3), $4)`,
      [userId, sha256(refreshToken), refreshTtl, sourceIp ?? null],
    );
    return { accessToken: this.sign(userId), expiresIn: this.accessTtl, refreshToken, refreshExpiresIn: refreshTtl };
  }

  private sign(userId: string): string {
    return this.jwt.sign({ sub: userId, jti: randomUUID() }, { expiresIn: this.accessTtl });
  }

  /** Exchange a refresh token for a new pair; the old refresh token stops working. */
  async refresh(refreshToken: string, sourceIp?: string) {
    const rows = returnedRows<{ id: string; user_id: string }>(
      await this.dataSource.query(
        `UPDATE vigie_sessions SET revoked_at = now() WHERE refresh_hash = $1 AND revoked_at IS NULL AND expires_at > now() RETURNING id, user_id`,
        [sha256(refreshToken)],
      ),
    );
    if (!rows.length)
      throw new DomainError(
        'unauthenticated',
        'invalid_refresh_token',
        'Refresh token is invalid, expired or already used',
      );
    const user = await this.user(rows[0].user_id, true);
    if (!user || user.disabled) throw new DomainError('unauthenticated', 'account_disabled', 'Account is disabled');
    return this.issue(user.id, sourceIp);
  }

  /** Revoke the access token and the user's refresh tokens. */
  async logout(principal: Principal): Promise<void> {
    if (principal.tokenId && principal.tokenExpiresAt) {
      await this.dataSource.query(
        `INSERT INTO vigie_revoked_tokens (jti, expires_at) VALUES ($1, to_timestamp($2)) ON CONFLICT DO NOTHING`,
        [principal.tokenId, principal.tokenExpiresAt],
      );
      this.revoked.set(principal.tokenId, principal.tokenExpiresAt);
    }
    await this.dataSource.query(
      `UPDATE vigie_sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
      [principal.id],
    );
  }

  /** Revoke every session of a user (disable, password change). */
  async revokeUser(userId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE vigie_sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
    this.users.delete(userId);
  }

  /** The principal behind a bearer token; throws 401 otherwise. */
  async verify(token: string): Promise<Principal> {
    let claims: AccessClaims;
    try {
      claims = this.jwt.verify<AccessClaims>(token);
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      throw new DomainError(
        'unauthenticated',
        expired ? 'token_expired' : 'invalid_token',
        expired ? 'Access token has expired' : 'Access token is invalid',
      );
    }
    if (await this.isRevoked(claims.jti))
      throw new DomainError('unauthenticated', 'token_revoked', 'Access token has been revoked');
    const user = await this.user(claims.sub);
    if (!user || user.disabled) throw new DomainError('unauthenticated', 'account_disabled', 'Account is disabled');
    if (user.password_changed_at.getTime() > claims.iat * 1000 + 1000) {
      throw new DomainError('unauthenticated', 'token_revoked', 'Password changed since this token was issued');
    }
    return {
      kind: 'user',
      id: user.id,
      name: user.username,
      roles: user.roles,
      members: scopeFor(user.roles, user.member_scopes),
      tokenId: claims.jti,
      tokenExpiresAt: claims.exp,
    };
  }

  private async user(id: string, fresh = false): Promise<UserRow | undefined> {
    const cached = this.users.get(id);
    if (!fresh && cached && Date.now() - cached.at < USER_CACHE_MS) return cached.row;
    const rows: UserRow[] = await this.dataSource.query(
      'SELECT id, username, roles, member_scopes, disabled, password_changed_at FROM vigie_users WHERE id = $1',
      [id],
    );
    const row = rows[0] ? { ...rows[0], password_changed_at: new Date(rows[0].password_changed_at) } : undefined;
    this.users.set(id, { row, at: Date.now() });
    return row;
  }

  private async isRevoked(jti: string): Promise<boolean> {
    if (this.revoked.has(jti)) return true;
    if (Date.now() - this.revokedLoadedAt > USER_CACHE_MS) {
      const rows: Array<{ jti: string; exp: number }> = await this.dataSource.query(
        'SELECT jti, extract(epoch from expires_at)::bigint AS exp FROM vigie_revoked_tokens WHERE expires_at > now()',
      );
      this.revoked.clear();
      for (const r of rows) this.revoked.set(r.jti, Number(r.exp));
      this.revokedLoadedAt = Date.now();
    }
    return this.revoked.has(jti);
  }

  /** Forget cached user rows (after an admin change). */
  invalidate(userId: string): void {
    this.users.delete(userId);
  }
}
