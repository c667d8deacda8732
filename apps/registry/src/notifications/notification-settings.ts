import { VigieConfig } from '@vigie/config';
import { parseGraceOverrides } from '@vigie/triage';
import { NotificationChannel } from './channel.types';

export interface NotificationSettings {
  minLevel: string;
  graceSeconds: number;
  graceOverrides: Map<string, number>;
  maxAttempts: number;
  retryInitialMs: number;
  retryMaxMs: number;
  smtpUrl?: string;
  emailFrom: string;
  /** Channels described by the settings (read-only through the API). */
  configChannels: NotificationChannel[];
  problems: string[];
}

export function notificationSettings(config: VigieConfig): NotificationSettings {
  const overrides = parseGraceOverrides(config.get('alerts.notifyGraceOverrides') ?? []);
  const base = {
    secret: null,
    recipients: [],
    includeReferents: false,
    digestMinutes: 0,
    members: [],
    minLevel: null,
    enabled: true,
    source: 'config' as const,
    createdBy: 'config',
    createdAt: null,
    updatedAt: null,
    url: null,
  };
  const channels: NotificationChannel[] = (config.get('alerts.webhooks') ?? []).map((url, i) => ({
    ...base,
    id: `config-webhook-${i}`,
    name: `config webhook ${i + 1}`,
    kind: 'webhook',
    url,
    secret: config.maybe('alerts.webhookSecret') ?? null,
  }));
  const emailTo = config.get('alerts.emailTo') ?? [];
  if (emailTo.length || config.get('alerts.emailReferents')) {
    channels.push({
      ...base,
      id: 'config-email',
      name: 'config email',
      kind: 'email',
      recipients: emailTo,
      includeReferents: config.get('alerts.emailReferents'),
      digestMinutes: config.get('alerts.emailDigestMinutes'),
    });
  }
  return {
    minLevel: config.get('alerts.notifyMinLevel'),
    graceSeconds: config.get('alerts.notifyGraceSeconds'),
    graceOverrides: overrides.map,
    maxAttempts: config.get('alerts.webhookMaxAttempts'),
    retryInitialMs: config.get('retry.initialDelayMs'),
    retryMaxMs: config.get('retry.maxDelayMs'),
    smtpUrl: config.maybe('alerts.smtpUrl'),
    emailFrom: config.get('alerts.emailFrom'),
    configChannels: channels,
    problems: overrides.problems,
  };
}
