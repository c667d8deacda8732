import { Controller, HttpCode, Post, Req, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiKeyAccess, RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { VigieConfig } from '@vigie/config';
import type { Request, Response } from 'express';
import { IngestBodyError, ingestFormat, readIngestBody } from './ingest-body';
import { RawPublisher } from './raw-publisher';

/** Seconds a sender is asked to wait when the bus is saturated. */
const RETRY_AFTER_SECONDS = 5;

export class IngestAcceptedDto {
  @ApiProperty({ example: 120, description: 'Messages accepted and published on siem.raw.v1' })
  accepted: number;
}

/**
 * HTTP intake for log shippers: a member API key, NDJSON or text lines. Each
 * line becomes one raw message of the key's member, like a syslog line.
 */
@ApiTags('ingest')
@Controller('api/v1/ingest')
export class IngestController {
  constructor(
    private readonly config: VigieConfig,
    private readonly publisher: RawPublisher,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiKeyAccess()
  @ApiOperation({
    summary: 'Send log lines (member API key in x-api-key)',
    description:
      '`text/plain`: one syslog message a line. `application/x-ndjson`: one JSON object a line, either ' +
      '`{"message", "host"?, "timestamp"?}` or an event object kept verbatim. `application/json`: an object or an array. ' +
      'The member is the API key\'s. The body is accepted whole or refused whole (400 names the lines at fault). ' +
      '503 with Retry-After while the bus is saturated; 413 above http.bodyLimit.',
  })
  @ApiConsumes('application/x-ndjson', 'text/plain', 'application/json')
  @ApiBody({ schema: { type: 'string', example: '{"message":"sshd[811]: Accepted publickey for deploy from 10.1.2.3 port 50022 ssh2","host":"web01"}' } })
  @ApiAcceptedResponse({ type: IngestAcceptedDto })
  async ingest(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<IngestAcceptedDto> {
    const principal = RequestContext.requirePrincipal();
    const member = principal.kind === 'api-key' && principal.members !== 'all' ? principal.members[0] : undefined;
    if (!member) throw new DomainError('forbidden', 'member_api_key_required', 'Only a member API key can send events');
    const format = ingestFormat(req.headers['content-type']);
    if (!format) {
      this.publisher.countError('http', 'unsupported_media_type');
      throw new UnsupportedMediaTypeException({
        code: 'unsupported_media_type',
        message: 'Send application/x-ndjson, text/plain or application/json',
      });
    }
    if (this.publisher.saturated) {
      this.publisher.countError('http', 'saturated');
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      throw new DomainError('unavailable', 'intake_saturated', 'The event bus is saturated; retry later', undefined, {
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      });
    }
    const receivedAt = new Date();
    const body = isEmptyParse(req.body) && format !== 'json' ? '' : req.body;
    let messages;
    try {
      messages = readIngestBody(body, format, this.config.get('syslog.maxMessageSize'), receivedAt);
    } catch (e) {
      if (!(e instanceof IngestBodyError)) throw e;
      this.publisher.countError('http', e.code);
      throw new DomainError('invalid', e.code, e.message, e.fields.length ? e.fields : undefined);
    }
    const ip = (req.ip ?? req.socket.remoteAddress ?? '0.0.0.0').replace(/^::ffff:/, '');
    const direct = ip === req.socket.remoteAddress?.replace(/^::ffff:/, '');
    const peer = direct && req.socket.remotePort ? { ip, port: req.socket.remotePort } : { ip };
    let last = 0;
    const at = receivedAt.toISOString();
    for (const m of messages) {
      last = this.publisher.accept(
        { receivedAt: at, transport: 'http', peer, member, raw: m.raw, ...(m.truncated ? { truncated: true } : {}) },
        m.bytes,
      );
    }
    // 202 once the bus holds them: a sender may forget what it sent.
    if (last) await this.publisher.published(last);
    return { accepted: messages.length };
  }
}

/** body-parser leaves `{}` when a request has no body. */
function isEmptyParse(body: unknown): boolean {
  return body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);
}
