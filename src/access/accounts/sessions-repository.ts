/** I/O for sign-in sessions. The id is the SHA-256 of the cookie value. */
import type { Db } from '../../db/connect.ts';
import type { SessionsTable } from '../../db/access-tables.ts';

export const sessionsRepository = {
  async insert(db: Db, row: SessionsTable): Promise<void> {
    await db.insertInto('sessions').values(row).execute();
  },

  async get(db: Db, id: string): Promise<SessionsTable | undefined> {
    return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async touch(db: Db, id: string, at: string): Promise<void> {
    await db.updateTable('sessions').set({ lastSeenAt: at }).where('id', '=', id).execute();
  },

  async setSecondFactor(db: Db, id: string): Promise<void> {
    await db.updateTable('sessions').set({ secondFactor: 1 }).where('id', '=', id).execute();
  },

  async revoke(db: Db, id: string, at: string): Promise<void> {
    await db.updateTable('sessions').set({ revokedAt: at }).where('id', '=', id).where('revokedAt', 'is', null).execute();
  },

  /** Ends every live session of a user (password reset, deactivation), but `except` one when given. */
  async revokeAllOf(db: Db, userId: string, at: string, except?: string): Promise<void> {
    let query = db.updateTable('sessions').set({ revokedAt: at }).where('userId', '=', userId).where('revokedAt', 'is', null);
    if (except) query = query.where('id', '!=', except);
    await query.execute();
  },
};
