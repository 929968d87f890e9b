/**
 * The one place where errors become HTTP responses: `{code, article?, message, messages, details?}`.
 * `message` is English for logs and scripts; `messages` carries zh-CN and en for people; clients
 * translate by `code`.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError, type z } from 'zod';
import { DomainError } from '../shared/errors.ts';

const STATUS: Record<DomainError['kind'], number> = {
  NOT_FOUND: 404,
  INVALID: 422,
  CONFLICT: 409,
  FORBIDDEN: 403,
  NOT_ALLOWED: 405,
  UNAUTHENTICATED: 401,
};

export interface ErrorBody {
  code: string;
  article?: string;
  penaltyRef?: string;
  message: string;
  messages: { zh: string; en: string };
  details?: Record<string, unknown>;
}

const CODE_RE = /^E_[A-Z0-9_]+$/;

interface IssueLike {
  path: PropertyKey[] | string;
  message: string;
  code?: string;
  keys?: string[];
}

function fromIssues(issues: IssueLike[]): ErrorBody {
  const list = issues.map((i) => ({
    path: Array.isArray(i.path) ? i.path.map(String).join('.') : String(i.path).replace(/^\//, '').replaceAll('/', '.'),
    message: i.code === 'unrecognized_keys' ? `unknown field(s): ${(i.keys ?? []).join(', ')}` : i.message,
  }));
  const coded = issues.find((i) => CODE_RE.test(i.message));
  const unknownField = issues.some((i) => i.code === 'unrecognized_keys');
  const code = coded?.message ?? (unknownField ? 'E_UNKNOWN_FIELD' : 'E_VALIDATION');
  const summary = list.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; ');
  return {
    code,
    message: summary,
    messages: { zh: `请求数据无效:${summary}`, en: `Invalid request: ${summary}` },
    details: { issues: list },
  };
}

export function toHttpError(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof DomainError) {
    return {
      status: STATUS[error.kind],
      body: {
        code: error.code,
        ...(error.article ? { article: error.article } : {}),
        ...(error.penaltyRef ? { penaltyRef: error.penaltyRef } : {}),
        message: error.localized.en,
        messages: error.localized,
        ...(error.details ? { details: error.details } : {}),
      },
    };
  }
  if (error instanceof ZodError) return { status: 422, body: fromIssues(error.issues as z.core.$ZodIssue[]) };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: `${v.instancePath}`,
      message: v.message ?? 'invalid',
      code: v.keyword,
      keys: Array.isArray(v.params.keys) ? (v.params.keys as string[]) : undefined,
    }));
    const body = fromIssues(issues);
    return { status: 422, body };
  }
  const fastifyError = error as FastifyError;
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    const code = fastifyError.code?.startsWith('FST_') ? 'E_BAD_REQUEST' : (fastifyError.code ?? 'E_BAD_REQUEST');
    return {
      status: fastifyError.statusCode,
      body: { code, message: fastifyError.message, messages: { zh: `请求无效:${fastifyError.message}`, en: fastifyError.message } },
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
  else request.log.info({ code: body.code, status }, 'request refused');
  return reply.status(status).send(body);
}
