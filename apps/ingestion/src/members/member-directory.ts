import { Injectable, OnModuleInit } from '@nestjs/common';
import { UNATTRIBUTED_MEMBER } from '@vigie/contracts';
import { logger } from '@vigie/observability';
import ipaddr from 'ipaddr.js';
import { DataSource } from 'typeorm';

interface Network {
  member: string;
  range: [ipaddr.IPv4 | ipaddr.IPv6, number];
}

export interface MemberInfo {
  code: string;
  name: string;
  timeZone: string;
}

/**
 * Attributes a source address to a member by the CIDR networks stored on each
 * member (most specific match wins). Reloaded periodically so new networks
 * apply without a restart.
 */
@Injectable()
export class MemberDirectory implements OnModuleInit {
  private readonly log = logger('MemberDirectory');
  private networks: Network[] = [];
  private members = new Map<string, MemberInfo>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.reload().catch((e) => this.log.warn({ error: (e as Error).message }, 'reload failed')), 30000);
    this.timer.unref();
  }

  async reload(): Promise<void> {
    const rows: Array<{ code: string; name: string; time_zone: string; networks: string[] }> = await this.dataSource.query(
      'SELECT code, name, time_zone, networks FROM vigie_members',
    );
    const networks: Network[] = [];
    const members = new Map<string, MemberInfo>();
    for (const row of rows) {
      members.set(row.code, { code: row.code, name: row.name, timeZone: row.time_zone });
      for (const cidr of row.networks ?? []) {
        try {
          networks.push({ member: row.code, range: ipaddr.parseCIDR(cidr) });
        } catch {
          this.log.warn({ member: row.code, cidr }, 'ignoring invalid network');
        }
      }
    }
    networks.sort((a, b) => b.range[1] - a.range[1]);
    this.networks = networks;
    this.members = members;
  }

  /** The member whose networks contain `ip`, or `unattributed`. */
  attribute(ip: string): string {
    let addr: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      addr = ipaddr.process(ip);
    } catch {
      return UNATTRIBUTED_MEMBER;
    }
    for (const n of this.networks) {
      if (addr.kind() === n.range[0].kind() && addr.match(n.range)) return n.member;
    }
    return UNATTRIBUTED_MEMBER;
  }

  info(code: string): MemberInfo | undefined {
    return this.members.get(code);
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
