/**
 * A request for video refused at the route gate (no grant carries LIVE, PLAYBACK or EXPORT any more,
 * e.g. every grant suspended or revoked) still leaves a DENIAL entry in the register (REG-16-3), naming
 * what was asked for as far as the unvalidated body says it.
 */
import type { Principal } from '../access/principal.ts';
import type { Operation, TimeRangeContent } from '../access/register/model.ts';
import type { RegisterService } from '../access/register/register-service.ts';
import type { ForbiddenError } from '../shared/errors.ts';

export type VideoRefusalRecorder = (principal: Principal, operation: Operation, body: unknown, error: ForbiddenError) => Promise<void>;

const short = (value: unknown, max: number): string | undefined => (typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined);

function askedFor(body: unknown, operation: Operation): { cameraIds: string[]; ranges: TimeRangeContent[] } {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const listed = Array.isArray(fields.cameraIds) ? fields.cameraIds.slice(0, 50) : [fields.cameraId];
  const cameraIds = [...new Set(listed.map((id) => short(id, 64)).filter((id): id is string => id !== undefined))];
  const from = short(fields.from, 40);
  const to = short(fields.to, 40);
  const ranges = operation === 'LIVE_ADHOC' || !from ? [] : cameraIds.map((cameraId) => ({ cameraId, from, to: to ?? null }));
  return { cameraIds, ranges };
}

export function videoRefusalRecorder(register: RegisterService): VideoRefusalRecorder {
  return async (principal, operation, body, error) => {
    await register.deny(principal, {
      operation,
      content: { ...askedFor(body, operation), operation },
      error: { code: error.code, ...(error.article ? { article: error.article } : {}) },
    });
  };
}
