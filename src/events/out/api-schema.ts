/** The shapes of the events-out API: MQTT status, webhook endpoints, messages, attempts (OpenAPI and the web UI's types). */
import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from './webhook-event-types.ts';

const instant = z.string().describe('ISO 8601, UTC');
const eventType = z.enum(WEBHOOK_EVENT_TYPES);

export const mqttStatus = z.object({
  enabled: z.boolean().describe('false while events.mqtt.url is not set'),
  url: z.string().nullable().describe('the broker, its password replaced by ***'),
  clientId: z.string().nullable(),
  username: z.string().nullable(),
  topicPrefix: z.string(),
  retain: z.boolean(),
  haDiscovery: z.boolean(),
  discoveryPrefix: z.string(),
  connected: z.boolean(),
  lastConnectedAt: instant.nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: instant.nullable(),
  messagesSent: z.number().int(),
  messagesDropped: z.number().int().describe('events dropped while the broker was away and the queue was full'),
  queued: z.number().int(),
});

export const webhookEndpoint = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(eventType).describe('empty: every event type'),
  enabled: z.boolean(),
  source: z.enum(['API', 'CONFIG']).describe('CONFIG: declared in YAML (events.webhooks), read-only here'),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: instant.nullable(),
  updatedAt: instant.nullable(),
});

export const webhookWithSecret = z.object({
  endpoint: webhookEndpoint,
  secret: z.string().describe('whsec_…: shown this once, never again'),
});

export const webhookCreateInput = z.strictObject({
  url: z.string().min(1).max(2000),
  description: z.string().max(200).optional(),
  eventTypes: z.array(eventType).max(WEBHOOK_EVENT_TYPES.length).optional(),
  enabled: z.boolean().optional(),
});

export const webhookPatchInput = webhookCreateInput.partial();

export const webhookMessage = z.object({
  id: z.string().describe('msg_…: the webhook-id header, the same for every attempt'),
  endpointId: z.string(),
  eventType: z.string(),
  state: z.enum(['PENDING', 'DELIVERED', 'DEAD']),
  attempts: z.number().int(),
  nextAttemptAt: instant.nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
});

export const webhookAttempt = z.object({
  id: z.string(),
  messageId: z.string(),
  endpointId: z.string(),
  attempt: z.number().int(),
  at: instant,
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

export const webhookDeliveries = z.object({ messages: z.array(webhookMessage), attempts: z.array(webhookAttempt) });
