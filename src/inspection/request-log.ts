/**
 * REG-24-1: every request of an inspector (who, which route, which object, when, with what answer) is an
 * entry of the administration history, the hash-chained audit log that GET /api/history reads. The entry
 * names the inspected unit, so the unit's auditors read it too.
 */
import type { Db } from '../db/connect.ts';
import type { Clock } from '../shared/clock.ts';
import type { Principal } from '../access/principal.ts';
import type { InspectorRequest } from '../http/access-guard.ts';
import { historyRepository } from '../registry/repositories/history-repository.ts';

export const INSPECTOR_REQUEST_ENTITY = 'inspectorRequest';

export function inspectorRequestLog(deps: { db: Db; clock: Clock }) {
  return async (principal: Principal, request: InspectorRequest): Promise<void> => {
    const inspector = principal.inspector;
    if (!inspector) return;
    await historyRepository.append(deps.db, {
      entityType: INSPECTOR_REQUEST_ENTITY,
      entityId: inspector.accountId,
      action: request.method === 'GET' || request.method === 'HEAD' ? 'view' : 'request',
      actor: principal.username,
      at: deps.clock.now().toISOString(),
      before: null,
      after: {
        officerName: inspector.officerName,
        organ: inspector.organ,
        warrantRef: inspector.warrantRef,
        unitId: inspector.unitId,
        userId: principal.userId,
        method: request.method,
        route: request.route,
        url: request.url,
        params: request.params,
        statusCode: request.statusCode,
        clientAddress: principal.clientAddress,
      },
    });
  };
}
