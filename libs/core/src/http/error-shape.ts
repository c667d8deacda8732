import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, HttpException, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorKind, FieldProblem } from '@vigie/contracts';
import { logger } from '@vigie/observability';
import type { Request, Response } from 'express';

/** The one error shape of the API. Never a stack trace. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  fields?: FieldProblem[];
  requestId?: string;
  [extra: string]: unknown;
}

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unprocessable: 422,
  too_many_requests: 429,
  unavailable: 503,
};

const HTTP_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
  503: 'unavailable',
};

/** Raised by the validation pipe: carries every field at fault. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly fields: FieldProblem[]) {
    super({ code: 'validation_failed', message: `Invalid request: ${fields.map((f) => f.field).join(', ')}`, fields });
  }
}

function flattenValidation(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const path = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    for (const msg of Object.values(e.constraints ?? {})) out.push({ field: path, problem: msg });
    if (e.children?.length) out.push(...flattenValidation(e.children, path));
  }
  return out;
}

/** Global pipe: whitelist, reject unknown fields, transform to DTO classes. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new RequestValidationException(flattenValidation(errors)),
  });
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly log = logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const body = this.toBody(exception);
    body.requestId = req?.id ?? (req?.headers?.['x-request-id'] as string | undefined);
    if (body.statusCode >= 500) {
      this.log.error({ err: exception, path: req?.url, requestId: body.requestId }, 'request failed');
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return { statusCode: STATUS[exception.kind], code: exception.code, message: exception.message, fields: exception.fields, ...exception.details };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const r = exception.getResponse();
      const obj = typeof r === 'object' && r ? (r as Record<string, unknown>) : {};
      const rawMessage = obj.message ?? (typeof r === 'string' ? r : exception.message);
      return {
        ...obj,
        statusCode: status,
        code: typeof obj.code === 'string' ? obj.code : (HTTP_CODES[status] ?? `http_${status}`),
        message: Array.isArray(rawMessage) ? rawMessage.join('; ') : String(rawMessage),
        fields: obj.fields as FieldProblem[] | undefined,
        error: undefined,
      };
    }
    // body-parser errors (too large, malformed JSON) carry a status and a type.
    const e = exception as { status?: number; statusCode?: number; type?: string; message?: string };
    const status = e?.status ?? e?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const code = e.type === 'entity.too.large' ? 'payload_too_large' : e.type === 'entity.parse.failed' ? 'malformed_body' : (HTTP_CODES[status] ?? `http_${status}`);
      return { statusCode: status, code, message: e.message ?? 'Bad request' };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'internal_error', message: 'Internal error' };
  }
}
