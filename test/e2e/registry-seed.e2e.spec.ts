import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Profile } from '@vigie/config';
import { buildProgram } from '@vigie/cli/main';
import { CliContext } from '@vigie/cli/cli-context';
import { openDatabase } from '@vigie/cli/commands/database';

class CapturingContext extends CliContext {
  lines: string[] = [];
  constructor() {
    super(() => 'embedded' as Profile);
  }
  override out(text: string): void {
    this.lines.push(text);
  }
  override err(text: string): void {
    this.lines.push(`ERR ${text}`);
  }
}

describe('vigie seed demo (CLI, PGlite on disk)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-seed-'));
  const saved = process.env.VIGIE_DATABASE_DATA_DIR;
  beforeAll(() => {
    process.env.VIGIE_DATABASE_DATA_DIR = join(dir, 'pglite');
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.VIGIE_DATABASE_DATA_DIR;
    else process.env.VIGIE_DATABASE_DATA_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (...args: string[]) => {
    const ctx = new CapturingContext();
    await buildProgram(ctx).parseAsync(['node', 'vigie', ...args]);
    return ctx;
  };

  it('loads the members and the catalogue once, then changes nothing', async () => {
    const first = await run('seed', 'demo', '--json');
    const r1 = JSON.parse(first.lines[0]);
    expect(r1).toMatchObject({ membersCreated: 12, catalogueRows: 59 });
    expect(r1.applicationsCreated).toBe(r1.applicationsInCatalogue);
    expect(r1.applicationsInCatalogue).toBeGreaterThanOrEqual(54);
    expect(r1.warnings).toEqual([expect.stringContaining('Mélodie')]);
    const second = await run('seed', 'demo', '--json');
    expect(JSON.parse(second.lines[0])).toMatchObject({ membersCreated: 0, applicationsCreated: 0 });
    const ds = await openDatabase(new CapturingContext().config());
    try {
      const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM vigie_applications');
      expect(Number(n)).toBe(r1.applicationsInCatalogue);
      const members = (await ds.query('SELECT code, siren FROM vigie_members ORDER BY code')).map((m: { code: string }) => m.code);
      expect(members).toEqual(expect.arrayContaining(['arcueil', 'gentilly', 'ivry', 'villejuif', 'vitry', 'gosb', 'saf94', 'sidoresto', 'theatre-vitez', 'coop-ivry', 'valdevy', 'logirep', 'unattributed']));
      const audit = await ds.query(`SELECT actor FROM vigie_audit WHERE action = 'seed.demo'`);
      expect(audit).toEqual([{ actor: 'cli:seed demo' }]);
    } finally {
      await ds.destroy();
    }
  });
});
