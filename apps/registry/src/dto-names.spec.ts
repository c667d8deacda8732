import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.ts` file under `dir`, tests left out. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('API request and query classes', () => {
  // The OpenAPI document names a schema after its class: two classes of one name would share one
  // schema, and one of the routes would be documented (and typed in the console) with the other's body.
  it('have names unique across the apps and libraries', () => {
    const root = join(__dirname, '../../..');
    const where = new Map<string, string[]>();
    for (const file of [...sources(join(root, 'apps')), ...sources(join(root, 'libs'))]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^export (?:abstract )?class (\w+Dto)\b/gm)) {
        where.set(m[1]!, [...(where.get(m[1]!) ?? []), file.slice(root.length + 1)]);
      }
    }
    expect(where.size).toBeGreaterThan(20);
    expect([...where].filter(([, files]) => files.length > 1)).toEqual([]);
  });
});
