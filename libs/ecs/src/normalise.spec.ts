import type { RawEnvelope } from '@vigie/contracts';
import { cefDecoder } from './decoders/cef.decoder';
import { DecoderError } from './decoders/decoder-registry';
import { ECS_FIELD_TYPES } from './ecs-field-types';
import { normalise } from './normalise';

const env = (raw: string, over: Partial<RawEnvelope> = {}): RawEnvelope => ({
  raw,
  receivedAt: '2026-11-29T12:00:00.000Z',
  transport: 'udp',
  peer: { ip: '10.1.2.3', port: 514 },
  member: 'ivry',
  ...over,
});
const now = () => new Date('2026-11-29T12:00:05.000Z');
const SSH = '<38>Nov 29 13:33:41 srv sshd[1]: Failed password for root from 203.0.113.5 port 4444 ssh2';

/** Dotted leaf paths of a document. */
function leaves(o: unknown, prefix = ''): string[] {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return [prefix];
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('normalise', () => {
  it('sets the base ECS fields', () => {
    const d = normalise(env(SSH), { now, memberName: 'Ivry-sur-Seine' });
    expect(d).toMatchObject({
      '@timestamp': '2026-11-29T12:33:41.000Z',
      event: {
        kind: 'event',
        created: '2026-11-29T12:00:00.000Z',
        ingested: '2026-11-29T12:00:05.000Z',
        original: SSH,
      },
      organization: { id: 'ivry', name: 'Ivry-sur-Seine' },
      host: { hostname: 'srv', ip: ['10.1.2.3'] },
      log: {
        syslog: {
          facility: { code: 4, name: 'auth' },
          severity: { code: 6, name: 'informational' },
          priority: 38,
          appname: 'sshd',
          procid: '1',
        },
      },
      process: { name: 'sshd', pid: 1 },
      related: { ip: ['203.0.113.5'], user: ['root'], hosts: ['srv'] },
    });
    expect(d.event.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('produces the same event.id on replay and a different one for another member or line', () => {
    const a = normalise(env(SSH), { now });
    const b = normalise(env(SSH), { now: () => new Date() });
    expect(b.event.id).toBe(a.event.id);
    expect(normalise(env(SSH, { member: 'vitry' })).event.id).not.toBe(a.event.id);
    expect(normalise(env(SSH + ' ')).event.id).not.toBe(a.event.id);
  });

  it('falls back to receivedAt when the line has no timestamp', () => {
    const d = normalise(env('just some text'));
    expect(d['@timestamp']).toBe('2026-11-29T12:00:00.000Z');
    expect(d.tags).toEqual(expect.arrayContaining(['_no_pri', '_no_timestamp', '_unparsed_payload']));
    expect(d.message).toBe('just some text');
  });

  it('can drop event.original', () => {
    const d = normalise(env(SSH), { keepOriginal: false });
    expect(d.event.original).toBeUndefined();
    expect(d.message).toContain('Failed password');
  });

  it('tags truncated and unattributed messages', () => {
    const d = normalise(env(SSH, { truncated: true, member: 'unattributed' }));
    expect(d.tags).toEqual(expect.arrayContaining(['_truncated', '_unattributed']));
  });

  it('calls the enrich hook with host name and IP', () => {
    const seen: unknown[] = [];
    const d = normalise(env(SSH), {
      enrich: (h) => {
        seen.push(h);
        return { applicationId: 'app-42', applicationName: 'Portail RH', personalData: true };
      },
    });
    expect(seen).toEqual([{ hostname: 'srv', ip: '10.1.2.3' }]);
    expect(d.vigie).toEqual({ application: { id: 'app-42', name: 'Portail RH' }, personal_data: true });
    expect(normalise(env(SSH), { enrich: () => undefined }).vigie).toBeUndefined();
  });

  it('survives a malformed envelope', () => {
    const d = normalise({ raw: undefined, receivedAt: 'nope', peer: {}, member: '' } as unknown as RawEnvelope, {
      now,
    });
    expect(d['@timestamp']).toBe('2026-11-29T12:00:05.000Z');
    expect(d.tags).toEqual(expect.arrayContaining(['_invalid_received_at', '_unattributed']));
    expect(d.event.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('surfaces a throwing decoder as a DecoderError', () => {
    const spy = jest.spyOn(cefDecoder, 'decode').mockImplementation(() => {
      throw new TypeError('boom');
    });
    try {
      expect(() => normalise(env('CEF:0|a|b|c|d|e|1|src=1.2.3.4'))).toThrow(DecoderError);
      try {
        normalise(env('CEF:0|a|b|c|d|e|1|src=1.2.3.4'));
      } catch (e) {
        expect(e).toMatchObject({ decoder: 'cef', reason: 'decoder_error' });
      }
    } finally {
      spy.mockRestore();
    }
  });

  it('only writes fields listed in ECS_FIELD_TYPES or in a dynamic vendor namespace', () => {
    const dynamic = [
      'winlog.event_data.',
      'cef.extensions.',
      'leef.attributes.',
      'stormshield.',
      'fortinet.firewall.',
      'pfsense.',
      'iptables.',
      'system.auth.',
      'log.syslog.structured_data.',
      'json.',
    ];
    const lines = [
      SSH,
      '<165>1 2003-10-11T22:14:15.003Z h evntslog - ID47 [x@1 a="b"] msg',
      'CEF:0|security|threatmanager|1.0|100|x|10|src=10.0.0.1 spt=1 dst=2.1.2.2 dpt=80 suser=a proto=TCP request=http://x/ requestMethod=GET',
      '<4>Nov 29 13:33:41 gw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=1.2.3.4 DST=5.6.7.8 PROTO=TCP SPT=1 DPT=2',
      '<190>Nov 29 13:33:41 web nginx: 1.2.3.4 - bob [29/Nov/2026:13:33:41 +0100] "GET /a?b HTTP/1.1" 200 5 "r" "ua"',
    ];
    for (const raw of lines) {
      for (const path of leaves(normalise(env(raw)))) {
        const known = path in ECS_FIELD_TYPES || dynamic.some((p) => path.startsWith(p));
        if (!known) throw new Error(`${path} has no declared type (from ${raw})`);
      }
    }
  });
});
