/**
 * The device identity check (REG-23-2 (3), REG-23-4, REG-07-6 in part) against a local ONVIF responder:
 * the device answering with the registry's serial is a match; another serial raises DEVICE_SWAPPED,
 * another maker or model UNKNOWN_DEVICE; a device answering as registered again ends them. On demand
 * with CONFIG on the camera, and for every active camera on the schedule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../../../src/events/alarm-model.ts';
import { makeUser } from '../../support/access.ts';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { DIALECTS } from '../../support/db.ts';
import { PRODUCT, scopedCaller, seedTwoUnits, type TwoUnits } from '../../support/two-units.ts';
import { startOnvifResponder, type OnvifResponder } from './onvif-responder.ts';

const DEVICE = { manufacturer: PRODUCT.manufacturer, model: PRODUCT.model, serialNumber: PRODUCT.serialNumber, firmwareVersion: '5.7.1' };
const PASSWORD = 'onvif pass #1';

describe.each(DIALECTS)('device identity check (%s)', (dialect) => {
  let t: TestApp;
  let world: TwoUnits;
  let responder: OnvifResponder;

  const alarms = async (kind: string): Promise<AlarmRecord[]> => (await t.call('GET', `/api/alarms?kind=${kind}&cameraId=${world.cameras.A1}`)).json<AlarmRecord[]>();
  const check = async (headers?: Record<string, string>) => t.call('POST', `/api/cameras/${world.cameras.A1}/identity-check`, undefined, headers);

  beforeAll(async () => {
    responder = await startOnvifResponder({ username: 'admin', password: PASSWORD }, DEVICE);
    t = await openTestApp(dialect, { services: { onvifPort: responder.port } });
    world = await seedTwoUnits(t);
    const pointed = await t.call('PATCH', `/api/cameras/${world.cameras.A1}`, { sourceUrl: `rtsp://admin:${encodeURIComponent(PASSWORD)}@127.0.0.1:554/stream1` });
    expect(pointed.statusCode, pointed.body).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await responder.close();
  });

  it('REG-23-2 (3): the registered device matches; another serial raises DEVICE_SWAPPED, and the registered one back ends it', async () => {
    const match = await check();
    expect(match.statusCode, match.body).toBe(200);
    expect(match.json()).toMatchObject({ outcome: 'MATCH', mismatches: [], device: { serialNumber: 'SN-0001', manufacturer: 'AcmeCam' }, error: null });
    expect(await alarms('DEVICE_SWAPPED')).toEqual([]);

    responder.identity = { ...DEVICE, serialNumber: 'SN-9999' };
    const swapped = await check();
    expect(swapped.json()).toMatchObject({ outcome: 'DEVICE_SWAPPED', mismatches: ['serialNumber'] });
    const [alarm] = await alarms('DEVICE_SWAPPED');
    expect(alarm).toMatchObject({ category: 'TAMPER', severity: 'CRITICAL', cameraId: world.cameras.A1, endedAt: null, details: { expected: { serialNumber: 'SN-0001' }, found: { serialNumber: 'SN-9999' }, address: '127.0.0.1:' + responder.port } });

    responder.identity = DEVICE;
    expect((await check()).json()).toMatchObject({ outcome: 'MATCH' });
    expect((await alarms('DEVICE_SWAPPED'))[0]?.endedAt).toBeTruthy();
  });

  it('REG-23-4: another maker or model on the camera’s address raises UNKNOWN_DEVICE; a wrong credential is reported, not alarmed', async () => {
    responder.identity = { ...DEVICE, manufacturer: 'Shadow Devices', model: 'RPi-Cam', serialNumber: 'X' };
    expect((await check()).json()).toMatchObject({ outcome: 'UNKNOWN_DEVICE', mismatches: ['manufacturer', 'model', 'serialNumber'] });
    const [unknown] = await alarms('UNKNOWN_DEVICE');
    expect(unknown).toMatchObject({ category: 'SECURITY', article: '23(3)', endedAt: null, details: { found: { manufacturer: 'Shadow Devices' } } });
    expect((await alarms('DEVICE_SWAPPED')).filter((a) => a.endedAt === null)).toEqual([]);

    await t.call('PATCH', `/api/cameras/${world.cameras.A1}`, { sourceUrl: 'rtsp://admin:wrong-password@127.0.0.1:554/stream1' });
    const refused = await check();
    expect(refused.json()).toMatchObject({ outcome: 'UNREACHABLE', device: null, error: { code: 'E_ONVIF_AUTH' } });
    expect((await alarms('UNKNOWN_DEVICE'))[0]?.endedAt).toBeNull();
    await t.call('PATCH', `/api/cameras/${world.cameras.A1}`, { sourceUrl: `rtsp://admin:${encodeURIComponent(PASSWORD)}@127.0.0.1:554/stream1` });
    responder.identity = DEVICE;
    expect((await check()).json()).toMatchObject({ outcome: 'MATCH' });
    expect((await alarms('UNKNOWN_DEVICE'))[0]?.endedAt).toBeTruthy();
  });

  it('needs CONFIG on the camera: an administrator of camera A1 checks it, not B1; an operator not at all', async () => {
    const scoped = await scopedCaller(t, world, 'CAMERA_A1');
    expect((await check(scoped.headers)).statusCode).toBe(200);
    const other = await t.call('POST', `/api/cameras/${world.cameras.B1}/identity-check`, undefined, scoped.headers);
    expect([403, 404]).toContain(other.statusCode);
    const operator = await makeUser(t, { unitId: world.A.unitId, grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'CAMERA', id: world.cameras.A1 } }] });
    expect((await check(await t.tokenHeaders(operator.userId))).statusCode).toBe(403);
  });

  it('the scheduled check asks every active camera with a stream address', async () => {
    const activated = await t.call('POST', `/api/cameras/${world.cameras.A1}/activate`, {});
    expect(activated.statusCode, activated.body).toBe(200);
    const before = responder.requests;
    responder.identity = { ...DEVICE, serialNumber: 'SN-0002' };
    const results = await t.services.identity.checkAll();
    expect(results.map((r) => [r.cameraId, r.outcome])).toEqual([[world.cameras.A1, 'DEVICE_SWAPPED']]);
    expect(responder.requests).toBe(before + 1);
  });
});
