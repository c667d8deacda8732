import { impactFromCia, LEVELS, severityOf, severityRank } from './severity';

describe('severity matrix', () => {
  it('maps impact × urgency', () => {
    expect(severityOf('high', 'high')).toBe('critical');
    expect(severityOf('high', 'low')).toBe('medium');
    expect(severityOf('low', 'high')).toBe('medium');
    expect(severityOf('medium', 'medium')).toBe('medium');
    expect(severityOf('low', 'low')).toBe('low');
  });

  it('never lowers severity when impact or urgency rises', () => {
    for (const i of LEVELS)
      for (const u of LEVELS) {
        const s = severityRank(severityOf(i, u));
        for (const i2 of LEVELS.slice(LEVELS.indexOf(i)))
          expect(severityRank(severityOf(i2, u))).toBeGreaterThanOrEqual(s);
        for (const u2 of LEVELS.slice(LEVELS.indexOf(u)))
          expect(severityRank(severityOf(i, u2))).toBeGreaterThanOrEqual(s);
      }
  });

  it('is symmetric', () => {
    for (const i of LEVELS) for (const u of LEVELS) expect(severityOf(i, u)).toBe(severityOf(u, i));
  });

  it('derives the impact from the worst CIA impact', () => {
    expect(impactFromCia({ confidentiality: 'none', integrity: 'none', availability: 'none' })).toBe('low');
    expect(impactFromCia({ confidentiality: 'low', integrity: 'medium', availability: 'none' })).toBe('medium');
    expect(impactFromCia({ confidentiality: 'none', integrity: 'none', availability: 'high' })).toBe('high');
  });
});
