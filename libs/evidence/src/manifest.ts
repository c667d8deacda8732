import { createHash } from 'node:crypto';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const PUBLIC_KEY_FILE = 'public-key.pem';
/** Files of a bundle that the manifest does not list (they describe or sign it). */
export const CONTROL_FILES: readonly string[] = [MANIFEST_FILE, SIGNATURE_FILE, PUBLIC_KEY_FILE];

export type ItemStatus = 'present' | 'no-data';

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface ManifestItem {
  id: string;
  title: string;
  status: ItemStatus;
  files: string[];
}

export interface Manifest {
  format: 'vigie-evidence-bundle/1';
  generator: { name: 'vigie'; version: string };
  period: { from: string; to: string };
  scope: { members: string[] | 'all' };
  createdAt: string;
  createdBy: string;
  items: ManifestItem[];
  files: ManifestFile[];
}

export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function describeFile(path: string, body: Buffer): ManifestFile {
  return { path, size: body.length, sha256: sha256Hex(body) };
}
