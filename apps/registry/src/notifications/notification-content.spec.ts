import { loadConfig } from '@vigie/config';
import type { Alert } from '../alerts/alert.types';
import { emailContent, webhookPayload } from './notification-content';
import { notificationSettings } from './notification-settings';

const alert = {
  id: 'a1',
  rule: { id: 'r', title: 'Force brute SSH', level: 'medium', tags: [] },
  members: ['ivry'],
  hosts: ['srv-1'],
  groupKey: 'g',
  count: 5,
  firstSeen: '2026-01-01T09:00:00.000Z',
  lastSeen: '2026-01-01T09:01:00.000Z',
  personalData: true,
} as unknown as Alert;

describe('notification content', () => {
  it('describes one alert or a digest', () => {
    const one = emailContent([alert], false);
    expect(one.subject).toBe('[Vigie] Alerte moyenne : Force brute SSH (ivry)');
    expect(one.text).toContain('/api/v1/alerts/a1');
    expect(one.text).toContain('données personnelles');
    const digest = emailContent([alert, { ...alert, id: 'a2' } as Alert], true);
    expect(digest.subject).toBe('[Vigie] 2 nouvelle(s) alerte(s)');
    expect(digest.text).toContain('/api/v1/alerts/a2');
    expect(webhookPayload(alert, 'created', '7')).toMatchObject({
      type: 'alert.created',
      deliveryId: '7',
      alert: { id: 'a1' },
    });
  });

  it('derives channels from the settings', () => {
    const config = loadConfig({
      env: {},
      overrides: {
        'alerts.webhooks': ['https://soc.example.org/h'],
        'alerts.webhookSecret': 's3cret-s3cret-s3cret',
        'alerts.emailTo': ['rssi@example.org'],
        'alerts.emailDigestMinutes': 15,
        'alerts.notifyGraceOverrides': ['r=60', 'broken'],
      },
    });
    const s = notificationSettings(config);
    expect(s.configChannels.map((c) => [c.id, c.kind, c.digestMinutes])).toEqual([
      ['config-webhook-0', 'webhook', 0],
      ['config-email', 'email', 15],
    ]);
    expect(s.configChannels[0].secret).toBe('s3cret-s3cret-s3cret');
    expect([...s.graceOverrides]).toEqual([['r', 60]]);
    expect(s.problems).toHaveLength(1);
    expect(s.minLevel).toBe('high');
  });
});
