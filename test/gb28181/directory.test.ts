/**
 * GB/T 28181 devices and channels through the HTTP API on SQLite, the platform an in-memory double
 * (test/support/gb-platform-double.ts): lists, queries, adding a channel as a camera, unlinking, the
 * device's recordings by legal day, and who sees what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../support/access.ts';
import { DIALECTS } from '../support/db.ts';
import type { GbPlatformDouble } from '../support/gb-platform-double.ts';
import { ALARM_IN, CH1, CH2, DEVICE, LATE, OTHER_CH, OTHER_DEVICE, makeDoublePlatform, openGbWorld, type GbWorld } from './gb-rig.ts';

const base = `/api/gb28181/devices`;

describe('GB/T 28181 directory: not enabled', () => {
  it('answers E_GB_DISABLED (409, zh + en) on every route when no platform runs', async () => {
    const { t } = await openGbWorld(undefined);
    try {
      for (const [method, url] of [
        ['GET', base],
        ['GET', `${base}/${DEVICE}/channels`],
        ['POST', `${base}/${DEVICE}/catalog`],
        ['GET', `${base}/${DEVICE}/channels/${CH1}/records?day=2025-06-01`],
      ] as const) {
        const response = await t.call(method, url);
        expect(response.statusCode, `${method} ${url}`).toBe(409);
        expect(response.json()).toMatchObject({ code: 'E_GB_DISABLED' });
      }
      expect(t.services.gbDirectory.enabled).toBe(false);
    } finally {
      await t.close();
    }
  });
});

describe.each(DIALECTS)('GB/T 28181 directory with a platform (%s)', (dialect) => {
  let world: GbWorld;
  let platform: GbPlatformDouble;

  beforeAll(async () => {
    platform = makeDoublePlatform();
    world = await openGbWorld(platform, dialect);
  });
  afterAll(async () => world.t.close());

  it('lists devices with address, online state and keep-alive for an administrator over everything', async () => {
    const response = await world.t.call('GET', base);
    expect(response.statusCode, response.body).toBe(200);
    const devices = response.json<Array<{ deviceId: string; host: string | null; online: boolean; known: boolean; channelCount: number; lastKeepaliveAt: string }>>();
    expect(devices.map((d) => d.deviceId).sort()).toEqual([DEVICE, OTHER_DEVICE].sort());
    const nvr = devices.find((d) => d.deviceId === DEVICE)!;
    expect(nvr).toMatchObject({ host: '10.0.0.20', online: true, known: false, channelCount: 3 });
    expect(nvr.lastKeepaliveAt).toBe('2025-06-01T01:00:00.000Z');
  });

  it('refuses a device id that is not a 20-digit code (E_GB_CODE)', async () => {
    const response = await world.t.call('GET', `${base}/12345/channels`);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'E_GB_CODE' });
  });

  it('refreshes the catalog: the channel the device announced appears', async () => {
    const before = await world.t.call('GET', `${base}/${DEVICE}/channels`);
    expect(before.json<unknown[]>()).toHaveLength(3);
    const response = await world.t.call('POST', `${base}/${DEVICE}/catalog`);
    expect(response.statusCode, response.body).toBe(200);
    const channels = response.json<Array<{ channelId: string; isCamera: boolean }>>();
    expect(channels.map((c) => c.channelId)).toEqual([CH1, CH2, ALARM_IN, LATE]);
    expect(channels.find((c) => c.channelId === ALARM_IN)?.isCamera).toBe(false);
    expect(platform.calls).toContainEqual({ op: 'refreshCatalog', deviceId: DEVICE });
  });

  it('reads DeviceInfo and DeviceStatus from the device', async () => {
    const info = await world.t.call('POST', `${base}/${DEVICE}/info`);
    expect(info.statusCode, info.body).toBe(200);
    expect(info.json()).toMatchObject({ manufacturer: 'Hikvision', model: 'DS-7608N', firmware: 'V4.30.005' });
    const status = await world.t.call('POST', `${base}/${DEVICE}/status`);
    expect(status.json()).toMatchObject({ online: true, statusOk: true, record: true });
  });

  it('adds a camera channel as an inactive registry camera with its stream address and product data, then links it', async () => {
    const response = await world.t.call('POST', `${base}/${DEVICE}/channels/${CH1}/camera`, { siteId: world.sites.A, transport: 'tcp-passive' });
    expect(response.statusCode, response.body).toBe(201);
    const { cameraId, sourceUrl, channel } = response.json<{ cameraId: string; sourceUrl: string; channel: { cameraId: string; cameraName: string } }>();
    expect(sourceUrl).toBe(`gb28181://${DEVICE}/${CH1}?transport=tcp-passive`);
    expect(channel).toMatchObject({ cameraId, cameraName: '大门' });
    const camera = (await world.t.call('GET', `/api/cameras/${cameraId}`)).json<Record<string, unknown>>();
    // The channel is a camera behind an NVR: its own maker and model, not the NVR's firmware; PTZType 1 is a PTZ dome.
    expect(camera).toMatchObject({ name: '大门', status: 'INACTIVE', sourceUrl, deviceType: 'PTZ', manufacturer: 'Hikvision', model: 'DS-2DE4425', firmwareVersion: null, siteId: world.sites.A });
    expect(platform.calls).toContainEqual({ op: 'linkChannel', deviceId: DEVICE, channelId: CH1, cameraId });
    const device = (await world.t.call('GET', `${base}/${DEVICE}`)).json<{ known: boolean }>();
    expect(device.known).toBe(true);
  });

  it('fills firmware from DeviceInfo when the channel is the device’s own product', async () => {
    const response = await world.t.call('POST', `${base}/${DEVICE}/channels/${CH2}/camera`, { siteId: world.sites.A, name: '大厅 东' });
    expect(response.statusCode, response.body).toBe(201);
    const camera = (await world.t.call('GET', `/api/cameras/${response.json<{ cameraId: string }>().cameraId}`)).json<Record<string, unknown>>();
    expect(camera).toMatchObject({ name: '大厅 东', deviceType: 'FIXED', manufacturer: 'Hikvision', model: 'DS-7608N', firmwareVersion: 'V4.30.005', sourceUrl: `gb28181://${DEVICE}/${CH2}` });
  });

  it('refuses a second add of the same channel (E_GB_CHANNEL_LINKED), also when only the registry knows the link', async () => {
    const again = await world.t.call('POST', `${base}/${DEVICE}/channels/${CH1}/camera`, { siteId: world.sites.A });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'E_GB_CHANNEL_LINKED' });
    // The platform lost the link (e.g. its database was reset): the registry's camera still stands.
    await platform.linkChannel(DEVICE, CH1, null);
    const registryOnly = await world.t.call('POST', `${base}/${DEVICE}/channels/${CH1}/camera`, { siteId: world.sites.A, transport: 'udp' });
    expect(registryOnly.statusCode).toBe(409);
    expect(registryOnly.json()).toMatchObject({ code: 'E_GB_CHANNEL_LINKED' });
    const cameraId = (registryOnly.json<{ details: { cameraId: string } }>()).details.cameraId;
    await platform.linkChannel(DEVICE, CH1, cameraId);
  });

  it('adds a channel once when two adds race: one camera, one link, the other E_GB_CHANNEL_LINKED', async () => {
    const add = () => world.t.call('POST', `${base}/${DEVICE}/channels/${LATE}/camera`, { siteId: world.sites.A });
    const answers = await Promise.all([add(), add(), add()]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
    const cameraId = answers.find((a) => a.statusCode === 201)!.json<{ cameraId: string }>().cameraId;
    expect(platform.calls.filter((c) => c.op === 'linkChannel' && c.channelId === LATE)).toEqual([{ op: 'linkChannel', deviceId: DEVICE, channelId: LATE, cameraId }]);
    // Leave LATE unlinked and its camera pointing elsewhere for the tests below.
    expect((await world.t.call('DELETE', `${base}/${DEVICE}/channels/${LATE}/camera`)).statusCode).toBe(200);
    expect((await world.t.call('PATCH', `/api/cameras/${cameraId}`, { sourceUrl: null })).statusCode).toBe(200);
  });

  it('refuses to add a channel whose type digits are not a camera\'s (E_GB_CODE), and a channel not in the catalog', async () => {
    const alarm = await world.t.call('POST', `${base}/${DEVICE}/channels/${ALARM_IN}/camera`, { siteId: world.sites.A });
    expect(alarm.statusCode).toBe(422);
    expect(alarm.json()).toMatchObject({ code: 'E_GB_CODE', details: { type: '134' } });
    const missing = await world.t.call('POST', `${base}/${DEVICE}/channels/${OTHER_CH}/camera`, { siteId: world.sites.A });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'E_GB_CHANNEL_NOT_FOUND' });
  });

  it('lists the device’s recordings of a linked channel by legal day (Asia/Shanghai), oldest first', async () => {
    const response = await world.t.call('GET', `${base}/${DEVICE}/channels/${CH2}/records?day=2025-06-01`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<Array<{ filePath: string }>>().map((r) => r.filePath)).toEqual(['/rec/1', '/rec/2']);
    const query = platform.calls.filter((c) => c.op === 'recordInfo').at(-1);
    expect(query).toMatchObject({ startMs: Date.parse('2025-05-31T16:00:00Z'), endMs: Date.parse('2025-06-01T15:59:59Z') });
    const unlinked = await world.t.call('GET', `${base}/${DEVICE}/channels/${LATE}/records?day=2025-06-01`);
    expect(unlinked.json()).toMatchObject({ code: 'E_GB_CHANNEL_NOT_LINKED' });
    const bad = await world.t.call('GET', `${base}/${DEVICE}/channels/${CH2}/records?day=2025-02-30`);
    expect(bad.statusCode).toBe(422);
    const between = await world.t.call('GET', `${base}/${DEVICE}/channels/${CH2}/records?from=2025-06-01T02:30:00Z&to=2025-06-01T05:00:00Z`);
    expect(between.json<Array<{ filePath: string }>>().map((r) => r.filePath)).toEqual(['/rec/2']);
    for (const query of ['', 'from=2025-06-01T05:00:00Z&to=2025-06-01T02:00:00Z', 'from=2025-01-01T00:00:00Z&to=2025-06-01T00:00:00Z']) {
      const refused = await world.t.call('GET', `${base}/${DEVICE}/channels/${CH2}/records?${query}`);
      expect(refused.statusCode, query).toBe(422);
      expect(refused.json(), query).toMatchObject({ code: 'E_GB_RECORD_WINDOW' });
    }
  });

  describe('who sees what', () => {
    it('shows a one-camera operator only the channels linked to their camera, without the device address', async () => {
      await platform.linkChannel(OTHER_DEVICE, OTHER_CH, world.cameras.B1);
      const channelA1 = (await world.t.call('POST', `${base}/${DEVICE}/catalog`)).json<Array<{ channelId: string }>>();
      expect(channelA1).toHaveLength(4);
      await platform.linkChannel(DEVICE, LATE, world.cameras.A1);
      const operator = await makeUser(world.t, { unitId: world.units.A, grants: [{ role: 'MONITOR_OPERATOR', scope: { type: 'CAMERA', id: world.cameras.A1 } }] });
      const headers = await world.t.tokenHeaders(operator.userId);
      const devices = (await world.t.call('GET', base, undefined, headers)).json<Array<{ deviceId: string; host: string | null }>>();
      expect(devices).toEqual([expect.objectContaining({ deviceId: DEVICE, host: null, port: null })]);
      const channels = (await world.t.call('GET', `${base}/${DEVICE}/channels`, undefined, headers)).json<Array<{ channelId: string }>>();
      expect(channels.map((c) => c.channelId)).toEqual([LATE]);
      // Unit B's device and channel: as if absent.
      const other = await world.t.call('GET', `${base}/${OTHER_DEVICE}/channels`, undefined, headers);
      expect(other.statusCode).toBe(404);
      expect((await world.t.call('GET', `${base}/${OTHER_DEVICE}`, undefined, headers)).statusCode).toBe(404);
      expect((await world.t.call('GET', `${base}/${OTHER_DEVICE}/channels/${OTHER_CH}/records?day=2025-06-01`, undefined, headers)).statusCode).toBe(404);
      // Device-level queries and adding channels are not theirs.
      for (const [method, url, body] of [
        ['POST', `${base}/${DEVICE}/catalog`, undefined],
        ['POST', `${base}/${DEVICE}/info`, undefined],
        ['POST', `${base}/${DEVICE}/status`, undefined],
        ['POST', `${base}/${DEVICE}/channels/${CH2}/camera`, { siteId: world.sites.A }],
      ] as const) {
        const response = await world.t.call(method, url, body, headers);
        expect(response.statusCode, `${method} ${url}`).toBe(403);
      }
      // Their own camera's channel: its recordings (LIVE or PLAYBACK on the camera).
      const records = await world.t.call('GET', `${base}/${DEVICE}/channels/${LATE}/records?day=2025-06-01`, undefined, headers);
      expect(records.statusCode, records.body).toBe(200);
    });

    it('refuses a site administrator of unit A any device-level work: devices belong to no unit, so not even to their own site', async () => {
      const admin = await makeUser(world.t, { unitId: world.units.A, grants: [{ role: 'ADMINISTRATOR', scope: { type: 'SITE', id: world.sites.A } }] });
      const headers = await world.t.tokenHeaders(admin.userId);
      for (const siteId of [world.sites.A, world.sites.B]) {
        const refused = await world.t.call('POST', `${base}/${OTHER_DEVICE}/channels/${OTHER_CH}/camera`, { siteId }, headers);
        expect(refused.statusCode, refused.body).toBe(403);
        expect(refused.json()).toMatchObject({ code: 'E_GB_DEVICES_NOT_GRANTED' });
      }
      // B1 (linked by the test above) is not theirs: the channel is not there for them to unlink.
      const unlink = await world.t.call('DELETE', `${base}/${OTHER_DEVICE}/channels/${OTHER_CH}/camera`, undefined, headers);
      expect(unlink.statusCode).toBe(404);
      // What they do see is only devices with a channel on a camera of their site, without the device's address.
      const listed = (await world.t.call('GET', '/api/gb28181/devices', undefined, headers)).json<Array<{ deviceId: string; host: string | null }>>();
      expect(listed.map((d) => d.deviceId)).not.toContain(OTHER_DEVICE);
      expect(listed.every((d) => !d.host)).toBe(true);
    });
  });

  it('unlinks a channel from its camera (CONFIG on the camera); the camera stays', async () => {
    const channels = (await world.t.call('GET', `${base}/${DEVICE}/channels`)).json<Array<{ channelId: string; cameraId: string | null }>>();
    const cameraId = channels.find((c) => c.channelId === CH2)!.cameraId!;
    const response = await world.t.call('DELETE', `${base}/${DEVICE}/channels/${CH2}/camera`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ channelId: CH2, cameraId: null });
    expect(platform.calls).toContainEqual({ op: 'linkChannel', deviceId: DEVICE, channelId: CH2, cameraId: null });
    expect((await world.t.call('GET', `/api/cameras/${cameraId}`)).statusCode).toBe(200);
    const again = await world.t.call('DELETE', `${base}/${DEVICE}/channels/${CH2}/camera`);
    expect(again.json()).toMatchObject({ code: 'E_GB_CHANNEL_NOT_LINKED' });
  });
});
