import { Metrics } from '@vigie/observability';
import type { DataSource } from 'typeorm';
import { AssetMap } from './asset-map';

/** A DataSource whose `query` answers what the test sets (rows or an error). */
function fakeDataSource() {
  const state: { answer: unknown[] | Error; calls: number } = { answer: [], calls: 0 };
  const ds = {
    query: async () => {
      state.calls++;
      if (state.answer instanceof Error) throw state.answer;
      return state.answer;
    },
  } as unknown as DataSource;
  return { ds, state };
}

const missing = () => Object.assign(new Error('relation "vigie_applications" does not exist'), { code: '42P01' });

describe('AssetMap', () => {
  it('stays empty while the application tables do not exist, then loads them at a later reload', async () => {
    const { ds, state } = fakeDataSource();
    const map = new AssetMap(ds, new Metrics(false));
    state.answer = missing();
    expect(await map.reload()).toBe(false);
    expect(map.lookup({ hostname: 'srv-rh' })).toBeUndefined();
    state.answer = [
      {
        id: 'a1',
        name: 'Portail RH',
        hosts: '[{"hostname":"SRV-RH.ivry.fr","ip":"10.20.1.5"}]',
        members: ['ivry'],
        personal_data: true,
      },
      {
        id: 'a2',
        name: 'Téléphonie',
        hosts: [{ hostname: null, ip: '10.20.9.9' }, 'junk'],
        members: null,
        personal_data: false,
      },
      { id: 'a3', name: 'Cassé', hosts: '{not json', members: [], personal_data: false },
    ];
    expect(await map.reload()).toBe(true);
    expect(map.lookup({ hostname: 'srv-rh' })).toMatchObject({
      applicationId: 'a1',
      personalData: true,
      members: ['ivry'],
    });
    expect(map.lookup({ ip: '10.20.9.9' })).toMatchObject({ applicationId: 'a2', personalData: false, members: [] });
    expect(map.enrichFor('ivry')({ hostname: 'x', ip: '10.20.1.5' })).toEqual({
      applicationId: 'a1',
      applicationName: 'Portail RH',
      personalData: true,
    });
    expect(map.enrichFor(undefined)({ hostname: 'nowhere' })).toBeUndefined();
  });

  it('keeps the previous map when a reload fails', async () => {
    const { ds, state } = fakeDataSource();
    const map = new AssetMap(ds, new Metrics(false));
    state.answer = [
      { id: 'a1', name: 'GED', hosts: [{ hostname: 'ged01' }], members: ['vitry'], personal_data: false },
    ];
    await map.reload();
    state.answer = new Error('connection terminated');
    expect(await map.reload()).toBe(false);
    expect(map.lookup({ hostname: 'GED01' })?.applicationName).toBe('GED');
    expect(state.calls).toBe(2);
  });
});
