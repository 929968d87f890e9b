/** Row shapes of the webhook tables (migration 0020), with the conventions of tables.ts. */
import type { Kysely } from 'kysely';
import type { Db } from './connect.ts';
import type { Database } from './tables.ts';

export interface WebhookEndpointsTable {
  id: string;
  url: string;
  description: string;
  /** JSON array of event types; empty: all. */
  eventTypes: string;
  enabled: number;
  /** `v1:` + base64url(iv ‖ tag ‖ ciphertext) of the `whsec_…` secret (webhook-secret.ts). */
  secretSealed: string;
  createdBy: string | null;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookMessagesTable {
  id: string;
  endpointId: string;
  eventType: string;
  body: string;
  /** PENDING until a 2xx (DELIVERED) or the last attempt failed (DEAD). */
  state: string;
  attempts: number;
  nextAttemptAt: string | null;
  /** A dispatcher sending it holds it until then (several server processes share the table). */
  claimedUntil: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDeliveriesTable {
  id: string;
  messageId: string;
  endpointId: string;
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookTables {
  webhookEndpoints: WebhookEndpointsTable;
  webhookMessages: WebhookMessagesTable;
  webhookDeliveries: WebhookDeliveriesTable;
}

export type WebhookDb = Kysely<Database & WebhookTables>;
export const webhookDb = (db: Db | WebhookDb): WebhookDb => db as unknown as WebhookDb;
