/**
 * The one shape of an error for clients (HTTP and CLI): `{code, article?, message, messages, details?}`.
 * `message` is English for logs and scripts; `messages` carries zh-CN and en for people.
 */
import { ZodError } from 'zod';
import { DomainError } from './errors.ts';

const STATUS: Record<DomainError['kind'], number> = {
  NOT_FOUND: 404,
  INVALID: 422,
  CONFLICT: 409,
  FORBIDDEN: 403,
  NOT_ALLOWED: 405,
  UNAUTHENTICATED: 401,
  TOO_MANY: 429,
  TOO_LARGE: 413,
  BAD_REQUEST: 400,
  LOCKED: 423,
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

export interface IssueLike {
  path: PropertyKey[] | string;
  message: string;
  code?: string;
  keys?: string[];
}

/** Validation issues as one error; an issue whose message is itself a code (e.g. E_CATEGORY_REQUIRED) names it. */
export function validationBody(issues: IssueLike[]): ErrorBody {
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

/** The status and body of a domain or validation error; undefined for anything else. */
export function knownErrorBody(error: unknown): { status: number; body: ErrorBody } | undefined {
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
  if (error instanceof ZodError) return { status: 422, body: validationBody(error.issues) };
  return undefined;
}
