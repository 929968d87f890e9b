/** I/O for one-time setup tokens (SHA-256 stored). */
import type { Db } from '../../db/connect.ts';
import type { SetupTokensTable } from '../../db/access-tables.ts';

export const setupRepository = {
  async insert(db: Db, row: SetupTokensTable): Promise<void> {
    await db.insertInto('setupTokens').values(row).execute();
  },

  async get(db: Db, tokenHash: string): Promise<SetupTokensTable | undefined> {
    return db.selectFrom('setupTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
  },

  async markUsed(db: Db, tokenHash: string, at: string): Promise<void> {
    await db.updateTable('setupTokens').set({ usedAt: at }).where('tokenHash', '=', tokenHash).execute();
  },
};
