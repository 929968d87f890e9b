/** Starts what carries events out of the server (MQTT publisher, webhook dispatcher) and stops it again. */
import type { Services } from '../../app/services.ts';
import type { Db } from '../../db/connect.ts';
import type { Clock } from '../../shared/clock.ts';
import type { EventsConfig } from './config.ts';
import { MqttPublisher } from './mqtt/mqtt-publisher.ts';
import { startWebhookDispatcher } from './webhook-dispatcher.ts';
import type { Leadership } from '../../cluster/leadership.ts';

export interface EventsOutLog {
  info(obj: unknown, msg: string): void;
  warn(obj: unknown, msg: string): void;
  error(obj: unknown, msg: string): void;
}

export interface EventsOut {
  mqtt: MqttPublisher;
  stop(): Promise<void>;
}

export async function startEventsOut(config: EventsConfig, deps: { db: Db; clock: Clock; services: Services; log: EventsOutLog; leadership?: Leadership }): Promise<EventsOut> {
  const { db, clock, services, log } = deps;
  const mqtt = new MqttPublisher({ config: config.mqtt, db, clock, bus: services.bus, log, ledger: services.ledger });
  await mqtt.start();
  services.mqtt.attach(mqtt);
  const dispatcher = startWebhookDispatcher({
    db,
    clock,
    bus: services.bus,
    webhooks: services.webhooks,
    log,
    retrySeconds: config.webhookRetrySeconds,
    timeoutSeconds: config.webhookTimeoutSeconds,
    leadership: deps.leadership,
  });
  return {
    mqtt,
    async stop() {
      await dispatcher.stop();
      services.mqtt.attach(undefined);
      await mqtt.stop();
    },
  };
}
