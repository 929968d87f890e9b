/** I/O for API tokens. Only the SHA-256 of a token is stored. */
import type { Db } from '../../db/connect.ts';
import type { ApiTokensTable } from '../../db/access-tables.ts';

export const tokensRepository = {
  async insert(db: Db, row: ApiTokensTable): Promise<void> {
    await db.insertInto('apiTokens').values(row).execute();
  },

  async byHash(db: Db, tokenHash: string): Promise<ApiTokensTable | undefined> {
    return db.selectFrom('apiTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
  },

  async ownedBy(db: Db, userId: string, id: string): Promise<ApiTokensTable | undefined> {
    return db.selectFrom('apiTokens').selectAll().where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
  },

  async listOf(db: Db, userId: string): Promise<ApiTokensTable[]> {
    return db.selectFrom('apiTokens').selectAll().where('userId', '=', userId).orderBy('createdAt').execute();
  },

  async revoke(db: Db, id: string, at: string): Promise<void> {
    await db.updateTable('apiTokens').set({ revokedAt: at }).where('id', '=', id).where('revokedAt', 'is', null).execute();
  },

  async markUsed(db: Db, id: string, at: string): Promise<void> {
    await db.updateTable('apiTokens').set({ lastUsedAt: at }).where('id', '=', id).execute();
  },
};
