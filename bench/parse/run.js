/* eslint-disable @typescript-eslint/no-require-imports */
/* global require, __dirname, process */
/* Runs a TypeScript entry point (default: bench-parse.ts) with @swc/core, resolving the @vigie/* path aliases.
 * Usage: node bench/parse/run.js [entry.ts] [args...] */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../..');
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, parent, ...rest) {
  const m = /^@vigie\/([\w-]+)$/.exec(request);
  if (m) request = path.join(root, m[1] === 'testing' ? 'test/support' : `libs/${m[1]}/src`);
  return originalResolve.call(this, request, parent, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

const entry =
  process.argv[2] && process.argv[2].endsWith('.ts')
    ? path.resolve(process.argv[2])
    : path.join(__dirname, 'bench-parse.ts');
const mod = require(entry);
if (typeof mod.main === 'function') mod.main();
