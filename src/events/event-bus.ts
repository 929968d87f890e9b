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

export interface SubscribeOptions {
  /**
   * Also hear the events other processes of a cluster published (event-bridge.ts): the browser's event
   * streams do. Those that store or send each event once (webhook queue, syslog) hear only this process's.
   */
  everyProcess?: boolean;
}

export class EventBus {
  private readonly handlers = new Set<EventHandler>();
  private readonly everyProcess = new Set<EventHandler>();
  private readonly onError: (error: unknown, event: CustosEvent) => void;

  constructor(onError?: (error: unknown, event: CustosEvent) => void) {
    this.onError = onError ?? (() => undefined);
  }

  /** Returns the function that unsubscribes. */
  subscribe(handler: EventHandler, options: SubscribeOptions = {}): () => void {
    const set = options.everyProcess ? this.everyProcess : this.handlers;
    set.add(handler);
    return () => set.delete(handler);
  }

  /** An event of this process: every subscriber hears it. */
  publish(event: CustosEvent): void {
    this.deliver(event, [...this.handlers, ...this.everyProcess]);
  }

  /** An event another process of the cluster published: only the `everyProcess` subscribers hear it. */
  receive(event: CustosEvent): void {
    this.deliver(event, [...this.everyProcess]);
  }

  private deliver(event: CustosEvent, handlers: EventHandler[]): void {
    for (const handler of handlers) {
      try {
        const result = handler(event);
        if (result instanceof Promise) result.catch((error: unknown) => this.onError(error, event));
      } catch (error) {
        this.onError(error, event);
      }
    }
  }
}
