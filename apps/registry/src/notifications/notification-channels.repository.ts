import { Injectable } from '@nestjs/common';
import { returnedRows } from '@vigie/database';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationChannel, toChannel } from './channel.types';

type Db = EntityManager | DataSource;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = `id, name, kind, url, secret, recipients, include_referents, digest_minutes, members, min_level, enabled, created_by, created_at, updated_at`;

export type ChannelValues = Pick<
  NotificationChannel,
  | 'name'
  | 'kind'
  | 'url'
  | 'secret'
  | 'recipients'
  | 'includeReferents'
  | 'digestMinutes'
  | 'members'
  | 'minLevel'
  | 'enabled'
>;

/** Channels set through the API. A member-restricted reader sees only channels routed to its members alone. */
@Injectable()
export class NotificationChannelsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(scope: string[] | undefined, m: Db = this.dataSource): Promise<NotificationChannel[]> {
    const rows = scope
      ? await m.query(
          `SELECT ${COLUMNS} FROM vigie_notification_channels WHERE cardinality(members) > 0 AND members <@ $1::text[] ORDER BY name`,
          [scope],
        )
      : await m.query(`SELECT ${COLUMNS} FROM vigie_notification_channels ORDER BY name`);
    return rows.map(toChannel);
  }

  async get(
    id: string,
    scope: string[] | undefined,
    m: Db = this.dataSource,
  ): Promise<NotificationChannel | undefined> {
    if (!UUID.test(id)) return undefined;
    const rows = scope
      ? await m.query(
          `SELECT ${COLUMNS} FROM vigie_notification_channels WHERE id = $1 AND cardinality(members) > 0 AND members <@ $2::text[]`,
          [id, scope],
        )
      : await m.query(`SELECT ${COLUMNS} FROM vigie_notification_channels WHERE id = $1`, [id]);
    return rows[0] ? toChannel(rows[0]) : undefined;
  }

  async nameTaken(m: Db, name: string, exceptId?: string): Promise<boolean> {
    const rows = await m.query('SELECT id FROM vigie_notification_channels WHERE name = $1', [name]);
    return rows.some((r: { id: string }) => r.id !== exceptId);
  }

  async insert(m: EntityManager, v: ChannelValues, createdBy: string): Promise<NotificationChannel> {
    const rows = await m.query(
      `INSERT INTO vigie_notification_channels (name, kind, url, secret, recipients, include_referents, digest_minutes, members, min_level, enabled, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING ${COLUMNS}`,
      [
        v.name,
        v.kind,
        v.url,
        v.secret,
        v.recipients,
        v.includeReferents,
        v.digestMinutes,
        v.members,
        v.minLevel,
        v.enabled,
        createdBy,
      ],
    );
    return toChannel(rows[0]);
  }

  async update(m: EntityManager, id: string, v: ChannelValues): Promise<NotificationChannel> {
    const rows = returnedRows(
      await m.query(
        `UPDATE vigie_notification_channels SET name=$2, kind=$3, url=$4, secret=$5, recipients=$6, include_referents=$7,
           digest_minutes=$8, members=$9, min_level=$10, enabled=$11, updated_at=now() WHERE id=$1 RETURNING ${COLUMNS}`,
        [
          id,
          v.name,
          v.kind,
          v.url,
          v.secret,
          v.recipients,
          v.includeReferents,
          v.digestMinutes,
          v.members,
          v.minLevel,
          v.enabled,
        ],
      ),
    );
    return toChannel(rows[0]);
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.query('DELETE FROM vigie_notification_channels WHERE id = $1', [id]);
  }
}
