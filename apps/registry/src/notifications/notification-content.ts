import type { Alert } from '../alerts/alert.types';

/** The JSON a webhook receives for one alert. */
export function webhookPayload(alert: Alert, change: string, deliveryId: string) {
  return {
    type: `alert.${change}`,
    deliveryId,
    sentAt: new Date().toISOString(),
    alert: {
      id: alert.id,
      url: `/api/v1/alerts/${alert.id}`,
      rule: alert.rule,
      status: alert.status,
      member: alert.member,
      members: alert.members,
      hosts: alert.hosts,
      groupKey: alert.groupKey,
      groupValues: alert.groupValues,
      count: alert.count,
      firstSeen: alert.firstSeen,
      lastSeen: alert.lastSeen,
      application: alert.application,
      personalData: alert.personalData,
      reopenCount: alert.reopenCount,
    },
  };
}

const LEVEL_FR: Record<string, string> = {
  informational: 'info',
  low: 'basse',
  medium: 'moyenne',
  high: 'haute',
  critical: 'critique',
};

function line(a: Alert): string {
  const where = [a.members.join(', '), a.hosts.join(', ')].filter(Boolean).join(' / ');
  return `[${LEVEL_FR[a.rule.level] ?? a.rule.level}] ${a.rule.title} — ${where} — ${a.count} événement(s), ${a.firstSeen} → ${a.lastSeen}${
    a.personalData ? ' — données personnelles' : ''
  }\n  /api/v1/alerts/${a.id}`;
}

/** Subject and text of an email for one alert or a digest of several. */
export function emailContent(alerts: Alert[], digest: boolean): { subject: string; text: string } {
  if (!digest && alerts.length === 1) {
    const a = alerts[0];
    return {
      subject: `[Vigie] Alerte ${LEVEL_FR[a.rule.level] ?? a.rule.level} : ${a.rule.title} (${a.members.join(', ')})`,
      text: `${line(a)}\n\nRègle : ${a.rule.id}\nGroupe : ${a.groupKey}\n`,
    };
  }
  return {
    subject: `[Vigie] ${alerts.length} nouvelle(s) alerte(s)`,
    text: `${alerts.map(line).join('\n\n')}\n`,
  };
}
