import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleFiles, findConsoleDist } from './console-files';

describe('ConsoleFiles', () => {
  let root: string;
  let files: ConsoleFiles;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'vigie-console-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<html></html>');
    writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(root, '.build-stamp'), 'x');
    files = new ConsoleFiles(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('leaves the API and operational paths to their own handlers', () => {
    for (const p of ['/api', '/api/v1/alerts', '/api/docs', '/health', '/ready', '/metrics', '/api/v1/nope.json']) {
      expect(files.resolve(p)).toEqual({ kind: 'pass' });
    }
    expect(files.resolve('/apiary').kind).toBe('index');
    expect(files.resolve('/healthy').kind).toBe('index');
  });

  it('serves built files, assets as immutable', () => {
    expect(files.resolve('/assets/index-abc.js')).toEqual({
      kind: 'file',
      path: join(root, 'assets', 'index-abc.js'),
      immutable: true,
    });
    expect(files.resolve('/index.html')).toEqual({ kind: 'file', path: join(root, 'index.html'), immutable: false });
  });

  it('answers index.html for client-side routes, including the root', () => {
    for (const p of ['/', '/alerts', '/admin/members', '/events/'])
      expect(files.resolve(p)).toEqual({ kind: 'index', path: join(root, 'index.html') });
  });

  it('answers 404 for a missing file instead of the app', () => {
    expect(files.resolve('/assets/gone-123.js').kind).toBe('missing-asset');
    expect(files.resolve('/favicon.ico').kind).toBe('missing-asset');
  });

  it('never serves outside the folder nor hidden files', () => {
    expect(files.resolve('/../../etc/passwd').kind).not.toBe('file');
    expect(files.resolve('/%2e%2e/%2e%2e/etc/passwd').kind).not.toBe('file');
    expect(files.resolve('/assets/%2e%2e/%2e%2e/' + 'x.txt').kind).toBe('missing-asset');
    expect(files.resolve('/.build-stamp').kind).not.toBe('file');
    expect(files.resolve('/%E0%A4%A').kind).toBe('missing-asset');
  });

  it('says "not built" when the folder has no index.html', () => {
    const empty = new ConsoleFiles(join(root, 'nowhere'));
    expect(empty.resolve('/').kind).toBe('not-built');
    expect(empty.resolve('/alerts').kind).toBe('not-built');
    expect(empty.resolve('/api/v1/alerts').kind).toBe('pass');
  });

  it('finds apps/console/dist from this source folder', () => {
    expect(findConsoleDist()).toBe(join(__dirname, '..', '..', '..', 'console', 'dist'));
  });
});
