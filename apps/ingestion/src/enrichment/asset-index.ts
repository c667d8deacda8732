import type { Enrichment } from '@vigie/ecs';
import ipaddr from 'ipaddr.js';

/** One application of the registry's application map, as the enrichment needs it. */
export interface AssetApplication {
  id: string;
  name: string;
  hosts: Array<{ hostname?: string | null; ip?: string | null }>;
  /** Member codes using the application. */
  members: string[];
  /** The application processes personal data (it has data categories or data subjects). */
  personalData: boolean;
}

/** What a host maps to: the application (the first by name when several share the host). */
export interface AssetInfo extends Enrichment {
  applicationId: string;
  applicationName: string;
  personalData: boolean;
  members: string[];
  /** Every application on the host. */
  applications: Array<{ id: string; name: string }>;
}

/** Lower case, no trailing dot. */
export function hostnameKey(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** Canonical form of an address (`::ffff:10.0.0.1` → `10.0.0.1`, IPv6 compressed), or undefined. */
export function ipKey(ip: string): string | undefined {
  const s = ip
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  if (!ipaddr.isValid(s)) return undefined;
  return ipaddr.process(s).toString();
}

function merge(into: AssetInfo, app: AssetApplication): void {
  if (into.applications.some((a) => a.id === app.id)) return;
  into.applications.push({ id: app.id, name: app.name });
  into.members = [...new Set([...into.members, ...app.members])].sort();
  into.personalData ||= app.personalData;
}

function infoOf(app: AssetApplication): AssetInfo {
  return {
    applicationId: app.id,
    applicationName: app.name,
    personalData: app.personalData,
    members: [...app.members].sort(),
    applications: [{ id: app.id, name: app.name }],
  };
}

/**
 * Host → application lookup built from the application map. Host names match case-insensitively, and a short name
 * matches a fully qualified one by its first label (`srv-rh` ↔ `srv-rh.ivry.fr`) when no exact name matches;
 * addresses match in canonical form. When a member is given, applications used by that member are preferred
 * (the same short name or private address can exist in two cities); otherwise the first by name is reported and
 * the others are listed in `applications`.
 */
export class AssetIndex {
  private readonly byName = new Map<string, AssetApplication[]>();
  private readonly byShortName = new Map<string, AssetApplication[]>();
  private readonly byIp = new Map<string, AssetApplication[]>();
  readonly applications: number;

  constructor(apps: readonly AssetApplication[]) {
    const sorted = [...apps].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    const add = (map: Map<string, AssetApplication[]>, key: string, app: AssetApplication) => {
      const list = map.get(key) ?? [];
      if (!list.includes(app)) list.push(app);
      map.set(key, list);
    };
    for (const app of sorted) {
      for (const h of app.hosts) {
        if (h.hostname && h.hostname.trim()) {
          const name = hostnameKey(h.hostname);
          add(this.byName, name, app);
          const short = name.split('.')[0];
          if (short !== name) add(this.byShortName, short, app);
        }
        const ip = h.ip ? ipKey(h.ip) : undefined;
        if (ip) add(this.byIp, ip, app);
      }
    }
    this.applications = sorted.length;
  }

  get size(): number {
    return this.byName.size + this.byIp.size;
  }

  private candidates(host: { hostname?: string; ip?: string }): AssetApplication[] {
    if (host.hostname && host.hostname.trim()) {
      const name = hostnameKey(host.hostname);
      const exact = this.byName.get(name);
      if (exact) return exact;
      const short = name.split('.')[0];
      // A short event host name against registered FQDNs, or an FQDN event host name against a short registration.
      const viaShort = short === name ? this.byShortName.get(short) : this.byName.get(short);
      if (viaShort) return viaShort;
    }
    const ip = host.ip ? ipKey(host.ip) : undefined;
    return (ip && this.byIp.get(ip)) || [];
  }

  /** The application(s) of a host, by host name first, then address; `undefined` when unknown. */
  lookup(host: { hostname?: string; ip?: string }, member?: string): AssetInfo | undefined {
    let apps = this.candidates(host);
    if (apps.length === 0) return undefined;
    if (member) {
      const mine = apps.filter((a) => a.members.includes(member));
      if (mine.length > 0) apps = mine;
    }
    const info = infoOf(apps[0]);
    for (const a of apps.slice(1)) merge(info, a);
    return info;
  }
}
