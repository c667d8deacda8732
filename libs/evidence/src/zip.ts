import JSZip from 'jszip';

/** Every entry of a bundle carries this modification time, so the same files give the same ZIP bytes. */
export const PINNED_ZIP_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

export interface ZipEntry {
  path: string;
  body: Buffer;
}

/** A deflated ZIP with entries in path order, fixed timestamps and fixed permissions. */
export async function writeZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new JSZip();
  for (const e of [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)))
    zip.file(e.path, e.body, { date: PINNED_ZIP_DATE, binary: true, createFolders: false, unixPermissions: 0o644 });
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'UNIX',
  });
}

export class ZipReadError extends Error {}

/** The files of a ZIP (directories skipped). */
export async function readZip(data: Buffer): Promise<Map<string, Buffer>> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data, { checkCRC32: false });
  } catch (e) {
    throw new ZipReadError(`not a readable ZIP file: ${(e as Error).message}`);
  }
  const out = new Map<string, Buffer>();
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir) continue;
    try {
      out.set(name, await file.async('nodebuffer'));
    } catch (e) {
      throw new ZipReadError(`entry ${name} cannot be read: ${(e as Error).message}`);
    }
  }
  return out;
}
