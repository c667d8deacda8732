#!/usr/bin/env node
/*
 * Regenerates apps/console/src/api/schema.d.ts from the OpenAPI document of the
 * registry API, so the console never duplicates DTO types by hand.
 *
 *   node apps/console/scripts/generate-api-types.js                 boots the embedded app
 *                                                                   (in-memory PGlite, no ports kept)
 *   node apps/console/scripts/generate-api-types.js --url http://localhost:3000
 *                                                                   reads <url>/api/openapi.json
 *   --check   exits 1 when the committed file differs (for CI)
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '../../..');
const out = path.join(root, 'apps/console/src/api/schema.d.ts');
const args = process.argv.slice(2);
const urlAt = args.indexOf('--url');
const check = args.includes('--check');

async function fromUrl(base) {
  const res = await fetch(new URL('/api/openapi.json', base));
  if (!res.ok) throw new Error(`GET ${base}/api/openapi.json answered ${res.status}`);
  return res.json();
}

async function fromEmbeddedApp() {
  const setup = spawnSync(process.execPath, [path.join(root, 'scripts/ensure-setup.js'), '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (setup.status !== 0) throw new Error('scripts/ensure-setup.js failed');
  require(path.join(root, 'node_modules/reflect-metadata'));
  // A throw-away in-memory database: give the first admin a password so none is printed.
  process.env.VIGIE_ADMIN_PASSWORD ??= `Schema-${require('node:crypto').randomBytes(12).toString('hex')}-Aa1!`;
  const { NestFactory } = require(path.join(root, 'node_modules/@nestjs/core'));
  const { loadConfig } = require(path.join(root, 'dist/libs/config/src'));
  const { configureHttp } = require(path.join(root, 'dist/libs/core/src'));
  const { Metrics, setLogLevel } = require(path.join(root, 'dist/libs/observability/src'));
  const { EmbeddedAppModule } = require(path.join(root, 'dist/apps/vigie/src/app.module'));
  const config = loadConfig({
    profile: 'embedded',
    env: {},
    overrides: {
      'http.host': '127.0.0.1',
      'http.port': 0,
      'database.dataDir': 'memory://',
      'syslog.host': '127.0.0.1',
      'syslog.udpPort': 0,
      'syslog.tcpPort': 0,
      'log.level': 'error',
    },
  });
  setLogLevel('error');
  const app = await NestFactory.create(EmbeddedAppModule.forRoot(config, new Metrics(false)), { logger: false });
  configureHttp(app, config);
  await app.listen(0, '127.0.0.1');
  try {
    const { port } = app.getHttpServer().address();
    return await fromUrl(`http://127.0.0.1:${port}`);
  } finally {
    await app.close();
  }
}

async function main() {
  const spec = urlAt >= 0 ? await fromUrl(args[urlAt + 1]) : await fromEmbeddedApp();
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(spec, { alphabetize: true });
  const raw =
    '/* Generated from the Vigie OpenAPI document by apps/console/scripts/generate-api-types.js. Do not edit. */\n' +
    astToString(ast);
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(out)) ?? {};
  const text = await prettier.format(raw, { ...options, parser: 'typescript' });
  if (check) {
    const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
    if (current !== text) {
      process.stderr.write(
        `${path.relative(root, out)} is stale: run node apps/console/scripts/generate-api-types.js\n`,
      );
      process.exit(1);
    }
    return;
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  process.stderr.write(`wrote ${path.relative(root, out)} (${Object.keys(spec.paths ?? {}).length} paths)\n`);
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`generate-api-types: ${e.stack ?? e}\n`);
    process.exit(1);
  },
);
