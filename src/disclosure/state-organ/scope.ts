/**
 * What access a state-organ request allows (REG-20-2, REG-20-4): only while it is APPROVED, only
 * inside its scope (a camera and a whole time range within one of its ranges), and for an emergency
 * request approved verbally, only within its window and until its documents fall overdue.
 */
import type { Db } from '../../db/connect.ts';
import { emergencyDocsOverdue, emergencyWindowEnded, outOfRequestScope } from './errors.ts';
import type { ScopeRange, StateOrganRequest } from './model.ts';
import { stateOrganRepository } from './repository.ts';

export function inScope(scope: readonly ScopeRange[], range: ScopeRange): boolean {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  return scope.some((s) => s.cameraId === range.cameraId && Date.parse(s.from) <= from && Date.parse(s.to) >= to);
}

/**
 * Throws the refusal that applies (E_EMERGENCY_DOCS_OVERDUE, E_EMERGENCY_WINDOW_ENDED,
 * E_OUT_OF_REQUEST_SCOPE) for an approved request; false when the request is not approved at all.
 */
export function requireWithin(request: StateOrganRequest, range: ScopeRange, now: Date): boolean {
  if (request.status !== 'APPROVED') return false;
  if (request.emergencyDocsOverdue) throw emergencyDocsOverdue(request.id, request.docsDueAt ?? '');
  const documented = request.documents.some((d) => d.kind === 'LEGAL_BASIS');
  if (!documented && request.accessUntil && Date.parse(request.accessUntil) < now.getTime()) throw emergencyWindowEnded(request.id, request.accessUntil);
  if (!inScope(request.scope, range)) throw outOfRequestScope(request.id, range);
  return true;
}

export async function requestCovers(db: Db, ref: string, range: ScopeRange, now: Date): Promise<boolean> {
  const request = await stateOrganRepository.get(db, ref, now);
  return request ? requireWithin(request, range, now) : false;
}
