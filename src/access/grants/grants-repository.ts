import type { Db } from '../../db/connect.ts';
import type { GrantsTable } from '../../db/access-tables.ts';
import { grantRecord, type GrantRecord } from './grant-model.ts';
import { capForUser } from './grant-snapshot.ts';
import type { RoleRecord } from '../roles/role-model.ts';
import { rolesRepository } from '../repositories.ts';

const json = (value: string | null): unknown => (value === null ? null : JSON.parse(value));

const toRecord = (row: GrantsTable): GrantRecord =>
  grantRecord.parse({ ...row, approvedRole: json(row.approvedRole), scopeCameraIds: json(row.scopeCameraIds) });

const toRow = (grant: GrantRecord): GrantsTable => ({
  ...grant,
  approvedRole: grant.approvedRole === null ? null : JSON.stringify(grant.approvedRole),
  scopeCameraIds: grant.scopeCameraIds === null ? null : JSON.stringify(grant.scopeCameraIds),
});

export interface ActiveGrant {
  grant: GrantRecord;
  /** The role as the grant was approved (and capped for contractors), not as it is now. */
  role: RoleRecord;
}

export const grantsRepository = {
  async get(db: Db, grantId: string): Promise<GrantRecord | undefined> {
    const row = await db.selectFrom('grants').selectAll().where('id', '=', grantId).executeTakeFirst();
    return row && toRecord(row);
  },

  async list(db: Db, filter: { userId?: string; status?: string; roleId?: string; scopeId?: string } = {}): Promise<GrantRecord[]> {
    let query = db.selectFrom('grants').selectAll();
    if (filter.userId) query = query.where('userId', '=', filter.userId);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.roleId) query = query.where('roleId', '=', filter.roleId);
    if (filter.scopeId) query = query.where('scopeId', '=', filter.scopeId);
    return (await query.orderBy('requestedAt').orderBy('id').execute()).map(toRecord);
  },

  async insert(db: Db, grant: GrantRecord): Promise<void> {
    await db.insertInto('grants').values(toRow(grant)).execute();
  },

  async update(db: Db, grant: GrantRecord): Promise<void> {
    const { id: grantId, ...values } = toRow(grant);
    await db.updateTable('grants').set(values).where('id', '=', grantId).execute();
  },

  /**
   * The user's grants in force at `at`, each with the role definition its approval froze (a grant
   * without one was never approved and gives nothing), capped by art. 19 for contractors; conditions
   * the live role adds since are kept.
   */
  async activeFor(db: Db, userId: string, at: Date): Promise<ActiveGrant[]> {
    const now = at.toISOString();
    const user = await db.selectFrom('users').select('kind').where('id', '=', userId).executeTakeFirst();
    if (!user) return [];
    const rows = await db
      .selectFrom('grants')
      .selectAll()
      .where('userId', '=', userId)
      .where('status', '=', 'ACTIVE')
      .where('validFrom', '<=', now)
      .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>', now)]))
      .execute();
    const result: ActiveGrant[] = [];
    for (const row of rows) {
      const grant = toRecord(row);
      const live = await rolesRepository.get(db, row.roleId);
      if (!live?.active || grant.approvedRole === null) continue;
      const approved = capForUser(grant.approvedRole, user.kind);
      // Conditions added to the role since (a second factor, important-position prerequisites) apply at once: they only narrow.
      const conditions = { requireTotp: approved.requireTotp || live.requireTotp, importantPosition: approved.importantPosition || live.importantPosition };
      result.push({ grant, role: { ...live, ...approved, ...conditions } });
    }
    return result;
  },
};
