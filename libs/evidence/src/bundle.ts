import { canonicalJson } from './canonical-json';
import { Framework } from './framework';
import { renderIndexHtml } from './index-html';
import { describeFile, Manifest, MANIFEST_FILE, ManifestItem, PUBLIC_KEY_FILE, SIGNATURE_FILE } from './manifest';
import { publicKeyOf, signBytes } from './signing';
import { writeZip, ZipEntry } from './zip';

export interface EvidenceItem {
  id: string;
  title: string;
  /** The item's files; an item with no data carries one file saying so. */
  files: ZipEntry[];
  empty: boolean;
}

export interface BundleInput {
  generatorVersion: string;
  period: { from: string; to: string };
  members: string[] | 'all';
  createdAt: string;
  createdBy: string;
  items: readonly EvidenceItem[];
  frameworks: readonly Framework[];
  privateKeyPem: string;
}

export interface Bundle {
  zip: Buffer;
  manifest: Manifest;
}

export class BundleError extends Error {}

/** Assembles the signed ZIP: data files, index.html, manifest.json, manifest.sig, public-key.pem. */
export async function buildBundle(input: BundleInput): Promise<Bundle> {
  const files = new Map<string, Buffer>();
  const items: ManifestItem[] = [];
  for (const item of [...input.items].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    for (const f of item.files) {
      if (files.has(f.path)) throw new BundleError(`two files named ${f.path}`);
      files.set(f.path, f.body);
    }
    items.push({
      id: item.id,
      title: item.title,
      status: item.empty ? 'no-data' : 'present',
      files: item.files.map((f) => f.path).sort(),
    });
  }
  const head = {
    generator: { name: 'vigie' as const, version: input.generatorVersion },
    period: input.period,
    scope: { members: input.members === 'all' ? ('all' as const) : [...input.members].sort() },
    items,
  };
  files.set('index.html', Buffer.from(renderIndexHtml(head, input.frameworks)));
  for (const fw of input.frameworks) files.set(`frameworks/${fw.id}.json`, Buffer.from(canonicalJson(fw)));
  const paths = [...files.keys()].sort();
  const manifest: Manifest = {
    format: 'vigie-evidence-bundle/1',
    ...head,
    createdAt: input.createdAt,
    createdBy: input.createdBy,
    files: paths.map((p) => describeFile(p, files.get(p)!)),
  };
  const manifestBytes = Buffer.from(canonicalJson(manifest));
  const entries: ZipEntry[] = paths.map((path) => ({ path, body: files.get(path)! }));
  entries.push(
    { path: MANIFEST_FILE, body: manifestBytes },
    { path: SIGNATURE_FILE, body: Buffer.from(signBytes(manifestBytes, input.privateKeyPem) + '\n') },
    { path: PUBLIC_KEY_FILE, body: Buffer.from(publicKeyOf(input.privateKeyPem)) },
  );
  return { zip: await writeZip(entries), manifest };
}
