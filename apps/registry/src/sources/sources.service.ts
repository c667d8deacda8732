import { Inject, Injectable } from '@nestjs/common';
import { memberScope, RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { EventStore, not } from '@vigie/event-store';
import { EventMembersRepository } from '../events/event-members.repository';
import { parseDuration, resolveWindow, TimeWindow } from '../events/event-time';
import { Clock, EVENTS_CLOCK } from '../events/events.clock';
import { EventsService } from '../events/events.service';
import { storeCall } from '../events/store-errors';
import { SourcesQueryDto } from './dto/sources-query.dto';
import { MemberSources, sourceCoverage } from './source-coverage';

export const DEFAULT_SOURCES_WINDOW = 'now-30d';
export const DEFAULT_SILENT_AFTER = '24h';

export interface SourcesResult extends TimeWindow {
  silentAfter: string;
  silentAfterSeconds: number;
  members: MemberSources[];
}

/**
 * Collection coverage: per member, each sending host with first and last event
 * and count over a window, flagging hosts silent for longer than `silentAfter`.
 */
@Injectable()
export class SourcesService {
  constructor(
    private readonly store: EventStore,
    private readonly events: EventsService,
    private readonly registry: EventMembersRepository,
    @Inject(EVENTS_CLOCK) private readonly clock: Clock,
  ) {}

  async list(dto: SourcesQueryDto): Promise<SourcesResult> {
    const members = this.events.membersFor(dto.member);
    const now = this.clock();
    const window = resolveWindow(dto, now, DEFAULT_SOURCES_WINDOW);
    const silentAfterText = dto.silentAfter ?? DEFAULT_SILENT_AFTER;
    const silentAfter = parseDuration(silentAfterText);
    if (silentAfter === undefined) {
      throw new DomainError('invalid', 'invalid_duration', 'silentAfter must be a positive duration like 24h', [
        { field: 'silentAfter', problem: `${JSON.stringify(silentAfterText)} is not a positive duration` },
      ]);
    }
    const query = { members, ...window };
    const byName = await storeCall(() => this.store.sources(query, 'host.hostname', dto.size));
    const byIp = await storeCall(() =>
      this.store.sources({ ...query, filter: not({ op: 'exists', field: 'host.hostname' }) }, 'host.ip', dto.size),
    );
    const scope = memberScope(RequestContext.requirePrincipal());
    const known = (await this.registry.list(members ?? scope)).map((m) => ({ code: m.code, name: m.name }));
    return {
      ...window,
      silentAfter: silentAfterText,
      silentAfterSeconds: silentAfter,
      members: sourceCoverage(
        known,
        [
          ...byName.map((b) => ({ ...b, field: 'host.hostname' as const })),
          ...byIp.map((b) => ({ ...b, field: 'host.ip' as const })),
        ],
        now,
        silentAfter,
      ),
    };
  }
}
