/** Where notifications of new alerts go. */
export interface NotificationChannel {
  id: string;
  name: string;
  kind: 'webhook' | 'email';
  url: string | null;
  /** Signing key of a webhook (never shown by the API after creation). */
  secret: string | null;
  /** Fixed email addresses. */
  recipients: string[];
  /** Also email the referents (with an address) of the alert's members. */
  includeReferents: boolean;
  /** 0: one message per alert; N: one digest per N minutes (email). */
  digestMinutes: number;
  /** Members whose alerts this channel receives; empty = every member. */
  members: string[];
  /** Overrides `alerts.notifyMinLevel` for this channel. */
  minLevel: string | null;
  enabled: boolean;
  /** `api`: set through /api/v1/notification-channels; `config`: from the settings (read-only). */
  source: 'api' | 'config';
  createdBy: string;
  createdAt: string | null;
  updatedAt: string | null;
}

/** What the API shows: the secret is masked. */
export type ChannelView = Omit<NotificationChannel, 'secret'> & { hasSecret: boolean };

export function viewOf(c: NotificationChannel): ChannelView {
  const { secret, ...rest } = c;
  return { ...rest, hasSecret: secret !== null && secret !== '' };
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

export function toChannel(r: Record<string, unknown>): NotificationChannel {
  return {
    id: String(r.id),
    name: String(r.name),
    kind: String(r.kind) as NotificationChannel['kind'],
    url: (r.url as string | null) ?? null,
    secret: (r.secret as string | null) ?? null,
    recipients: (r.recipients as string[]) ?? [],
    includeReferents: Boolean(r.include_referents),
    digestMinutes: Number(r.digest_minutes ?? 0),
    members: (r.members as string[]) ?? [],
    minLevel: (r.min_level as string | null) ?? null,
    enabled: Boolean(r.enabled),
    source: 'api',
    createdBy: String(r.created_by),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}
