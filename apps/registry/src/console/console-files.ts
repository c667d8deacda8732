import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { Injectable } from '@nestjs/common';

/** Paths the console never answers: the API and the operational endpoints keep their own 404s. */
const NOT_CONSOLE = /^\/(api|health|ready|metrics)(\/|$)/;

export type ConsoleAnswer =
  | { kind: 'pass' }
  | { kind: 'file'; path: string; immutable: boolean }
  | { kind: 'index'; path: string }
  | { kind: 'missing-asset' }
  | { kind: 'not-built' };

/** Finds `apps/console/dist` from the source tree (jest) or the compiled tree (`dist/apps/...`). */
export function findConsoleDist(from = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'apps', 'console', 'index.html')) || existsSync(join(dir, 'apps', 'console', 'dist'))) {
      return join(dir, 'apps', 'console', 'dist');
    }
    const up = dirname(dir);
    if (up === dir) return resolve('apps/console/dist');
    dir = up;
  }
}

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/**
 * Decides what a GET answers: a built file, index.html for a client-side route
 * (SPA fallback), a 404 for a missing asset, or the "not built" page. The dist
 * folder is looked at on each request, so a console built after start-up is
 * served without a restart.
 */
@Injectable()
export class ConsoleFiles {
  constructor(readonly root: string = findConsoleDist()) {}

  resolve(urlPath: string): ConsoleAnswer {
    if (NOT_CONSOLE.test(urlPath)) return { kind: 'pass' };
    const index = join(this.root, 'index.html');
    if (!isFile(index)) return { kind: 'not-built' };
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return { kind: 'missing-asset' };
    }
    if (decoded.includes('\0')) return { kind: 'missing-asset' };
    const relative = normalize(decoded).replace(/^([/\\])+/, '');
    const target = join(this.root, relative);
    const inside = target === this.root || target.startsWith(this.root + sep);
    const hidden = relative.split(/[/\\]/).some((part) => part.startsWith('.'));
    if (inside && !hidden && relative !== '' && isFile(target)) {
      return {
        kind: 'file',
        path: target,
        immutable: relative.startsWith(`assets${sep}`) || relative.startsWith('assets/'),
      };
    }
    // A request for a file (an extension in the last segment) that is not there is a 404, not the app.
    if (/\.[A-Za-z0-9]{1,8}$/.test(decoded)) return { kind: 'missing-asset' };
    return { kind: 'index', path: index };
  }
}
