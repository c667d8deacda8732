import { attackCoverage, attackTagsOf } from './attack-coverage';

describe('ATT&CK coverage', () => {
  it('reads technique and tactic tags in Sigma 1 and 2 spellings', () => {
    expect(
      attackTagsOf([
        'attack.credential_access',
        'ATTACK.T1110.001',
        'attack.t1078',
        'attack.ta0003',
        'cve.2021-44228',
        'attack.g0016',
        'attack.s0002',
      ]),
    ).toEqual({ techniques: ['T1078', 'T1110.001'], tactics: ['TA0003', 'TA0006'] });
    expect(attackTagsOf(['attack.command-and-control', 'attack.command_and_control'])).toEqual({
      techniques: [],
      tactics: ['TA0011'],
    });
  });

  it('maps techniques to rules and groups them by the tactics of their rules', () => {
    const c = attackCoverage([
      { id: 'brute', tags: ['attack.credential-access', 'attack.t1110.001'] },
      { id: 'fail', tags: ['attack.credential-access', 'attack.t1110'] },
      { id: 'valid', tags: ['attack.initial-access', 'attack.persistence', 'attack.t1078'] },
      { id: 'none', tags: ['detection.threat-hunting'] },
    ]);
    expect(c.rules).toBe(4);
    expect(c.rulesWithTechniques).toBe(3);
    expect(c.techniques).toEqual({ T1078: ['valid'], T1110: ['fail'], 'T1110.001': ['brute'] });
    expect(c.parentTechniques).toEqual(['T1078', 'T1110']);
    expect(c.details.find((d) => d.id === 'T1110.001')).toEqual({
      id: 'T1110.001',
      parent: 'T1110',
      rules: ['brute'],
      tactics: ['TA0006'],
    });
    const by = Object.fromEntries(c.tactics.map((t) => [t.name, t.techniques]));
    expect(by['credential-access']).toEqual(['T1110', 'T1110.001']);
    expect(by['persistence']).toEqual(['T1078']);
    expect(by['initial-access']).toEqual(['T1078']);
    expect(by['impact']).toEqual([]);
    expect(c.tactics.map((t) => t.id).slice(0, 3)).toEqual(['TA0043', 'TA0042', 'TA0001']);
  });
});
