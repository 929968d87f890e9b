/** The inspector accounts (migration 0029): reads and writes, nothing else. */
import type { Db } from '../db/connect.ts';
import { inspectionDb, type InspectorAccountsTable } from './tables.ts';

export interface InspectorAccount {
  id: string;
  userId: string;
  officerName: string;
  organ: string;
  warrantRef: string;
  unitId: string;
  scopeType: 'UNIT' | 'SITE';
  scopeIds: string[];
  grantIds: string[];
  validFrom: string;
  validTo: string;
  createdBy: string;
  createdAt: string;
}

function fromRow(row: InspectorAccountsTable): InspectorAccount {
  return {
    ...row,
    scopeType: row.scopeType === 'UNIT' ? 'UNIT' : 'SITE',
    scopeIds: JSON.parse(row.scopeIds) as string[],
    grantIds: JSON.parse(row.grantIds) as string[],
  };
}

export const inspectorRepository = {
  async insert(db: Db, account: InspectorAccount): Promise<void> {
    await inspectionDb(db)
      .insertInto('inspectorAccounts')
      .values({ ...account, scopeIds: JSON.stringify(account.scopeIds), grantIds: JSON.stringify(account.grantIds) })
      .execute();
  },

  async byUser(db: Db, userId: string): Promise<InspectorAccount | undefined> {
    const row = await inspectionDb(db).selectFrom('inspectorAccounts').selectAll().where('userId', '=', userId).executeTakeFirst();
    return row && fromRow(row);
  },

  async list(db: Db): Promise<InspectorAccount[]> {
    const rows = await inspectionDb(db).selectFrom('inspectorAccounts').selectAll().orderBy('createdAt', 'desc').execute();
    return rows.map(fromRow);
  },
};
