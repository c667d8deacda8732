import { join } from 'node:path';
import { buildBundle, EvidenceItem } from './bundle';
import { controlStatus, loadFrameworks, parseFramework } from './framework';
import { generateSigningKey } from './signing';
import { verifyBundle } from './verify-bundle';
import { readZip, writeZip } from './zip';

const frameworks = loadFrameworks(join(__dirname, '../../../config/frameworks'));
const key = generateSigningKey();

function items(csv = 'a,b\n1,2\n'): EvidenceItem[] {
  return [
    {
      id: 'incident-log',
      title: 'Incident log',
      empty: false,
      files: [{ path: 'incidents/incident-log.csv', body: Buffer.from(csv) }],
    },
    {
      id: 'alert-stats',
      title: 'Alert statistics',
      empty: true,
      files: [{ path: 'alerts/README.txt', body: Buffer.from('no data\n') }],
    },
  ];
}

const input = (createdAt: string, its = items()) => ({
  generatorVersion: '0.1.0',
  period: { from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' },
  members: ['ivry'],
  createdAt,
  createdBy: 'auditor1',
  items: its,
  frameworks,
  privateKeyPem: key.privateKeyPem,
});

async function rezip(zip: Buffer, change: (files: Map<string, Buffer>) => void): Promise<Buffer> {
  const files = await readZip(zip);
  change(files);
  return writeZip([...files].map(([path, body]) => ({ path, body })));
}

describe('frameworks', () => {
  it('has the 42 hygiene measures, the 8 programme themes and the ISO controls', () => {
    const count = (id: string) => frameworks.find((f) => f.id === id)!.sections.flatMap((s) => s.controls).length;
    expect(count('anssi-hygiene')).toBe(42);
    expect(frameworks.find((f) => f.id === 'anssi-hygiene')!.sections).toHaveLength(10);
    expect(count('anssi-programme')).toBe(8);
    const iso = frameworks.find((f) => f.id === 'iso27001-2022')!.sections.flatMap((s) => s.controls.map((c) => c.id));
    expect(iso).toEqual(
      expect.arrayContaining([
        'A.5.24',
        'A.5.25',
        'A.5.26',
        'A.5.27',
        'A.5.28',
        'A.6.8',
        'A.8.15',
        'A.8.16',
        'A.8.17',
        '10.2',
      ]),
    );
  });

  it('rates a control present, partial or missing from its items', () => {
    const c = { id: 'x', title: 'x', evidence: ['a', 'b'], statement: null, attachments: [] };
    expect(
      controlStatus(
        c,
        new Map([
          ['a', 'present'],
          ['b', 'present'],
        ]),
      ),
    ).toBe('present');
    expect(
      controlStatus(
        c,
        new Map([
          ['a', 'present'],
          ['b', 'no-data'],
        ]),
      ),
    ).toBe('partial');
    expect(controlStatus(c, new Map([['a', 'no-data']]))).toBe('missing');
  });

  it('rejects a control listed twice', () => {
    expect(() =>
      parseFramework(
        'id: f\ntitle: F\nsections:\n  - id: s\n    controls:\n      - {id: "1", title: a, evidence: []}\n      - {id: "1", title: b, evidence: []}\n',
      ),
    ).toThrow(/appears twice/);
  });
});

describe('bundle', () => {
  it('verifies a fresh bundle and lists every file in the manifest', async () => {
    const { zip, manifest } = await buildBundle(input('2026-02-01T10:00:00.000Z'));
    const report = await verifyBundle(zip);
    expect(report).toMatchObject({ ok: true, signature: 'valid', changed: [], added: [], removed: [] });
    expect(manifest.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['index.html', 'incidents/incident-log.csv', 'alerts/README.txt']),
    );
    expect(report.checked).toBe(manifest.files.length);
    expect(manifest.items.find((i) => i.id === 'alert-stats')!.status).toBe('no-data');
    const html = (await readZip(zip)).get('index.html')!.toString();
    expect(html).toContain('A.8.15');
    expect(html).toContain('no data');
  });

  it('gives the same file hashes for the same data; only creation time and signature differ', async () => {
    const a = await buildBundle(input('2026-02-01T10:00:00.000Z'));
    const b = await buildBundle(input('2026-03-01T10:00:00.000Z'));
    expect(a.manifest.files).toEqual(b.manifest.files);
    const fa = await readZip(a.zip);
    const fb = await readZip(b.zip);
    expect([...fa.keys()]).toEqual([...fb.keys()]);
    const differing = [...fa.keys()].filter((k) => !fa.get(k)!.equals(fb.get(k)!));
    expect(differing.sort()).toEqual(['manifest.json', 'manifest.sig']);
  });

  it('names a file whose bytes changed', async () => {
    const { zip } = await buildBundle(input('2026-02-01T10:00:00.000Z'));
    const tampered = await rezip(zip, (f) => {
      const body = Buffer.from(f.get('incidents/incident-log.csv')!);
      body[0] ^= 1;
      f.set('incidents/incident-log.csv', body);
    });
    const report = await verifyBundle(tampered);
    expect(report.ok).toBe(false);
    expect(report.changed).toEqual(['incidents/incident-log.csv']);
    expect(report.signature).toBe('valid');
  });

  it('names files added or removed, and rejects a manifest edit or a foreign key', async () => {
    const { zip } = await buildBundle(input('2026-02-01T10:00:00.000Z'));
    const moved = await rezip(zip, (f) => {
      f.delete('alerts/README.txt');
      f.set('extra.txt', Buffer.from('x'));
    });
    const r1 = await verifyBundle(moved);
    expect(r1).toMatchObject({ ok: false, removed: ['alerts/README.txt'], added: ['extra.txt'] });
    const edited = await rezip(zip, (f) =>
      f.set('manifest.json', Buffer.from(f.get('manifest.json')!.toString().replace('auditor1', 'auditor2'))),
    );
    expect((await verifyBundle(edited)).signature).toBe('invalid');
    const other = generateSigningKey();
    const r3 = await verifyBundle(zip, other.publicKeyPem);
    expect(r3).toMatchObject({ ok: false, signature: 'invalid', keySource: 'given' });
    expect((await verifyBundle(zip, key.publicKeyPem)).ok).toBe(true);
  });

  it('reports a file that is not a ZIP', async () => {
    const r = await verifyBundle(Buffer.from('not a zip'));
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatch(/ZIP/);
  });
});
