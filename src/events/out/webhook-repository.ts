/** Webhook endpoints, messages and delivery attempts in the database (migration 0020). */
import type { Db } from '../../db/connect.ts';
import { webhookDb, type WebhookDeliveriesTable, type WebhookEndpointsTable, type WebhookMessagesTable } from '../../db/webhook-tables.ts';

export type MessageState = 'PENDING' | 'DELIVERED' | 'DEAD';

export const webhookRepository = {
  async insertEndpoint(db: Db, row: WebhookEndpointsTable): Promise<void> {
    await webhookDb(db).insertInto('webhookEndpoints').values(row).execute();
  },

  async endpoint(db: Db, id: string): Promise<WebhookEndpointsTable | undefined> {
    return webhookDb(db).selectFrom('webhookEndpoints').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async endpoints(db: Db): Promise<WebhookEndpointsTable[]> {
    return webhookDb(db).selectFrom('webhookEndpoints').selectAll().orderBy('createdAt').orderBy('id').execute();
  },

  async updateEndpoint(db: Db, id: string, patch: Partial<WebhookEndpointsTable>): Promise<void> {
    await webhookDb(db).updateTable('webhookEndpoints').set(patch).where('id', '=', id).execute();
  },

  /** The endpoint, its messages and their attempts, at once. */
  async deleteEndpoint(db: Db, id: string): Promise<void> {
    await webhookDb(db)
      .transaction()
      .execute(async (tx) => {
        await tx.deleteFrom('webhookDeliveries').where('endpointId', '=', id).execute();
        await tx.deleteFrom('webhookMessages').where('endpointId', '=', id).execute();
        await tx.deleteFrom('webhookEndpoints').where('id', '=', id).execute();
      });
  },

  async insertMessage(db: Db, row: WebhookMessagesTable): Promise<void> {
    await webhookDb(db).insertInto('webhookMessages').values(row).execute();
  },

  async message(db: Db, id: string): Promise<WebhookMessagesTable | undefined> {
    return webhookDb(db).selectFrom('webhookMessages').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Pending messages whose next attempt is due and that no dispatcher holds. */
  async due(db: Db, now: string, limit: number): Promise<WebhookMessagesTable[]> {
    return webhookDb(db)
      .selectFrom('webhookMessages')
      .selectAll()
      .where('state', '=', 'PENDING')
      .where('nextAttemptAt', '<=', now)
      .where((eb) => eb.or([eb('claimedUntil', 'is', null), eb('claimedUntil', '<', now)]))
      .orderBy('nextAttemptAt')
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  /** Takes a due message for one attempt; false when another dispatcher took it first. */
  async claim(db: Db, id: string, now: string, until: string): Promise<boolean> {
    const result = await webhookDb(db)
      .updateTable('webhookMessages')
      .set({ claimedUntil: until })
      .where('id', '=', id)
      .where('state', '=', 'PENDING')
      .where((eb) => eb.or([eb('claimedUntil', 'is', null), eb('claimedUntil', '<', now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** One attempt's row and the message's new state, together. */
  async recordAttempt(db: Db, delivery: WebhookDeliveriesTable, patch: Partial<WebhookMessagesTable>): Promise<void> {
    await webhookDb(db)
      .transaction()
      .execute(async (tx) => {
        await tx.insertInto('webhookDeliveries').values(delivery).execute();
        await tx.updateTable('webhookMessages').set({ ...patch, claimedUntil: null }).where('id', '=', delivery.messageId).execute();
      });
  },

  async updateMessage(db: Db, id: string, patch: Partial<WebhookMessagesTable>): Promise<void> {
    await webhookDb(db).updateTable('webhookMessages').set(patch).where('id', '=', id).execute();
  },

  async messages(db: Db, filter: { endpointId?: string; state?: MessageState; limit: number }): Promise<WebhookMessagesTable[]> {
    let query = webhookDb(db).selectFrom('webhookMessages').selectAll();
    if (filter.endpointId) query = query.where('endpointId', '=', filter.endpointId);
    if (filter.state) query = query.where('state', '=', filter.state);
    return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  },

  async deliveries(db: Db, endpointId: string, limit: number): Promise<WebhookDeliveriesTable[]> {
    return webhookDb(db)
      .selectFrom('webhookDeliveries')
      .selectAll()
      .where('endpointId', '=', endpointId)
      .orderBy('at', 'desc')
      .orderBy('attempt', 'desc')
      .limit(limit)
      .execute();
  },

  /** Delivered messages last touched before `before`, with their attempts; dead letters stay until redelivered or their endpoint goes. */
  async pruneDelivered(db: Db, before: string): Promise<number> {
    return webhookDb(db)
      .transaction()
      .execute(async (tx) => {
        const old = tx.selectFrom('webhookMessages').select('id').where('state', '=', 'DELIVERED').where('updatedAt', '<', before);
        await tx.deleteFrom('webhookDeliveries').where('messageId', 'in', old).execute();
        const result = await tx.deleteFrom('webhookMessages').where('state', '=', 'DELIVERED').where('updatedAt', '<', before).executeTakeFirst();
        return Number(result.numDeletedRows);
      });
  },
};
