import { Controller, Get, Next, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@vigie/auth';
import type { NextFunction, Request, Response } from 'express';
import { ConsoleFiles } from './console-files';
import { NOT_BUILT_PAGE } from './not-built.page';

/** Served with the console's HTML: its scripts and styles come from this origin only (Mantine needs inline styles). */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/**
 * The web console: the static files of apps/console/dist at `/`, and index.html
 * for every other non-API path so client-side routes survive a reload. API,
 * health, readiness and metrics paths pass through to their own handlers (or 404).
 */
@ApiExcludeController()
@Controller()
export class ConsoleController {
  constructor(private readonly files: ConsoleFiles) {}

  @Get('{*path}')
  @Public()
  serve(@Req() req: Request, @Res() res: Response, @Next() next: NextFunction): void {
    const answer = this.files.resolve(req.path);
    switch (answer.kind) {
      case 'pass':
        return next();
      case 'not-built':
        res.status(200).type('html').set('cache-control', 'no-store').send(NOT_BUILT_PAGE);
        return;
      case 'missing-asset':
        res.status(404).type('text').send('Not found');
        return;
      case 'index':
        res.set({ 'cache-control': 'no-cache', 'content-security-policy': CSP });
        return res.sendFile(answer.path, { dotfiles: 'deny' }, (err) => err && next(err));
      case 'file':
        res.set('cache-control', answer.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        return res.sendFile(answer.path, { dotfiles: 'deny' }, (err) => err && next(err));
    }
  }
}
