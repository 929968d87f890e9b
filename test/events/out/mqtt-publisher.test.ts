/**
 * Custos on MQTT, against the real Mosquitto and a real subscriber: availability with a retained last
 * will, alarm events, tamper state per camera, camera availability, the signed checkpoint (verified
 * against the public key from the message), Home Assistant discovery configs retained and removed.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { checkpointSignatureValid } from '../../../src/ledger/checkpoint.ts';
import { eventsConfigSchema } from '../../../src/events/out/config.ts';
import { MqttPublisher } from '../../../src/events/out/mqtt/mqtt-publisher.ts';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { DIALECTS } from '../../support/db.ts';
import { seedTwoUnits, type TwoUnits } from '../../support/two-units.ts';
import { clearRetained, startRelay, Subscriber } from './mqtt-support.ts';

const brokerUrl = inject('mqttUrl');
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe.skipIf(!brokerUrl).each(DIALECTS)('MQTT publisher (%s)', (dialect) => {
  const url = brokerUrl as string;
  const run = randomBytes(4).toString('hex');
  const prefix = `custos-test-${run}`;
  const discovery = `ha-test-${run}`;
  let t: TestApp;
  let world: TwoUnits;
  let sub: Subscriber;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let publisher: MqttPublisher;
  let camera: string;

  beforeAll(async () => {
    t = await openTestApp(dialect);
    world = await seedTwoUnits(t);
    camera = world.cameras.A1;
    await t.db.db.updateTable('cameras').set({ status: 'ACTIVE', manufacturer: 'Hikvision', model: 'DS-2CD2143G2' }).where('id', '=', camera).execute();
    await t.db.db.updateTable('cameras').set({ status: 'INACTIVE' }).where('id', '!=', camera).execute();
    sub = await Subscriber.connect(url, [`${prefix}/#`, `${discovery}/#`]);
    relay = await startRelay(url);
    const config = eventsConfigSchema.parse({ mqtt: { url: relay.url, clientId: `custos-test-${run}`, topicPrefix: prefix, discoveryPrefix: discovery } });
    publisher = new MqttPublisher({ config: config.mqtt, db: t.db.db, clock: t.clock, bus: t.services.bus, log: quiet, ledger: t.services.ledger, registryPollMs: 200 });
    await publisher.start();
    t.services.mqtt.attach(publisher);
  });

  afterAll(async () => {
    await publisher?.stop();
    const retained = [...new Set(sub.messages.filter((m) => m.payload !== '').map((m) => m.topic))];
    await sub?.close();
    await clearRetained(url, retained);
    await t.close();
  });

  it('says online, retained, on connect', async () => {
    await sub.waitFor((m) => m.topic === `${prefix}/available` && m.payload === 'online', 'available online');
  });

  it('publishes a Home Assistant discovery config per active camera, retained, with device and topics', async () => {
    const tamper = await sub.waitFor((m) => m.topic === `${discovery}/binary_sensor/custos_${camera}_tamper/config`, 'tamper config');
    const online = await sub.waitFor((m) => m.topic === `${discovery}/binary_sensor/custos_${camera}_online/config`, 'online config');
    expect(JSON.parse(tamper.payload)).toMatchObject({
      unique_id: `custos_${camera}_tamper`,
      device_class: 'tamper',
      state_topic: `${prefix}/${camera}/tamper`,
      availability_topic: `${prefix}/available`,
      payload_on: 'ON',
      payload_off: 'OFF',
      device: { identifiers: [`custos_${camera}`], manufacturer: 'Hikvision', model: 'DS-2CD2143G2' },
    });
    expect(JSON.parse(online.payload)).toMatchObject({ device_class: 'connectivity', state_topic: `${prefix}/${camera}/availability`, payload_on: 'online', payload_off: 'offline' });
    expect(sub.messages.some((m) => m.topic.includes(world.cameras.B1) && m.topic.startsWith(discovery) && m.payload !== '')).toBe(false);
  });

  it('REG-23-2: a tamper alarm raised goes to custos/events and turns the camera’s tamper ON; ended, OFF', async () => {
    const alarm = await t.services.alarms.raise({ kind: 'TAMPER_OCCLUSION', cameraId: camera, details: { darkShare: 0.93 } });
    const raised = await sub.waitFor((m) => m.topic === `${prefix}/events` && m.payload.includes(alarm.id), 'raised event');
    expect(raised.retain).toBe(false);
    const body = JSON.parse(raised.payload) as { type: string; alarm: Record<string, unknown> };
    expect(body.type).toBe('raised');
    expect(body.alarm).toMatchObject({ id: alarm.id, kind: 'TAMPER_OCCLUSION', category: 'TAMPER', severity: 'CRITICAL', article: '23(2)', cameraId: camera, endedAt: null, details: { darkShare: 0.93 } });
    expect(typeof body.alarm.cameraName).toBe('string');
    await sub.waitFor((m) => m.topic === `${prefix}/${camera}/tamper` && m.payload === 'ON', 'tamper ON');
    await sub.waitFor((m) => m.topic === `${prefix}/${camera}/tamper/TAMPER_OCCLUSION` && m.payload === 'ON', 'tamper kind ON');

    await t.services.alarms.resolve('TAMPER_OCCLUSION', camera);
    await sub.waitFor((m) => m.topic === `${prefix}/events` && m.payload.includes(alarm.id) && m.payload.includes('"type":"ended"'), 'ended event');
    await publisher.settled();
    await sub.waitFor((m) => m.topic === `${prefix}/${camera}/tamper` && m.payload === 'OFF' && sub.messages.indexOf(m) > sub.messages.indexOf(raised), 'tamper OFF');
  });

  it('carries camera availability, retained', async () => {
    t.services.bus.publish({ type: 'camera.availability', cameraId: camera, cameraName: 'A1', online: false, at: t.clock.now().toISOString() });
    await sub.waitFor((m) => m.topic === `${prefix}/${camera}/availability` && m.payload === 'offline', 'camera offline');
  });

  it('REG-15-6: publishes each signed checkpoint, retained, verifiable with the public key it names', async () => {
    const signed = await t.services.ledger.checkpoint();
    const message = await sub.waitFor((m) => m.topic === `${prefix}/ledger/checkpoint` && JSON.parse(m.payload).treeSize === signed.treeSize && JSON.parse(m.payload).at === signed.at, 'checkpoint');
    const cp = JSON.parse(message.payload) as { treeSize: number; rootHash: string; at: string; keyId: string; signature: string; publicKeyId: string; publicKeyPem: string };
    expect(cp.publicKeyId).toBe(cp.keyId);
    expect(cp.publicKeyPem).toBe((await t.services.ledger.publicKey()).publicKeyPem);
    expect(checkpointSignatureValid(cp.publicKeyPem, cp)).toBe(true);
    expect(checkpointSignatureValid(cp.publicKeyPem, { ...cp, treeSize: cp.treeSize + 1 })).toBe(false);
  });

  it('reports its status at GET /api/events/mqtt', async () => {
    const response = await t.call('GET', '/api/events/mqtt');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ enabled: true, connected: true, topicPrefix: prefix, discoveryPrefix: discovery, lastError: null });
    expect(response.json<{ messagesSent: number }>().messagesSent).toBeGreaterThan(5);
  });

  it('removes the discovery configs of a camera no longer active (empty retained config)', async () => {
    await t.db.db.updateTable('cameras').set({ status: 'DEACTIVATED' }).where('id', '=', camera).execute();
    await sub.waitFor((m) => m.topic === `${discovery}/binary_sensor/custos_${camera}_tamper/config` && m.payload === '', 'empty tamper config');
    await sub.waitFor((m) => m.topic === `${discovery}/binary_sensor/custos_${camera}_online/config` && m.payload === '', 'empty online config');
  });

  it('the broker says offline (the last will, retained) when the connection dies; a newcomer reads the retained state', async () => {
    await relay.cut();
    await sub.waitFor((m) => m.topic === `${prefix}/available` && m.payload === 'offline', 'last will offline');
    const late = await Subscriber.connect(url, [`${prefix}/#`]);
    try {
      const available = await late.waitFor((m) => m.topic === `${prefix}/available`, 'retained available');
      expect(available).toMatchObject({ payload: 'offline', retain: true });
      expect(await late.waitFor((m) => m.topic === `${prefix}/${camera}/tamper`, 'retained tamper')).toMatchObject({ payload: 'OFF', retain: true });
      expect((await late.waitFor((m) => m.topic === `${prefix}/ledger/checkpoint`, 'retained checkpoint')).retain).toBe(true);
      expect(late.messages.some((m) => m.topic === `${prefix}/events`)).toBe(false);
    } finally {
      await late.close();
    }
    expect(publisher.status().connected).toBe(false);
  });
});
