import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ApiError } from '@timesheets/contracts';
import { AuthChallengeException } from './auth-challenge.exception';
import { FieldConflictException, FieldErrorsException } from './field-errors';
import { noteSecurity, securityNoteOf } from './security-note';

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): unknown;
}

/**
 * Every error leaves as `{ statusCode, error, message }`. Messages come only from our own HttpExceptions;
 * anything else (database, ORM, library errors) is logged and answered with a generic 500, never echoed.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<ReplyLike>();
    const body = this.toBody(exception);
    const note = securityNoteOf(exception);
    if (note) noteSecurity(http.getRequest<object>(), note);
    if (exception instanceof AuthChallengeException) reply.header('www-authenticate', exception.challenge);
    const retryAfter = (exception as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  toBody(exception: unknown): ApiError {
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      let message: string | string[] = REASON[statusCode] ?? 'Error';
      if (typeof response === 'string') message = response;
      else if (response && typeof response === 'object' && 'message' in response) {
        const m = (response as { message: unknown }).message;
        if (typeof m === 'string' || (Array.isArray(m) && m.every((x) => typeof x === 'string'))) message = m;
      }
      const body: ApiError = { statusCode, error: REASON[statusCode] ?? 'Error', message };
      if (exception instanceof FieldErrorsException || exception instanceof FieldConflictException)
        body.errors = exception.errors.map((e) => ({ ...e }));
      return body;
    }
    // Fastify's own errors (body too large, bad JSON, wrong content type) carry a statusCode and safe codes.
    const status = (exception as { statusCode?: unknown } | null)?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { statusCode: status, error: REASON[status] ?? 'Error', message: clientErrorMessage(status) };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, error: REASON[500], message: 'Internal Server Error' };
  }
}

function clientErrorMessage(status: number): string {
  switch (status) {
    case 400:
      return 'The request body is not valid JSON';
    case 413:
      return 'The request body is too large';
    case 415:
      return 'Request bodies must be application/json';
    default:
      return REASON[status] ?? 'Error';
  }
}
