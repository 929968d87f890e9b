/** The one place where errors become HTTP responses (body shape: shared/error-body.ts). */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { knownErrorBody, validationBody, type ErrorBody } from '../shared/error-body.ts';
import { isStorageFull } from '../db/storage-full.ts';
import { bodyTooLarge } from './body-limits.ts';

export function toHttpError(error: unknown): { status: number; body: ErrorBody } {
  const known = knownErrorBody(error);
  if (known) return known;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: v.instancePath,
      message: v.message ?? 'invalid',
      code: v.keyword,
      keys: Array.isArray(v.params.keys) ? (v.params.keys as string[]) : undefined,
    }));
    return { status: 422, body: validationBody(issues) };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return knownErrorBody(bodyTooLarge()) as { status: number; body: ErrorBody };
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    const code = fastifyError.code?.startsWith('FST_') ? 'E_BAD_REQUEST' : (fastifyError.code ?? 'E_BAD_REQUEST');
    return {
      status: fastifyError.statusCode,
      body: { code, message: fastifyError.message, messages: { zh: `请求无效:${fastifyError.message}`, en: fastifyError.message } },
    };
  }
  if (isStorageFull(error)) {
    // The disk is full: the change was not saved, the server is fine; an operator frees space.
    return {
      status: 507,
      body: { code: 'E_STORAGE_FULL', message: 'Storage is full; the change was not saved', messages: { zh: '存储空间已满,更改未保存', en: 'Storage is full; the change was not saved' } },
    };
  }
  return {
    status: 500,
    body: { code: 'E_INTERNAL', message: 'Internal error', messages: { zh: '服务器内部错误', en: 'Internal error' } },
  };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body } = toHttpError(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  const retryAfter = body.details?.retryAfterSeconds;
  if ((status === 429 || status === 423) && typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
  else request.log.info({ code: body.code, status }, 'request refused');
  return reply.status(status).send(body);
}

/** No route for this method and path: a stable code like every other refusal. */
export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0] ?? '';
  return reply.status(404).send({
    code: 'E_ROUTE_NOT_FOUND',
    message: `No route ${request.method} ${path.slice(0, 200)}`,
    messages: { zh: `没有此接口:${request.method} ${path.slice(0, 200)}`, en: `No route ${request.method} ${path.slice(0, 200)}` },
  });
}
