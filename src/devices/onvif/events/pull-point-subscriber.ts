/**
 * One camera's ONVIF events: a pull-point subscription, PullMessages in a loop, renewed before it
 * ends; on any failure the subscription is made again after a backoff (1 s doubling to 60 s).
 * Motion → DEVICE_MOTION, tamper → DEVICE_TAMPER, raised while on and resolved when off. The loop
 * ends when `client` gives none (the camera deactivated), checked at each subscription and renewal.
 */
import type { AlarmSink } from '../../../events/alarm-sink.ts';
import type { OnvifClient } from '../client.ts';
import { alarmChangeOf } from './notification-alarms.ts';

export interface SubscriberOptions {
  cameraId: string;
  client: () => Promise<OnvifClient | undefined>;
  sink: AlarmSink;
  pullSeconds: number;
  subscriptionSeconds: number;
  /** Told of each failure (logging); the loop carries on. */
  onError?: (error: unknown) => void;
  maxBackoffMs?: number;
}

export class PullPointSubscriber {
  private stopped = false;
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;
  /** Times a subscription was made (tests: reconnection). */
  subscriptions = 0;

  constructor(private readonly options: SubscriberOptions) {}

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async loop(): Promise<void> {
    let backoff = 1000;
    const { pullSeconds, subscriptionSeconds, sink, cameraId } = this.options;
    while (!this.stopped) {
      let address: string | undefined;
      let client: OnvifClient | undefined;
      try {
        client = await this.options.client();
        if (!client) return;
        const point = await client.createPullPoint(subscriptionSeconds);
        address = point.address;
        this.subscriptions++;
        let renewAt = Date.now() + (subscriptionSeconds * 1000) / 2;
        backoff = 1000;
        while (!this.stopped) {
          const messages = await client.pullMessages(address, pullSeconds);
          for (const message of messages) {
            const change = alarmChangeOf(message);
            if (!change) continue;
            if (change.active) await sink.raise({ kind: change.kind, cameraId, details: { source: 'ONVIF', topic: message.topic, at: message.utcTime, rule: message.source.Rule ?? null } });
            else await sink.resolve(change.kind, cameraId);
          }
          if (Date.now() >= renewAt) {
            // a camera deactivated (or no longer reached by ONVIF) ends its subscription
            if (!(await this.options.client())) break;
            await client.renew(address, subscriptionSeconds);
            renewAt = Date.now() + (subscriptionSeconds * 1000) / 2;
          }
        }
      } catch (error) {
        this.options.onError?.(error);
        if (this.stopped) break;
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 60_000);
        continue;
      }
      if (address && client) await client.unsubscribe(address).catch(() => undefined);
      if (!this.stopped) return;
    }
  }
}
