#!/usr/bin/env node
/*
 * Makes a fresh checkout runnable: installs dependencies when node_modules is
 * missing or older than package-lock.json, and compiles when any source file is
 * newer than the last build. Used by `npm start`, `npm test` and `npm run vigie`.
 *   --no-build  install only
 *   --quiet     print nothing unless something is done
 *   --no-console  skip the web console (command-line use)
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const say = (m) => process.stderr.write(`[setup] ${m}\n`);

function mtime(p) {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

function newestSource(dirs) {
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
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, mtime(p));
    }
  };
  dirs.forEach((d) => walk(path.join(root, d)));
  return Math.max(newest, mtime(path.join(root, 'tsconfig.json')), mtime(path.join(root, 'tsconfig.build.json')));
}

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'] });
  if (r.status !== 0) {
    say(`${cmd} ${cmdArgs.join(' ')} failed (exit ${r.status})`);
    process.exit(r.status || 1);
  }
}

const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');
if (!fs.existsSync(installed) || mtime(installed) < mtime(lock) - 1000) {
  say('installing dependencies (npm ci)...');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

if (!args.has('--no-build')) {
  const stamp = path.join(root, 'dist', '.build-stamp');
  if (newestSource(['apps', 'libs', 'bench']) > mtime(stamp)) {
    if (!quiet) say('compiling...');
    const t = Date.now();
    run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
    run(process.execPath, [path.join(root, 'node_modules/tsc-alias/dist/bin/index.js'), '-p', 'tsconfig.build.json']);
    fs.mkdirSync(path.dirname(stamp), { recursive: true });
    fs.writeFileSync(stamp, new Date().toISOString());
    if (!quiet) say(`compiled in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  // The web console (apps/console): rebuilt only when its sources changed.
  if (!args.has('--no-console')) run(process.execPath, [path.join(root, 'scripts/build-console.js'), ...(quiet ? ['--quiet'] : [])]);
}
