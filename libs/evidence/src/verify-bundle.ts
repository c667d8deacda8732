import { CONTROL_FILES, Manifest, MANIFEST_FILE, PUBLIC_KEY_FILE, sha256Hex, SIGNATURE_FILE } from './manifest';
import { verifyBytes } from './signing';
import { readZip, ZipReadError } from './zip';

export interface VerificationReport {
  ok: boolean;
  /** Whether the signature of manifest.json is valid for the key used. */
  signature: 'valid' | 'invalid' | 'missing';
  /** Which key was used: the one given by the auditor, or the one shipped in the bundle. */
  keySource: 'given' | 'bundle';
  checked: number;
  changed: string[];
  added: string[];
  removed: string[];
  problems: string[];
  manifest?: Pick<Manifest, 'generator' | 'period' | 'scope' | 'createdAt' | 'createdBy'>;
}

/**
 * Checks a bundle offline: the Ed25519 signature of manifest.json, then every
 * listed file's size and SHA-256, and names files changed, added or removed.
 * With no public key given, the bundle's own key only proves integrity, not
 * origin: the report says which key was used.
 */
export async function verifyBundle(zip: Buffer, publicKeyPem?: string): Promise<VerificationReport> {
  const report: VerificationReport = {
    ok: false,
    signature: 'missing',
    keySource: publicKeyPem ? 'given' : 'bundle',
    checked: 0,
    changed: [],
    added: [],
    removed: [],
    problems: [],
  };
  let files: Map<string, Buffer>;
  try {
    files = await readZip(zip);
  } catch (e) {
    report.problems.push(e instanceof ZipReadError ? e.message : String(e));
    return report;
  }
  const manifestBytes = files.get(MANIFEST_FILE);
  if (!manifestBytes) {
    report.problems.push(`${MANIFEST_FILE} is missing`);
    return report;
  }
  const sig = files.get(SIGNATURE_FILE);
  const key = publicKeyPem ?? files.get(PUBLIC_KEY_FILE)?.toString('utf8');
  if (!sig) report.problems.push(`${SIGNATURE_FILE} is missing`);
  else if (!key) report.problems.push(`${PUBLIC_KEY_FILE} is missing and no public key was given`);
  else {
    report.signature = verifyBytes(manifestBytes, sig.toString('utf8'), key) ? 'valid' : 'invalid';
    if (report.signature === 'invalid')
      report.problems.push(
        `signature of ${MANIFEST_FILE} is invalid (file ${MANIFEST_FILE} or ${SIGNATURE_FILE} changed, or another key)`,
      );
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
    if (!Array.isArray(manifest.files)) throw new Error('no file list');
  } catch (e) {
    report.problems.push(`${MANIFEST_FILE} is not a valid manifest: ${(e as Error).message}`);
    return report;
  }
  report.manifest = {
    generator: manifest.generator,
    period: manifest.period,
    scope: manifest.scope,
    createdAt: manifest.createdAt,
    createdBy: manifest.createdBy,
  };
  const listed = new Set<string>();
  for (const f of manifest.files) {
    listed.add(f.path);
    const body = files.get(f.path);
    if (!body) {
      report.removed.push(f.path);
      continue;
    }
    report.checked++;
    if (body.length !== f.size || sha256Hex(body) !== f.sha256) report.changed.push(f.path);
  }
  for (const p of [...files.keys()].sort()) if (!listed.has(p) && !CONTROL_FILES.includes(p)) report.added.push(p);
  for (const p of report.changed) report.problems.push(`file changed: ${p}`);
  for (const p of report.removed) report.problems.push(`file removed: ${p}`);
  for (const p of report.added) report.problems.push(`file added: ${p}`);
  report.ok = report.signature === 'valid' && report.problems.length === 0;
  return report;
}
