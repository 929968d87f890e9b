/**
 * Configuration of events out (config key `events`): the MQTT broker Custos publishes to, and webhook
 * endpoints declared in YAML (read-only in the UI; endpoints made through the API live in the database).
 */
import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from './webhook-event-types.ts';

const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

const brokerUrl = z
  .string()
  .min(1)
  .refine((u) => /^(mqtts?|wss?|tcp|ssl):\/\//i.test(u), 'expected mqtt://, mqtts://, ws:// or wss://');

export const mqttConfigSchema = z
  .strictObject({
    /** The broker; none: MQTT off. */
    url: brokerUrl.optional(),
    username: z.string().min(1).optional(),
    /** Never logged nor returned by the API. */
    password: z.string().min(1).optional(),
    /** Default `custos-<host name>`. */
    clientId: z.string().min(1).optional(),
    topicPrefix: z.string().min(1).regex(/^[^#+]+$/, 'no MQTT wildcards').default('custos'),
    /** Retain the state topics (availability, tamper, checkpoint); events are never retained. */
    retain: flag.default(true),
    haDiscovery: flag.default(true),
    discoveryPrefix: z.string().min(1).regex(/^[^#+]+$/, 'no MQTT wildcards').default('homeassistant'),
  })
  .prefault({});

/** The signing secret: `whsec_` and the base64 of 24 to 64 bytes (Standard Webhooks). */
export const webhookSecret = z.string().refine((s) => {
  const m = /^whsec_([A-Za-z0-9+/]+=*)$/.exec(s);
  if (!m?.[1]) return false;
  const n = Buffer.from(m[1], 'base64').length;
  return n >= 24 && n <= 64;
}, 'expected whsec_ followed by the base64 of 24 to 64 random bytes');

export const declaredWebhookSchema = z.strictObject({
  /** A stable name: the endpoint's id is `yaml_<name>`. */
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, - and _'),
  url: z.string().url(),
  description: z.string().max(200).default(''),
  /** Event types delivered; empty or absent: all. */
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)).default([]),
  secret: webhookSecret,
  enabled: flag.default(true),
});

/** The fields of `events` that this module reads (the config schema adds syslog beside them). */
export const eventsOutShape = {
  mqtt: mqttConfigSchema,
  webhooks: z.array(declaredWebhookSchema).default([]),
  /** Seconds between a webhook's failed attempt and the next; after the last, the message is a dead letter. */
  webhookRetrySeconds: z
    .union([z.array(z.coerce.number().min(0)), z.string().transform((s) => s.split(',').map((n) => Number(n.trim())))])
    .pipe(z.array(z.number().min(0).max(7 * 86_400)).max(20))
    .default([5, 300, 1800, 7200, 18_000, 36_000]),
  /** A webhook receiver that has not answered after this long is a failed attempt. */
  webhookTimeoutSeconds: z.coerce.number().min(1).max(60).default(10),
};

export const eventsConfigSchema = z.strictObject(eventsOutShape).prefault({});

export type MqttConfig = z.output<typeof mqttConfigSchema>;
export type DeclaredWebhook = z.output<typeof declaredWebhookSchema>;
export type EventsConfig = z.output<typeof eventsConfigSchema>;
