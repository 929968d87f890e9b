/**
 * The one grant no administrator decides: the first administrator's ADMINISTRATOR grant over ALL,
 * written at first-run setup (web or `custos admin create`), decided by SYSTEM_SETUP.
 */
import type { Db } from '../../db/connect.ts';
import { historyRepository } from '../../registry/repositories/history-repository.ts';
import { newId } from '../../shared/ids.ts';
import { builtInRoleId } from '../built-in-roles.ts';

export const SYSTEM_SETUP = 'SYSTEM_SETUP';

export async function writeBootstrapGrant(tx: Db, userId: string, now: Date): Promise<string> {
  const at = now.toISOString();
  const row = {
    id: newId('grant'),
    userId,
    roleId: builtInRoleId('ADMINISTRATOR'),
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
  };
  await tx.insertInto('grants').values(row).execute();
  await historyRepository.append(tx, { entityType: 'grant', entityId: row.id, action: 'create', actor: SYSTEM_SETUP, at, before: null, after: row });
  return row.id;
}
