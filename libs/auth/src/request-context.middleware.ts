import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { RequestContext } from './request-context';

/** Opens the request context (request id, source address) around the whole request. */
export function requestContextMiddleware(req: Request & { id?: string }, res: Response, next: NextFunction): void {
  const incoming = req.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && /^[\w.:-]{1,80}$/.test(incoming) ? incoming : randomUUID();
  req.id = requestId;
  res.setHeader('x-request-id', requestId);
  RequestContext.run({ requestId, sourceIp: req.ip?.replace(/^::ffff:/, '') }, () => next());
}
