#!/usr/bin/env node
/*
 * Builds the web console (apps/console) into apps/console/dist with Vite when
 * the dist is missing or older than any of its sources. The registry app serves
 * that folder at `/`.
 *   --force   build even when up to date
 *   --quiet   print nothing unless something is built
 * Exit 0 when up to date or built; 1 when the build failed; 0 with a warning
 * when Vite is not installed (the app then answers `/` with a "not built" page).
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const consoleDir = path.join(root, 'apps/console');
const dist = path.join(consoleDir, 'dist');
const stamp = path.join(dist, '.build-stamp');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const say = (m) => process.stderr.write(`[console] ${m}\n`);

function mtime(p) {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

/** Newest modification time among the console's sources and the API types they use. */
function newestSource() {
  let newest = 0;
  const walk = (d) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, mtime(p));
    }
  };
  walk(path.join(consoleDir, 'src'));
  walk(path.join(consoleDir, 'public'));
  for (const f of ['index.html', 'vite.config.ts', 'tsconfig.json'])
    newest = Math.max(newest, mtime(path.join(consoleDir, f)));
  return Math.max(newest, mtime(path.join(root, 'package-lock.json')));
}

/** True when apps/console/dist holds a build at least as new as every source. */
function upToDate() {
  return fs.existsSync(path.join(dist, 'index.html')) && mtime(stamp) >= newestSource();
}

function build() {
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  if (!fs.existsSync(vite)) {
    say('Vite is not installed (npm install): the console is not built; the API works without it');
    return 0;
  }
  if (!quiet) say('building the web console (vite build apps/console)...');
  const t = Date.now();
  const r = spawnSync(process.execPath, [vite, 'build', consoleDir, '--logLevel', quiet ? 'error' : 'warn'], {
    cwd: root,
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
  });
  if (r.status !== 0) {
    say(`vite build failed (exit ${r.status})`);
    return 1;
  }
  fs.writeFileSync(stamp, new Date().toISOString());
  if (!quiet) say(`built in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return 0;
}

module.exports = { upToDate, build, dist };

if (require.main === module) {
  if (!args.has('--force') && upToDate()) {
    if (!quiet) say('up to date');
    process.exit(0);
  }
  process.exit(build());
}
