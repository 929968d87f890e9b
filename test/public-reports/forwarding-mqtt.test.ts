/**
 * Art. 24 ¶2 on the wire: a forwarded report reaches a real MQTT subscriber (Mosquitto) on
 * `<prefix>/events` as `public-report.forwarded`, for the police side to pick up; no contact in it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventsConfigSchema } from '../../src/events/out/config.ts';
import { MqttPublisher } from '../../src/events/out/mqtt/mqtt-publisher.ts';
import { Subscriber } from '../events/out/mqtt-support.ts';
import { AUTHORITY, filed, openReportsWorld, type ReportsWorld } from './support.ts';

const brokerUrl = inject('mqttUrl');
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe.skipIf(!brokerUrl)('public report forwarded: MQTT', () => {
  const prefix = `custos-test-${randomBytes(4).toString('hex')}`;
  let w: ReportsWorld;
  let sub: Subscriber;
  let publisher: MqttPublisher;

  beforeAll(async () => {
    w = await openReportsWorld('sqlite');
    sub = await Subscriber.connect(brokerUrl as string, [`${prefix}/events`]);
    const config = eventsConfigSchema.parse({ mqtt: { url: brokerUrl, clientId: `${prefix}-pub`, topicPrefix: prefix, haDiscovery: false } });
    publisher = new MqttPublisher({ config: config.mqtt, db: w.t.db.db, clock: w.t.clock, bus: w.t.services.bus, log: quiet, ledger: w.t.services.ledger });
    await publisher.start();
  });
  afterAll(async () => {
    await publisher?.stop();
    await sub?.close();
    await w?.close();
  });

  it('REG-24-2: the forwarding is published on <prefix>/events with the organ, the channel and the reference', async () => {
    const { id, reference } = await filed(w, w.A.code);
    await w.as(w.handlerA)('POST', `/api/public-reports/${id}/forward`, { channel: 'POLICE_PLATFORM' });
    const message = await sub.waitFor((m) => m.payload.includes('public-report.forwarded'), 'public-report.forwarded');
    const body = JSON.parse(message.payload) as { type: string; report: Record<string, unknown> };
    expect(body).toMatchObject({ type: 'public-report.forwarded', report: { reference, authority: AUTHORITY, channel: 'POLICE_PLATFORM', article: '8.1', siteId: w.A.siteId } });
    expect(message.payload).not.toContain('13800138000');
  });
});
