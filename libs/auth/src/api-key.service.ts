import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError } from '@vigie/contracts';
import { DataSource } from 'typeorm';
import { Principal } from './principal';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Machine credentials bound to one member, stored hashed, shown once. */
@Injectable()
export class ApiKeyVerifier {
  private readonly lastTouched = new Map<string, number>();

  constructor(private readonly dataSource: DataSource) {}

  /** A new key: `vk_<prefix>_<secret>`; only its SHA-256 is stored. */
  static generate(): { key: string; prefix: string; hash: string } {
    const prefix = randomBytes(4).toString('hex');
    const key = `vk_${prefix}_${randomBytes(24).toString('base64url')}`;
    return { key, prefix, hash: sha256(key) };
  }

  async verify(key: string): Promise<Principal> {
    const rows: Array<{ id: string; name: string; member: string }> = await this.dataSource.query(
      'SELECT id, name, member FROM vigie_api_keys WHERE secret_hash = $1 AND revoked_at IS NULL',
      [sha256(key)],
    );
    if (!rows.length) throw new DomainError('unauthenticated', 'invalid_api_key', 'API key is invalid or revoked');
    const k = rows[0];
    const now = Date.now();
    if ((this.lastTouched.get(k.id) ?? 0) < now - 60000) {
      this.lastTouched.set(k.id, now);
      await this.dataSource.query('UPDATE vigie_api_keys SET last_used_at = now() WHERE id = $1', [k.id]);
    }
    return { kind: 'api-key', id: k.id, name: `api-key:${k.name}`, roles: [], members: [k.member] };
  }
}
