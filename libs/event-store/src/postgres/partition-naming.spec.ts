import { dayTableName, memberTableName } from './partition-naming';

describe('partition names', () => {
  it('uses the member code, with - as _', () => {
    expect(memberTableName('ivry')).toBe('vigie_events_ivry');
    expect(memberTableName('ivry-sur-seine')).toBe('vigie_events_ivry_sur_seine');
    expect(dayTableName('vigie_events_ivry', '2024-03-01')).toBe('vigie_events_ivry_20240301');
  });

  it('hashes when asked (a clash) or when the name would be too long', () => {
    const clash = memberTableName('a-b', true);
    expect(clash).toMatch(/^vigie_events_a_b_[0-9a-f]{8}$/);
    expect(memberTableName('a_b', true)).not.toBe(clash);
    const long = memberTableName('x'.repeat(64));
    expect(long).toMatch(/_[0-9a-f]{8}$/);
    expect(dayTableName(long, '2024-03-01').length).toBeLessThanOrEqual(63);
  });
});
