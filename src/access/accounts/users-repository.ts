/** I/O for user accounts, and the reads that creating one needs (unit, commission, person). */
import type { Db } from '../../db/connect.ts';
import type { PersonsTable } from '../../db/access-tables.ts';
import type { CommissionsTable } from '../../db/tables.ts';
import type { UserRow } from './user-model.ts';

export const NO_UNIT_NAME = '未指定单位';

export const usersRepository = {
  async insert(db: Db, row: UserRow): Promise<void> {
    await db.insertInto('users').values(row).execute();
  },

  async get(db: Db, id: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async byUsername(db: Db, username: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  },

  async list(db: Db, filter: { unitId?: string; active?: boolean } = {}): Promise<UserRow[]> {
    let query = db.selectFrom('users').selectAll();
    if (filter.unitId) query = query.where('unitId', '=', filter.unitId);
    if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
    return query.orderBy('username').execute();
  },

  async update(db: Db, id: string, patch: Partial<Omit<UserRow, 'id'>>): Promise<void> {
    await db.updateTable('users').set(patch).where('id', '=', id).execute();
  },

  async count(db: Db): Promise<number> {
    const row = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async unitName(db: Db, unitId: string | null): Promise<string | undefined> {
    if (!unitId) return NO_UNIT_NAME;
    const unit = await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst();
    return unit?.name;
  },

  async commission(db: Db, id: string): Promise<CommissionsTable | undefined> {
    return db.selectFrom('commissions').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The contractor unit's commissions, newest end first. */
  async commissionsOf(db: Db, contractorUnitId: string): Promise<CommissionsTable[]> {
    return db.selectFrom('commissions').selectAll().where('contractorUnitId', '=', contractorUnitId).orderBy('validTo', 'desc').execute();
  },

  async person(db: Db, id: string): Promise<PersonsTable | undefined> {
    return db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Records `step` as the user's last TOTP step when it is later than the one recorded; false when it is not (a replay). */
  async claimTotpStep(db: Db, id: string, step: number): Promise<boolean> {
    const result = await db
      .updateTable('users')
      .set({ totpLastStep: step })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async withTotpSecret(db: Db): Promise<{ id: string; totpSecret: string }[]> {
    const rows = await db.selectFrom('users').select(['id', 'totpSecret']).where('totpSecret', 'is not', null).execute();
    return rows.flatMap((r) => (r.totpSecret === null ? [] : [{ id: r.id, totpSecret: r.totpSecret }]));
  },

  /** Replaces the stored secret only if it is still `from` (a concurrent enrolment wins). */
  async replaceTotpSecret(db: Db, id: string, from: string, to: string): Promise<void> {
    await db.updateTable('users').set({ totpSecret: to }).where('id', '=', id).where('totpSecret', '=', from).execute();
  },
};
