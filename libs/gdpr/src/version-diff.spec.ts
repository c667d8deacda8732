import { diffVersions } from './version-diff';

describe('diffVersions', () => {
  it('reports scalar changes by dotted path', () => {
    expect(diffVersions({ status: 'draft', dpo: { name: 'A', contact: null } }, { status: 'validated', dpo: { name: 'B', contact: null } })).toEqual([
      { field: 'status', before: 'draft', after: 'validated' },
      { field: 'dpo.name', before: 'A', after: 'B' },
    ]);
  });

  it('matches lists of objects by code, so reordering is no change', () => {
    const a = { dataCategories: [{ code: 'identity', retentionPeriod: '1 an' }, { code: 'health', retentionPeriod: '20 ans' }] };
    const b = { dataCategories: [{ code: 'health', retentionPeriod: '25 ans' }, { code: 'identity', retentionPeriod: '1 an' }] };
    expect(diffVersions(a, b)).toEqual([{ field: 'dataCategories[health].retentionPeriod', before: '20 ans', after: '25 ans' }]);
  });

  it('shows added and removed entries whole', () => {
    const a = { recipients: [{ type: 'internal_service', name: 'RH' }] };
    const b = { recipients: [{ type: 'internal_service', name: 'RH' }, { type: 'processor', name: 'Éditeur' }] };
    expect(diffVersions(a, b)).toEqual([{ field: 'recipients[processor]', before: null, after: { type: 'processor', name: 'Éditeur' } }]);
    expect(diffVersions(b, a)).toEqual([{ field: 'recipients[processor]', before: { type: 'processor', name: 'Éditeur' }, after: null }]);
  });

  it('compares lists of strings whole, and finds nothing between equal versions', () => {
    expect(diffVersions({ purposes: ['a', 'b'] }, { purposes: ['a', 'c'] })).toEqual([{ field: 'purposes', before: ['a', 'b'], after: ['a', 'c'] }]);
    const v = { name: 'x', dataSubjects: [{ code: 'residents', volume: null }] };
    expect(diffVersions(v, JSON.parse(JSON.stringify(v)))).toEqual([]);
  });

  it('falls back to positions when entries have no unique key', () => {
    const a = { securityMeasures: [{ type: 'other', description: 'a' }, { type: 'other', description: 'b' }] };
    const b = { securityMeasures: [{ type: 'other', description: 'a' }, { type: 'other', description: 'c' }] };
    expect(diffVersions(a, b)).toEqual([{ field: 'securityMeasures[1].description', before: 'b', after: 'c' }]);
  });
});
