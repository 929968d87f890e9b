/** What the API shows of webhook endpoints, messages and attempts: never the secret after it was shown once. */
import type { WebhookDeliveriesTable, WebhookEndpointsTable, WebhookMessagesTable } from '../../db/webhook-tables.ts';
import type { DeclaredWebhook } from './config.ts';
import type { WebhookEventType } from './webhook-event-types.ts';
import type { MessageState } from './webhook-repository.ts';

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  /** Empty: every event type. */
  eventTypes: WebhookEventType[];
  enabled: boolean;
  /** API: made through the API (in the database); CONFIG: declared in YAML, read-only. */
  source: 'API' | 'CONFIG';
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface WebhookMessage {
  id: string;
  endpointId: string;
  eventType: string;
  state: MessageState;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookAttempt {
  id: string;
  messageId: string;
  endpointId: string;
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export const YAML_PREFIX = 'yaml_';

export function endpointOfRow(row: WebhookEndpointsTable): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.eventTypes) as WebhookEventType[],
    enabled: row.enabled === 1,
    source: 'API',
    createdBy: row.createdBy,
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function endpointOfDeclared(declared: DeclaredWebhook): WebhookEndpoint {
  return {
    id: `${YAML_PREFIX}${declared.name}`,
    url: declared.url,
    description: declared.description,
    eventTypes: declared.eventTypes,
    enabled: declared.enabled,
    source: 'CONFIG',
    createdBy: null,
    createdByName: null,
    createdAt: null,
    updatedAt: null,
  };
}

export function messageOfRow(row: WebhookMessagesTable): WebhookMessage {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventType: row.eventType,
    state: row.state as MessageState,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function attemptOfRow(row: WebhookDeliveriesTable): WebhookAttempt {
  return { ...row };
}

export function accepts(endpoint: WebhookEndpoint, type: WebhookEventType): boolean {
  if (!endpoint.enabled) return false;
  if (type === 'webhook.test') return true;
  return endpoint.eventTypes.length === 0 || endpoint.eventTypes.includes(type);
}
