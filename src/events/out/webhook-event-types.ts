/** The event types a webhook endpoint may subscribe to: those of the event bus, plus the test event. */
import type { CustosEventType } from '../event-bus.ts';

export const BUS_EVENT_TYPES = ['alarm.raised', 'alarm.ended', 'alarm.acknowledged', 'camera.availability', 'ledger.checkpoint', 'public-report.forwarded'] as const satisfies readonly CustosEventType[];
export const WEBHOOK_EVENT_TYPES = [...BUS_EVENT_TYPES, 'webhook.test'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
