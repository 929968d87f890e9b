/**
 * Domain errors carry a stable `code` (translated by clients) and, where a rule of
 * Order 799 applies, the `article`. The HTTP layer maps them in one place.
 */
export type LocalizedText = { zh: string; en: string };

export interface DomainErrorOptions {
  article?: string;
  penaltyRef?: string;
  message?: LocalizedText;
  details?: Record<string, unknown>;
}

export abstract class DomainError extends Error {
  abstract readonly kind: 'NOT_FOUND' | 'INVALID' | 'CONFLICT' | 'FORBIDDEN' | 'NOT_ALLOWED' | 'UNAUTHENTICATED' | 'TOO_MANY' | 'TOO_LARGE' | 'BAD_REQUEST' | 'LOCKED';
  readonly code: string;
  readonly article?: string;
  readonly penaltyRef?: string;
  readonly localized: LocalizedText;
  readonly details?: Record<string, unknown>;

  constructor(code: string, options: DomainErrorOptions = {}) {
    const localized = options.message ?? { zh: code, en: code };
    super(`${code}: ${localized.en}`);
    this.name = new.target.name;
    this.code = code;
    this.article = options.article;
    this.penaltyRef = options.penaltyRef;
    this.localized = localized;
    this.details = options.details;
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'NOT_FOUND';
}
/** The input itself is unacceptable (HTTP 422). */
export class InvalidError extends DomainError {
  readonly kind = 'INVALID';
}
/** The input is fine but the state of things refuses it (HTTP 409). */
export class ConflictError extends DomainError {
  readonly kind = 'CONFLICT';
}
export class ForbiddenError extends DomainError {
  readonly kind = 'FORBIDDEN';
}
/** The operation does not exist for this resource (HTTP 405), e.g. editing evidence. */
export class NotAllowedError extends DomainError {
  readonly kind = 'NOT_ALLOWED';
}
export class UnauthenticatedError extends DomainError {
  readonly kind = 'UNAUTHENTICATED';
}
/** Too many attempts in too short a time (HTTP 429); `details.retryAfterSeconds` becomes the Retry-After header. */
export class TooManyRequestsError extends DomainError {
  readonly kind = 'TOO_MANY';
}
/** The request body is larger than the route accepts (HTTP 413). */
export class PayloadTooLargeError extends DomainError {
  readonly kind = 'TOO_LARGE';
}
/** The request cannot be read at all (HTTP 400), e.g. a body nested deeper than any route accepts. */
export class BadRequestError extends DomainError {
  readonly kind = 'BAD_REQUEST';
}
/** Locked for a while (HTTP 423), e.g. a name after repeated failed sign-ins; `details.retryAfterSeconds` as for 429. */
export class LockedError extends DomainError {
  readonly kind = 'LOCKED';
}
