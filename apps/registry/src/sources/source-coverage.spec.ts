import { sourceCoverage } from './source-coverage';

const NOW = new Date('2024-05-15T12:00:00.000Z');

describe('sourceCoverage', () => {
  it('lists every member, hosts sorted, flagging those silent longer than the threshold', () => {
    const out = sourceCoverage(
      [
        { code: 'ivry', name: 'Ivry' },
        { code: 'vitry', name: 'Vitry' },
      ],
      [
        {
          member: 'ivry',
          key: 'web2',
          count: 3,
          firstSeen: '2024-05-01T00:00:00.000Z',
          lastSeen: '2024-05-15T11:00:00.000Z',
          field: 'host.hostname',
        },
        {
          member: 'ivry',
          key: 'dc01',
          count: 9,
          firstSeen: '2024-05-01T00:00:00.000Z',
          lastSeen: '2024-05-13T12:00:00.000Z',
          field: 'host.hostname',
        },
        {
          member: 'ivry',
          key: '10.1.0.9',
          count: 1,
          firstSeen: '2024-05-14T11:59:59.000Z',
          lastSeen: '2024-05-14T11:59:59.000Z',
          field: 'host.ip',
        },
        {
          member: 'unattributed',
          key: 'x',
          count: 1,
          firstSeen: '2024-05-15T11:59:00.000Z',
          lastSeen: '2024-05-15T11:59:00.000Z',
          field: 'host.hostname',
        },
      ],
      NOW,
      86_400,
    );
    expect(out.map((m) => m.member)).toEqual(['ivry', 'unattributed', 'vitry']);
    const ivry = out[0]!;
    expect(ivry.hosts.map((h) => [h.host, h.field, h.silent, h.silentForSeconds])).toEqual([
      ['10.1.0.9', 'host.ip', true, 86_401],
      ['dc01', 'host.hostname', true, 172_800],
      ['web2', 'host.hostname', false, 3600],
    ]);
    expect(ivry.silentHosts).toBe(2);
    expect(out[1]).toMatchObject({ name: null, silentHosts: 0 });
    expect(out[2]).toEqual({ member: 'vitry', name: 'Vitry', hosts: [], silentHosts: 0 });
  });
});
