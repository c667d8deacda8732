import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Throw-away X.509 material for TLS tests, made with the `openssl` command at
 * run time in a temporary folder: a CA, a server certificate for 127.0.0.1 /
 * localhost, and client certificates on demand. Nothing is committed.
 */
export interface TestPki {
  dir: string;
  /** File paths, as the settings take them. */
  caFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  ca: Buffer;
  /** A client certificate signed by this CA (or by a stranger CA with `untrusted`). */
  client(subject: { CN: string; OU?: string; dns?: string[] }, options?: { untrusted?: boolean }): { cert: Buffer; key: Buffer };
  cleanup(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

const subj = (s: { CN: string; OU?: string }) => `${s.OU ? `/OU=${s.OU}` : ''}/O=Vigie tests/CN=${s.CN}`;

function makeCa(dir: string, name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  openssl(
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', `/O=Vigie tests/CN=${name}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-keyout', key, '-out', cert],
    dir,
  );
  return { cert, key };
}

function makeLeaf(dir: string, name: string, ca: { cert: string; key: string }, subject: string, ext: string): { cert: string; key: string } {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.crt`);
  const extFile = join(dir, `${name}.ext`);
  writeFileSync(extFile, ext);
  openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', subject, '-keyout', key, '-out', csr], dir);
  openssl(['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-days', '2', '-extfile', extFile, '-out', cert], dir);
  return { cert, key };
}

export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-pki-'));
  const ca = makeCa(dir, 'vigie-test-ca');
  const server = makeLeaf(dir, 'server', ca, '/O=Vigie tests/CN=localhost', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  let stranger: { cert: string; key: string } | undefined;
  let n = 0;
  return {
    dir,
    caFile: ca.cert,
    serverCertFile: server.cert,
    serverKeyFile: server.key,
    ca: readFileSync(ca.cert),
    client(subject, options = {}) {
      const signer = options.untrusted ? (stranger ??= makeCa(dir, 'stranger-ca')) : ca;
      const san = subject.dns?.length ? `subjectAltName=${subject.dns.map((d) => `DNS:${d}`).join(',')}\n` : '';
      const leaf = makeLeaf(dir, `client-${++n}`, signer, subj(subject), `${san}extendedKeyUsage=clientAuth\n`);
      return { cert: readFileSync(leaf.cert), key: readFileSync(leaf.key) };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
