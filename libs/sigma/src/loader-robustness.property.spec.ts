import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadRules } from './rule-loader';
import { SigmaEngine } from './sigma-engine';
import { ecsMapping } from './spec-helpers';

const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.double());
const fieldKey = fc
  .tuple(
    fc.constantFrom('EventID', 'Image', 'CommandLine', 'x.y', '', 'User'),
    fc.array(
      fc.constantFrom(
        'contains',
        'all',
        're',
        'cidr',
        'base64offset',
        'windash',
        'neq',
        'gt',
        'exists',
        'expand',
        'cased',
        'bogus',
        'i',
      ),
      { maxLength: 3 },
    ),
  )
  .map(([f, mods]) => [f, ...mods].join('|'));
const selection = fc.oneof(
  fc.dictionary(fieldKey, fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }))),
  fc.array(fc.string(), { maxLength: 3 }),
  scalar,
);
const detection = fc
  .tuple(
    fc.dictionary(fc.constantFrom('sel', 'sel2', 'filter', '_x', 'keywords'), selection),
    fc.oneof(
      fc.string(),
      fc.constantFrom('sel', 'sel and not filter', '1 of sel*', 'all of them', 'sel or (sel2 and not _x)'),
    ),
  )
  .map(([ids, condition]) => ({ ...ids, condition }));

describe('loader and engine robustness', () => {
  it('loadRules never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const res = loadRules([{ path: 'f.yml', text }], { mapping: ecsMapping() });
        expect(res.rules.length + res.problems.length).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('loadRules never throws on arbitrary rule-shaped documents, and loaded rules evaluate arbitrary events', () => {
    fc.assert(
      fc.property(
        detection,
        fc.record({
          product: fc.constantFrom('windows', 'linux', 'zz'),
          service: fc.constantFrom('security', 'sshd', 'x'),
        }),
        fc.object({ maxDepth: 3 }),
        (det, logsource, event) => {
          const text = stringify({ title: 't', logsource, detection: det });
          const res = loadRules([{ path: 'f.yml', text }], { mapping: ecsMapping(), placeholders: { a: ['b'] } });
          for (const p of res.problems) expect(['invalid', 'unsupported']).toContain(p.status);
          const engine = new SigmaEngine(res.rules);
          expect(Array.isArray(engine.evaluate(event as Record<string, unknown>))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
