import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadRulePack,
  parsePlaceholders,
  PlaceholdersError,
  readRuleDirectory,
  RuleDirectoryError,
} from './rule-pack.loader';
import { bundledPack } from './scenarios/scenario-harness';

describe('rule pack loader', () => {
  it('reads *.yml and *.yaml recursively, sorted, skipping hidden entries and other files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-pack-'));
    mkdirSync(join(dir, 'sub'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'b.yml'), 'x');
    writeFileSync(join(dir, 'a.YAML'), 'x');
    writeFileSync(join(dir, 'sub', 'c.yml'), 'x');
    writeFileSync(join(dir, '.git', 'd.yml'), 'x');
    writeFileSync(join(dir, 'README.md'), 'x');
    expect(readRuleDirectory(dir, 'pack').map((s) => s.path)).toEqual(['pack/a.YAML', 'pack/b.yml', 'pack/sub/c.yml']);
    expect(() => readRuleDirectory(join(dir, 'nope'))).toThrow(RuleDirectoryError);
    expect(() => readRuleDirectory(join(dir, 'b.yml'))).toThrow(/not a directory/);
  });

  it('parses placeholders and rejects malformed ones', () => {
    expect(parsePlaceholders('a: [x, 1]\nb: y\n')).toEqual({ a: ['x', '1'], b: ['y'] });
    expect(parsePlaceholders('')).toEqual({});
    expect(() => parsePlaceholders('a: [{b: 1}]')).toThrow(PlaceholdersError);
    expect(() => parsePlaceholders('- a')).toThrow(PlaceholdersError);
  });

  it('makes a rule using a placeholder without a value unsupported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-pack-'));
    writeFileSync(
      join(dir, 'r.yml'),
      "title: t\nlogsource: {product: linux}\ndetection:\n  sel: {user.name|expand: '%nobody%'}\n  condition: sel\n",
    );
    const pack = loadRulePack({ dirs: [dir], placeholders: {} });
    expect(pack.documents[0].result).toEqual({ status: 'unsupported', feature: 'placeholder %nobody% has no value' });
  });

  it('loads every bundled rule ok, with a UUID id, level, description and ATT&CK tags', () => {
    const pack = bundledPack();
    expect(pack.problems).toEqual([]);
    expect(pack.documents.length).toBeGreaterThanOrEqual(20);
    const ids = new Set<string>();
    for (const r of pack.rules) {
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(ids.has(r.id!)).toBe(false);
      ids.add(r.id!);
      expect(r.level).toBeDefined();
      expect(r.description?.length).toBeGreaterThan(20);
      expect(r.tags.some((t) => /^attack\.t\d{4}(\.\d{3})?$/.test(t))).toBe(true);
      expect(r.tags.some((t) => /^attack\.[a-z]+(-[a-z]+)*$/.test(t) && !/^attack\.t\d/.test(t))).toBe(true);
    }
  });
});
