/**
 * The one grant no administrator decides: the first administrator's ADMINISTRATOR grant over ALL,
 * written at first-run setup (web or `custos admin create`), decided by SYSTEM_SETUP.
 */
import type { Db } from '../../db/connect.ts';
import { historyRepository } from '../../registry/repositories/history-repository.ts';
import { newId } from '../../shared/ids.ts';
import { builtInRoleId } from '../built-in-roles.ts';
import { rolesRepository } from '../repositories.ts';
import { approvedRoleOf } from './grant-snapshot.ts';

export const SYSTEM_SETUP = 'SYSTEM_SETUP';

export async function writeBootstrapGrant(tx: Db, userId: string, now: Date): Promise<string> {
  const at = now.toISOString();
  const role = await rolesRepository.get(tx, builtInRoleId('ADMINISTRATOR'));
  if (!role) throw new Error('the built-in ADMINISTRATOR role is missing');
  const approvedRole = approvedRoleOf(role);
  const row = {
    id: newId('grant'),
    userId,
    roleId: role.id,
    scopeType: 'ALL',
    scopeId: null,
    status: 'ACTIVE',
    validFrom: at,
    validTo: null,
    reason: '首次启动设置的系统管理员 / first administrator, created at setup',
    requestedBy: SYSTEM_SETUP,
    requestedAt: at,
    decidedBy: SYSTEM_SETUP,
    decidedAt: at,
    decisionNote: null,
    revokedBy: null,
    revokedAt: null,
    scopeCameraIds: null,
    suspendedBy: null,
    suspendedAt: null,
  };
  await tx.insertInto('grants').values({ ...row, approvedRole: JSON.stringify(approvedRole) }).execute();
  await historyRepository.append(tx, { entityType: 'grant', entityId: row.id, action: 'create', actor: SYSTEM_SETUP, at, before: null, after: { ...row, approvedRole } });
  return row.id;
}
