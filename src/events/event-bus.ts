/**
 * The events Custos tells the outside (MQTT, webhooks, syslog) and the browser (server-sent events):
 * alarms raised, ended and acknowledged, camera availability, signed ledger checkpoints. Publishers
 * never wait for subscribers, and a failing subscriber never reaches the publisher.
 */
import type { SignedCheckpoint } from '../ledger/checkpoint.ts';
import type { AlarmRecord } from './alarm-model.ts';
import type { ForwardedReportEvent } from '../disclosure/public-reports/forwarded-event.ts';

export type CustosEvent =
  | { type: 'alarm.raised'; alarm: AlarmRecord }
  | { type: 'alarm.ended'; alarm: AlarmRecord }
  | { type: 'alarm.acknowledged'; alarm: AlarmRecord }
  | { type: 'camera.availability'; cameraId: string; cameraName: string; online: boolean; at: string }
  | { type: 'ledger.checkpoint'; checkpoint: SignedCheckpoint }
  | { type: 'public-report.forwarded'; report: ForwardedReportEvent };

export type CustosEventType = CustosEvent['type'];
export type EventHandler = (event: CustosEvent) => void | Promise<void>;

export class EventBus {
  private readonly handlers = new Set<EventHandler>();
  private readonly onError: (error: unknown, event: CustosEvent) => void;

  constructor(onError?: (error: unknown, event: CustosEvent) => void) {
    this.onError = onError ?? (() => undefined);
  }

  /** Returns the function that unsubscribes. */
  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  publish(event: CustosEvent): void {
    for (const handler of this.handlers) {
      try {
        const result = handler(event);
        if (result instanceof Promise) result.catch((error: unknown) => this.onError(error, event));
      } catch (error) {
        this.onError(error, event);
      }
    }
  }
}
