import type { Db } from '../../db/connect.ts';
import type { GrantsTable } from '../../db/access-tables.ts';
import { grantRecord, type GrantRecord } from './grant-model.ts';
import type { RoleRecord } from '../roles/role-model.ts';
import { rolesRepository } from '../repositories.ts';

const toRecord = (row: GrantsTable): GrantRecord => grantRecord.parse(row);

export interface ActiveGrant {
  grant: GrantRecord;
  role: RoleRecord;
}

export const grantsRepository = {
  async get(db: Db, grantId: string): Promise<GrantRecord | undefined> {
    const row = await db.selectFrom('grants').selectAll().where('id', '=', grantId).executeTakeFirst();
    return row && toRecord(row);
  },

  async list(db: Db, filter: { userId?: string; status?: string } = {}): Promise<GrantRecord[]> {
    let query = db.selectFrom('grants').selectAll();
    if (filter.userId) query = query.where('userId', '=', filter.userId);
    if (filter.status) query = query.where('status', '=', filter.status);
    return (await query.orderBy('requestedAt').orderBy('id').execute()).map(toRecord);
  },

  async insert(db: Db, grant: GrantRecord): Promise<void> {
    await db.insertInto('grants').values(grant).execute();
  },

  async update(db: Db, grant: GrantRecord): Promise<void> {
    const { id: grantId, ...values } = grant;
    await db.updateTable('grants').set(values).where('id', '=', grantId).execute();
  },

  /** The user's grants in force at `at`, each with its (active) role. */
  async activeFor(db: Db, userId: string, at: Date): Promise<ActiveGrant[]> {
    const now = at.toISOString();
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
      const role = await rolesRepository.get(db, row.roleId);
      if (role?.active) result.push({ grant: toRecord(row), role });
    }
    return result;
  },
};
