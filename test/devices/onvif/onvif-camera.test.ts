/**
 * ONVIF end to end through the API, with the responder simulator in front of two RTSP simulator
 * cameras (main stream and substream): discovered, inspected, added through the registry (product
 * fields, stream with the credentials kept and never returned, CONFIG on the site), PTZ reaching the
 * device with one PTZ register entry per control session and a DENIAL when refused, motion and tamper
 * events becoming alarms on the camera.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/media/simulator/server.ts';
import { DEFAULT_CLIPS } from '../../../src/media/simulator/clip.ts';
import { onvifConfig } from '../../../src/devices/onvif/config.ts';
import { startDiscoveryResponder, type DiscoveryResponder } from '../../../src/devices/onvif/simulator/discovery-responder.ts';
import { startOnvifResponder, type OnvifResponder } from '../../../src/devices/onvif/simulator/responder.ts';
import type { AlarmRecord } from '../../../src/events/alarm-model.ts';
import { makeUser } from '../../support/access.ts';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { DIALECTS } from '../../support/db.ts';
import { seedTwoUnits, type TwoUnits } from '../../support/two-units.ts';

const PASSWORD = 'onvif:p@ss/#1';
const credential = { username: 'operator', password: PASSWORD };

async function until<T>(probe: () => Promise<T | undefined>, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(DIALECTS)('ONVIF camera through the API (%s)', (dialect) => {
  let t: TestApp;
  let world: TwoUnits;
  let rtsp: Simulator;
  let device: OnvifResponder;
  let wsd: DiscoveryResponder;
  let cameraId: string;

  beforeAll(async () => {
    rtsp = await startSimulator({ cameras: 2, clip: DEFAULT_CLIPS, codec: 'h264' });
    device = await startOnvifResponder({
      credential,
      identity: { manufacturer: 'Dahua', model: 'SD49225-HN', firmwareVersion: '2.800.0', serialNumber: 'DH-77', hardwareId: 'HW-2', mac: '02:00:5e:00:00:77' },
      clockOffsetMs: -90 * 60_000,
      profiles: [
        { token: 'MainStream', name: 'Main', encoding: 'H264', width: 640, height: 360, fps: 25, streamUri: rtsp.url(1), ptz: true },
        { token: 'SubStream', name: 'Sub', encoding: 'H264', width: 320, height: 180, fps: 25, streamUri: rtsp.url(2), ptz: false },
      ],
    });
    wsd = await startDiscoveryResponder({ deviceUrl: () => device.deviceUrl, scopes: { name: 'Lobby PTZ', hardware: 'SD49225', location: 'Lobby' } });
    t = await openTestApp(dialect, { services: { onvif: onvifConfig.parse({ discovery: { multicast: false, timeoutMs: 400 }, events: { pullSeconds: 1 }, ptzSessionIdleMinutes: 5 }) } });
    world = await seedTwoUnits(t);
  });
  afterAll(async () => {
    await t.services.onvifEvents.stopAll();
    await t.close();
    await Promise.all([device.close(), wsd.close(), rtsp.close()]);
  });

  it('discovers the device (not in the inventory), inspects it and adds it with its product fields and stream', async () => {
    const found = await t.call('POST', '/api/onvif/discover', { ...credential, multicast: false, targets: [`127.0.0.1:${wsd.port}`] });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({ multicast: 'off', devices: [{ endpoint: wsd.endpoint, deviceUrl: device.deviceUrl, manufacturer: 'Dahua', model: 'SD49225-HN', firmwareVersion: '2.800.0', serialNumber: 'DH-77', mac: '02:00:5e:00:00:77', inInventory: false, scopes: { name: 'Lobby PTZ' } }] });
    const unregistered = async () => (await t.call('GET', '/api/alarms?kind=UNREGISTERED_DEVICE')).json<AlarmRecord[]>();
    expect(await unregistered()).toEqual([expect.objectContaining({ endedAt: null, details: expect.objectContaining({ mac: '02:00:5e:00:00:77', vendor: 'Dahua', ip: '127.0.0.1' }) })]);

    const inspected = await t.call('POST', '/api/onvif/inspect', { deviceUrl: device.deviceUrl, ...credential });
    expect(inspected.statusCode, inspected.body).toBe(200);
    expect(inspected.json()).toMatchObject({ ptz: true, events: true, profiles: [{ token: 'MainStream', width: 640, streamUri: rtsp.url(1) }, { token: 'SubStream', streamUri: rtsp.url(2) }] });

    // CONFIG over site B only: adding into site A is refused by the registry
    const outsider = await makeUser(t, { unitId: world.B.unitId, grants: [{ role: 'ADMINISTRATOR', scope: { type: 'SITE', id: world.B.siteId } }] });
    const refused = await t.call('POST', '/api/onvif/cameras', { deviceUrl: device.deviceUrl, ...credential, siteId: world.A.siteId, name: 'Lobby PTZ' }, await t.tokenHeaders(outsider.userId));
    expect(refused.statusCode, refused.body).toBe(403);

    const added = await t.call('POST', '/api/onvif/cameras', { deviceUrl: device.deviceUrl, ...credential, siteId: world.A.siteId, name: 'Lobby PTZ' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.body).not.toContain('p@ss');
    expect(added.body).not.toContain(encodeURIComponent(PASSWORD));
    const camera = added.json<{ id: string; sourceUrl: string; deviceType: string }>();
    cameraId = camera.id;
    expect(camera).toMatchObject({ manufacturer: 'Dahua', model: 'SD49225-HN', serialNumber: 'DH-77', firmwareVersion: '2.800.0', hardwareVersion: 'HW-2', deviceType: 'PTZ', status: 'INACTIVE' });
    expect(camera.sourceUrl).toBe(rtsp.url(1).replace('rtsp://', 'rtsp://operator:***@'));
    // stored with its credentials: the registry's own record has the password
    const stored = await t.services.cameras.get(cameraId);
    expect(new URL(stored.sourceUrl ?? '').password).toBe(encodeURIComponent(PASSWORD));
    const link = await t.services.onvifCameras['deps'].db.selectFrom('onvif_cameras' as never).selectAll().execute();
    expect(link).toEqual([expect.objectContaining({ mainProfile: 'MainStream', subProfile: 'SubStream', substreamUrl: rtsp.url(2), ptzProfile: 'MainStream', events: 1 })]);
    expect((await unregistered())[0]?.endedAt).not.toBeNull();
    // the identity check asks the kept ONVIF address (not the stream's host on port 80)
    const identity = await t.call('POST', `/api/cameras/${cameraId}/identity-check`);
    expect(identity.json()).toMatchObject({ outcome: 'MATCH', device: { serialNumber: 'DH-77' } });
    const again = await t.call('POST', '/api/onvif/discover', { ...credential, multicast: false, targets: [`127.0.0.1:${wsd.port}`] });
    expect(again.json<{ devices: { inInventory: boolean }[] }>().devices[0]?.inInventory).toBe(true);
  });

  it('PTZ: moves and presets reach the device; one register entry per control session; a refusal is a DENIAL entry', async () => {
    const operator = await makeUser(t, { unitId: world.A.unitId, grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'SITE', id: world.A.siteId } }] });
    const headers = await t.tokenHeaders(operator.userId);
    const move = await t.call('POST', `/api/cameras/${cameraId}/ptz/move`, { pan: 0.5, tilt: 0.1, reason: { category: 'PUBLIC_SECURITY_MONITORING', text: '跟踪大堂可疑人员的行动轨迹' } }, headers);
    expect(move.statusCode, move.body).toBe(200);
    const stop = await t.call('POST', `/api/cameras/${cameraId}/ptz/stop`, undefined, headers);
    expect(stop.json()).toEqual(move.json());
    expect(device.ptz.moves).toEqual([{ kind: 'move', velocity: { pan: 0.5, tilt: 0.1, zoom: 0 } }, { kind: 'stop' }]);
    const saved = await t.call('POST', `/api/cameras/${cameraId}/ptz/presets`, { name: 'Door' }, headers);
    expect(saved.statusCode, saved.body).toBe(201);
    const presets = await t.call('GET', `/api/cameras/${cameraId}/ptz/presets`, undefined, headers);
    expect(presets.json()).toEqual([{ token: saved.json<{ token: string }>().token, name: 'Door' }]);
    const goto = await t.call('POST', `/api/cameras/${cameraId}/ptz/presets/${saved.json<{ token: string }>().token}/goto`, {}, headers);
    expect(goto.json()).toEqual(move.json());

    const entries = async (kind: string) => (await t.services.register.search({ cameraId, operation: 'PTZ', kind }, { limit: 50, offset: 0 })).entries;
    const [entry] = await entries('ACCESS');
    expect(entry).toMatchObject({ id: move.json<{ registerEntryId: string }>().registerEntryId, operation: 'PTZ', cameraIds: [cameraId], actor: { userId: operator.userId }, reason: { category: 'PUBLIC_SECURITY_MONITORING' } });
    // six idle minutes later the next command opens a new control session
    t.clock.set(new Date(t.clock.now().getTime() + 6 * 60_000));
    const later = await t.call('POST', `/api/cameras/${cameraId}/ptz/move`, { zoom: -1 }, headers);
    expect(later.json<{ registerEntryId: string }>().registerEntryId).not.toBe(entry?.id);
    expect(await entries('ACCESS')).toHaveLength(2);

    const stranger = await makeUser(t, { unitId: world.B.unitId, grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'SITE', id: world.B.siteId } }] });
    const denied = await t.call('POST', `/api/cameras/${cameraId}/ptz/move`, { pan: -1 }, await t.tokenHeaders(stranger.userId));
    expect(denied.statusCode, denied.body).toBe(403);
    expect(await entries('DENIAL')).toEqual([expect.objectContaining({ actor: expect.objectContaining({ userId: stranger.userId }) })]);
    expect(device.ptz.moves.filter((m) => m.kind === 'move' && m.velocity.pan === -1)).toEqual([]);
    // a camera no PTZ driver reaches
    const fixed = await t.call('POST', `/api/cameras/${world.cameras.A1}/ptz/move`, { pan: 1 });
    expect(fixed.json()).toMatchObject({ code: 'E_PTZ_UNSUPPORTED' });
  });

  it('motion and tamper events from the device become alarms on the camera, started and ended', async () => {
    const subscriber = await until(async () => t.services.onvifEvents.subscriber(cameraId));
    await until(async () => (subscriber.subscriptions > 0 && device.pullPointCount() > 0 ? true : undefined));
    const alarm = async (kind: string) => (await t.call('GET', `/api/alarms?kind=${kind}&cameraId=${cameraId}`)).json<AlarmRecord[]>()[0];
    device.emit('motion', true);
    expect(await until(() => alarm('DEVICE_MOTION'))).toMatchObject({ category: 'DEVICE', cameraId, endedAt: null, details: { source: 'ONVIF', topic: 'RuleEngine/CellMotionDetector/Motion' } });
    device.emit('tamper', true);
    expect(await until(() => alarm('DEVICE_TAMPER'))).toMatchObject({ category: 'TAMPER', cameraId, endedAt: null });
    device.emit('motion', false);
    device.emit('tamper', false);
    await until(async () => ((await alarm('DEVICE_MOTION'))?.endedAt ? true : undefined));
    await until(async () => ((await alarm('DEVICE_TAMPER'))?.endedAt ? true : undefined));
  });
});
