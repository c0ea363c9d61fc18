// One handler that turns every failure (the domain's errors, zod's, the framework's and the HTTP
// parser's) into problem+json.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { describeError } from '@kb/db';
import { SearchUnavailableError } from '@kb/search';
import type {
  ConnectionError,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  AppError,
  errorTitles,
  hasErrorCode,
  RetryLaterError,
  type ErrorCode,
  type FieldError,
} from './domain/errors.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
}

export function problem(
  request: FastifyRequest,
  code: ErrorCode,
  status: number,
  detail: string,
  errors?: FieldError[],
): Problem {
  return problemOf({
    code,
    status,
    detail,
    // The path alone: a query string may carry what somebody typed.
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
    ...(errors ? { errors } : {}),
  });
}

function problemOf(fields: {
  code: ErrorCode;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
}): Problem {
  const { code, errors, ...rest } = fields;
  return {
    type: `/problems/${code}`,
    title: errorTitles[code],
    ...rest,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

function sendProblem(reply: FastifyReply, body: Problem) {
  return reply.code(body.status).type('application/problem+json').send(body);
}

const fastifyCodes: Record<string, [ErrorCode, number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [
    'payload-too-large',
    413,
    'The request body is larger than allowed.',
  ],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    'unsupported-media-type',
    415,
    'Send the body as application/json.',
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['validation', 400, 'The JSON body is empty.'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['validation', 400, 'The body is not valid JSON.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['validation', 400, 'The content length is wrong.'],
};

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error instanceof RetryLaterError) {
      reply.header('retry-after', String(error.retryAfterSeconds));
    }
    return sendProblem(
      reply,
      problem(request, error.code, error.status, error.detail, error.errors),
    );
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((issue) => ({
      path: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)]
        .filter(Boolean)
        .join('.'),
      message: issue.message ?? 'is not valid',
    }));
    const first = errors[0];
    const detail = first ? `${first.path}: ${first.message}` : 'The request is not valid.';
    return sendProblem(reply, problem(request, 'validation', 400, detail, errors));
  }
  const known = error.code ? fastifyCodes[error.code] : undefined;
  if (known) return sendProblem(reply, problem(request, known[0], known[1], known[2]));
  if (error.statusCode === 429) {
    return sendProblem(reply, problem(request, 'rate-limited', 429, 'Try again in a minute.'));
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(
      reply,
      problem(request, 'validation', error.statusCode, 'The request is not valid.'),
    );
  }
  if (error instanceof SearchUnavailableError) {
    request.log.warn('search engine unavailable');
    return sendProblem(
      reply,
      problem(
        request,
        'unavailable',
        503,
        'Search is unavailable right now; capture and lists keep working.',
      ),
    );
  }
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: describeError(error) }, 'database unavailable');
    return sendProblem(
      reply,
      problem(
        request,
        'unavailable',
        503,
        'The database is not reachable right now; try again shortly.',
      ),
    );
  }
  // Kinds, codes and frames only: a driver error's message repeats the query's parameters.
  request.log.error({ err: describeError(error) }, 'unhandled error');
  return sendProblem(
    reply,
    problem(request, 'internal', 500, 'The server could not complete the request.'),
  );
}

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown, e.g. pg_terminate_backend
  '57P02',
  '57P03',
  '53300', // too_many_connections
]);

const isDatabaseUnavailable = (error: unknown) => hasErrorCode(error, unavailableCodes);

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(
    reply,
    problem(
      request,
      'not-found',
      404,
      `No route for ${request.method} ${request.url.split('?')[0]}.`,
    ),
  );
}

const clientErrors: Record<string, [ErrorCode, number, string]> = {
  HPE_HEADER_OVERFLOW: [
    'headers-too-large',
    431,
    'The URL and headers together are larger than allowed.',
  ],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [
    'payload-too-large',
    413,
    'The chunk extensions are larger than allowed.',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: ['request-timeout', 408, 'The request did not arrive in time.'],
};

/**
 * Node's HTTP parser refuses some requests before Fastify sees them: headers over its limit, bytes
 * that are not HTTP, a request that never finishes. They get problem+json too, written straight to
 * the socket. There is no request to describe, so the instance is a fresh id and nothing the client
 * sent is repeated; for the same reason only the parser's code is logged, never the error, whose
 * rawPacket holds the bytes.
 */
export function clientErrorHandler(
  this: FastifyInstance,
  error: ConnectionError,
  socket: Socket,
): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [code, status, detail] = clientErrors[error.code] ?? [
    'validation',
    400,
    'The request is not valid HTTP.',
  ];
  const requestId = randomUUID();
  this.log.info({ reqId: requestId, code: error.code, status }, 'request refused before routing');
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(
    problemOf({ code, status, detail, instance: `urn:uuid:${requestId}`, requestId }),
  );
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      'Content-Type: application/problem+json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
    // As Node does by default: once answered, whatever else the client sends is not read.
    () => socket.destroy(),
  );
}
