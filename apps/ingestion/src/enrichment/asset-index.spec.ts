import type { RawEnvelope } from '@vigie/contracts';
import { normalise } from '@vigie/ecs';
import { AssetApplication, AssetIndex, hostnameKey, ipKey } from './asset-index';

const app = (id: string, name: string, hosts: AssetApplication['hosts'], members: string[], personalData = false) => ({
  id,
  name,
  hosts,
  members,
  personalData,
});

const RH = app('a-rh', 'Portail RH', [{ hostname: 'SRV-RH.ivry.fr.', ip: '10.20.1.5' }], ['ivry'], true);
const GED = app(
  'a-ged',
  'GED',
  [
    { hostname: 'ged01', ip: null },
    { hostname: null, ip: '2001:db8::10' },
  ],
  ['vitry'],
);
const WEB_IVRY = app('a-web-i', 'Site Ivry', [{ hostname: 'web01', ip: '192.168.1.10' }], ['ivry']);
const WEB_VITRY = app('a-web-v', 'Site Vitry', [{ hostname: 'web01', ip: '192.168.1.10' }], ['vitry'], true);
const index = new AssetIndex([RH, GED, WEB_IVRY, WEB_VITRY]);

describe('AssetIndex', () => {
  it('normalises keys', () => {
    expect(hostnameKey(' Srv.Ivry.FR. ')).toBe('srv.ivry.fr');
    expect(ipKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(ipKey('2001:0db8:0000:0000:0000:0000:0000:0010')).toBe('2001:db8::10');
    expect(ipKey('[2001:db8::10]')).toBe('2001:db8::10');
    expect(ipKey('not-an-ip')).toBeUndefined();
  });

  it('finds a host by name, case-insensitively, ignoring a trailing dot', () => {
    for (const hostname of ['srv-rh.ivry.fr', 'SRV-RH.IVRY.FR', 'srv-rh.ivry.fr.']) {
      expect(index.lookup({ hostname })).toMatchObject({
        applicationId: 'a-rh',
        applicationName: 'Portail RH',
        personalData: true,
        members: ['ivry'],
      });
    }
  });

  it('matches a short name with a registered FQDN and the reverse', () => {
    expect(index.lookup({ hostname: 'srv-rh' })?.applicationId).toBe('a-rh');
    expect(index.lookup({ hostname: 'GED01.vitry.fr' })?.applicationId).toBe('a-ged');
    expect(index.lookup({ hostname: 'srv' })).toBeUndefined();
  });

  it('finds a host by address (IPv4, IPv4-mapped IPv6, IPv6 in any notation) when the name is unknown', () => {
    expect(index.lookup({ ip: '10.20.1.5' })?.applicationId).toBe('a-rh');
    expect(index.lookup({ hostname: 'unknown-host', ip: '::ffff:10.20.1.5' })?.applicationId).toBe('a-rh');
    expect(index.lookup({ ip: '2001:DB8:0:0::10' })?.applicationId).toBe('a-ged');
    expect(index.lookup({ ip: '10.20.1.6' })).toBeUndefined();
    expect(index.lookup({})).toBeUndefined();
  });

  it("prefers the event member's application when a name or address exists in two members", () => {
    expect(index.lookup({ hostname: 'web01' }, 'vitry')).toMatchObject({
      applicationId: 'a-web-v',
      personalData: true,
    });
    expect(index.lookup({ ip: '192.168.1.10' }, 'ivry')).toMatchObject({
      applicationId: 'a-web-i',
      personalData: false,
    });
    const any = index.lookup({ hostname: 'web01' }, 'gentilly');
    expect(any).toMatchObject({ applicationName: 'Site Ivry', personalData: true, members: ['ivry', 'vitry'] });
    expect(any?.applications.map((a) => a.id)).toEqual(['a-web-i', 'a-web-v']);
  });

  it('feeds normalise(): the ECS document carries vigie.application and vigie.personal_data', () => {
    const env: RawEnvelope = {
      receivedAt: '2026-11-29T10:00:00.000Z',
      transport: 'udp',
      peer: { ip: '10.99.0.1' },
      member: 'ivry',
      raw: '<38>1 2026-11-29T10:00:00Z SRV-RH sshd 1 - - Failed password for root from 203.0.113.5 port 4000 ssh2',
    };
    const doc = normalise(env, { enrich: (h) => index.lookup(h, env.member) });
    expect(doc.vigie).toEqual({ application: { id: 'a-rh', name: 'Portail RH' }, personal_data: true });
    const other = normalise({ ...env, raw: env.raw.replace('SRV-RH', 'nowhere') }, { enrich: (h) => index.lookup(h) });
    expect(other.vigie).toBeUndefined();
  });
});
