import type { EcsDocument } from './ecs-document';

type Related = NonNullable<EcsDocument['related']>;

function add(set: Set<string>, v: string | undefined): void {
  if (v) set.add(v);
}

/** `related.ip`, `related.user`, `related.hosts` from the document (deduplicated), plus decoder extras. */
export function collectRelated(doc: EcsDocument, extra?: Related): Related | undefined {
  const ip = new Set<string>(extra?.ip ?? []);
  const user = new Set<string>(extra?.user ?? []);
  const hosts = new Set<string>(extra?.hosts ?? []);
  for (const ep of [doc.source, doc.destination]) {
    if (!ep) continue;
    add(ip, ep.ip);
    add(ip, ep.nat?.ip);
    add(user, ep.user?.name);
    add(hosts, ep.domain);
  }
  add(user, doc.user?.name);
  add(user, doc.user?.target?.name);
  add(user, doc.user?.effective?.name);
  add(user, doc.user?.changes?.name);
  add(hosts, doc.host?.hostname);
  add(hosts, doc.observer?.hostname);
  add(hosts, doc.winlog?.computer_name);
  const out: Related = {};
  if (ip.size) out.ip = [...ip];
  if (user.size) out.user = [...user];
  if (hosts.size) out.hosts = [...hosts];
  return Object.keys(out).length ? out : undefined;
}
