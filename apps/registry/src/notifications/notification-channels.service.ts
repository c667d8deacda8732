import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { memberScope, RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { ChannelView, viewOf } from './channel.types';
import { CreateChannelDto, UpdateChannelDto } from './dto/channel.dto';
import { ChannelValues, NotificationChannelsRepository } from './notification-channels.repository';
import { NOTIFICATION_SETTINGS } from './notification.tokens';
import { NotificationSettings } from './notification-settings';

/** Notification channels: API-managed ones (audited) plus the read-only ones of the settings. */
@Injectable()
export class NotificationChannelsService {
  constructor(
    private readonly repo: NotificationChannelsRepository,
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  async list(): Promise<ChannelView[]> {
    const scope = memberScope(RequestContext.requirePrincipal());
    const fromConfig = scope ? [] : this.settings.configChannels;
    return [...fromConfig, ...(await this.repo.list(scope))].map(viewOf);
  }

  async get(id: string): Promise<ChannelView> {
    const scope = memberScope(RequestContext.requirePrincipal());
    const c = (!scope && this.settings.configChannels.find((x) => x.id === id)) || (await this.repo.get(id, scope));
    if (!c) throw new DomainError('not_found', 'channel_not_found', `No notification channel ${id}`);
    return viewOf(c);
  }

  private check(v: ChannelValues): void {
    if (v.kind === 'webhook' && !v.url)
      throw new DomainError('unprocessable', 'invalid_channel', 'A webhook needs a URL', [
        { field: 'url', problem: 'required for a webhook' },
      ]);
    if (v.kind === 'email' && v.recipients.length === 0 && !v.includeReferents)
      throw new DomainError('unprocessable', 'invalid_channel', 'An email channel needs recipients', [
        { field: 'recipients', problem: 'give addresses or set includeReferents' },
      ]);
  }

  private async membersExist(m: EntityManager, members: string[]): Promise<void> {
    for (const [i, code] of members.entries()) {
      if (!(await m.query('SELECT 1 FROM vigie_members WHERE code = $1', [code])).length)
        throw new DomainError('unprocessable', 'member_not_found', `No member ${code}`, [
          { field: `members[${i}]`, problem: 'unknown member' },
        ]);
    }
  }

  async create(dto: CreateChannelDto): Promise<ChannelView & { secret?: string }> {
    const p = RequestContext.requirePrincipal();
    const generated = dto.kind === 'webhook' && !dto.secret ? randomBytes(32).toString('base64url') : undefined;
    const v: ChannelValues = {
      name: dto.name,
      kind: dto.kind,
      url: dto.url ?? null,
      secret: dto.kind === 'webhook' ? (dto.secret ?? generated!) : null,
      recipients: dto.recipients ?? [],
      includeReferents: dto.includeReferents ?? false,
      digestMinutes: dto.kind === 'email' ? (dto.digestMinutes ?? 0) : 0,
      members: [...new Set(dto.members ?? [])].sort(),
      minLevel: dto.minLevel ?? null,
      enabled: dto.enabled ?? true,
    };
    this.check(v);
    return this.dataSource.transaction(async (m) => {
      await this.membersExist(m, v.members);
      if (await this.repo.nameTaken(m, v.name))
        throw new DomainError('conflict', 'channel_exists', `A channel named ${v.name} exists`, [
          { field: 'name', problem: 'is already used' },
        ]);
      const created = await this.repo.insert(m, v, p.name);
      await this.audit.record(
        {
          action: 'notification_channel.created',
          entityType: 'notification_channel',
          entityId: created.id,
          member: created.members.length === 1 ? created.members[0] : null,
          after: viewOf(created),
        },
        m,
      );
      return { ...viewOf(created), ...(generated ? { secret: generated } : {}) };
    });
  }

  async update(id: string, dto: UpdateChannelDto): Promise<ChannelView> {
    const scope = memberScope(RequestContext.requirePrincipal());
    return this.dataSource.transaction(async (m) => {
      const before = await this.repo.get(id, scope, m);
      if (!before) throw new DomainError('not_found', 'channel_not_found', `No notification channel ${id}`);
      const v: ChannelValues = {
        name: dto.name ?? before.name,
        kind: before.kind,
        url: dto.url ?? before.url,
        secret: dto.secret ?? before.secret,
        recipients: dto.recipients ?? before.recipients,
        includeReferents: dto.includeReferents ?? before.includeReferents,
        digestMinutes: before.kind === 'email' ? (dto.digestMinutes ?? before.digestMinutes) : 0,
        members: dto.members ? [...new Set(dto.members)].sort() : before.members,
        minLevel: dto.minLevel === undefined ? before.minLevel : dto.minLevel,
        enabled: dto.enabled ?? before.enabled,
      };
      this.check(v);
      await this.membersExist(m, v.members);
      if (await this.repo.nameTaken(m, v.name, id))
        throw new DomainError('conflict', 'channel_exists', `A channel named ${v.name} exists`, [
          { field: 'name', problem: 'is already used' },
        ]);
      const after = await this.repo.update(m, id, v);
      await this.audit.record(
        {
          action: 'notification_channel.updated',
          entityType: 'notification_channel',
          entityId: id,
          member: after.members.length === 1 ? after.members[0] : null,
          before: { ...viewOf(before), secretChanged: false },
          after: { ...viewOf(after), secretChanged: dto.secret !== undefined },
        },
        m,
      );
      return viewOf(after);
    });
  }

  async delete(id: string): Promise<ChannelView> {
    const scope = memberScope(RequestContext.requirePrincipal());
    return this.dataSource.transaction(async (m) => {
      const before = await this.repo.get(id, scope, m);
      if (!before) throw new DomainError('not_found', 'channel_not_found', `No notification channel ${id}`);
      await this.repo.delete(m, id);
      await this.audit.record(
        {
          action: 'notification_channel.deleted',
          entityType: 'notification_channel',
          entityId: id,
          member: before.members.length === 1 ? before.members[0] : null,
          before: viewOf(before),
        },
        m,
      );
      return viewOf(before);
    });
  }
}
