/**
 * The ONVIF client against the responder simulator over real HTTP: WS-Security digests accepted and
 * refused, a device clock hours off, HTTP Digest when the device wants it, faults with their codes,
 * profiles and stream URIs, PTZ reaching the device, pull-point events.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OnvifClient } from '../../../src/devices/onvif/client.ts';
import { OnvifError } from '../../../src/devices/onvif/soap/errors.ts';
import { startOnvifResponder, type OnvifResponder, type OnvifResponderOptions } from '../../../src/devices/onvif/simulator/responder.ts';

const credential = { username: 'admin', password: 'S3cure!pass' };
const profiles: OnvifResponderOptions['profiles'] = [
  { token: 'main', name: 'MainStream', encoding: 'H264', width: 1920, height: 1080, fps: 25, streamUri: 'rtsp://127.0.0.1:8554/cam/1', ptz: true },
  { token: 'sub', name: 'SubStream', encoding: 'H264', width: 640, height: 360, fps: 15, streamUri: 'rtsp://127.0.0.1:8554/cam/2', ptz: false },
];

let responder: OnvifResponder | undefined;
afterEach(async () => {
  await responder?.close();
  responder = undefined;
});

async function start(extra: Partial<OnvifResponderOptions> = {}): Promise<OnvifResponder> {
  responder = await startOnvifResponder({ credential, profiles, identity: { serialNumber: 'SN-42', mac: '02:AB:CD:00:00:01' }, ...extra });
  return responder;
}

const rejection = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('resolved'), (error: unknown) => error as OnvifError);

describe('ONVIF client against the responder simulator', () => {
  it('reads identity, interfaces, services, profiles and stream URIs with a WS-Security digest', async () => {
    const device = await start();
    const client = new OnvifClient({ deviceUrl: device.deviceUrl, credential });
    expect(await client.deviceInformation()).toMatchObject({ manufacturer: 'Custos Simulated', serialNumber: 'SN-42' });
    expect(await client.networkInterfaces()).toEqual([{ token: 'eth0', enabled: true, mac: '02:ab:cd:00:00:01', ipv4: ['127.0.0.1'] }]);
    expect(await client.serviceAddresses()).toMatchObject({ media: `http://127.0.0.1:${device.port}/onvif/media_service`, ptz: expect.stringContaining('ptz_service'), events: expect.stringContaining('events_service') });
    const found = await client.profiles();
    expect(found).toEqual([
      { token: 'main', name: 'MainStream', encoding: 'H264', width: 1920, height: 1080, fps: 25, ptzConfigurationToken: 'ptz-0' },
      { token: 'sub', name: 'SubStream', encoding: 'H264', width: 640, height: 360, fps: 15, ptzConfigurationToken: null },
    ]);
    expect(await client.streamUri('sub')).toBe('rtsp://127.0.0.1:8554/cam/2');
    expect(await client.snapshotUri('main')).toMatch(/\/snapshot\/main\.jpg$/);
    expect(device.calls.get('GetSystemDateAndTime')).toBe(1);
  });

  it('a wrong password is E_ONVIF_AUTH, and nothing is answered without one', async () => {
    const device = await start();
    const wrong = await rejection(new OnvifClient({ deviceUrl: device.deviceUrl, credential: { ...credential, password: 'nope' } }).deviceInformation());
    expect(wrong).toBeInstanceOf(OnvifError);
    expect(wrong.code).toBe('E_ONVIF_AUTH');
    const none = await rejection(new OnvifClient({ deviceUrl: device.deviceUrl }).deviceInformation());
    expect(none.code).toBe('E_ONVIF_AUTH');
    expect(device.calls.get('GetDeviceInformation')).toBeUndefined();
  });

  it('a device clock three hours ahead: the token is made in its time and accepted; without the sync it is refused', async () => {
    const device = await start({ clockOffsetMs: 3 * 3600_000 });
    const client = new OnvifClient({ deviceUrl: device.deviceUrl, credential });
    expect((await client.deviceInformation()).serialNumber).toBe('SN-42');
    expect(Math.abs((client.clockOffsetMs ?? 0) - 3 * 3600_000)).toBeLessThan(2000);
    // a client whose sync is broken (the device refuses GetSystemDateAndTime) signs in local time: refused
    device.failNext('GetSystemDateAndTime', 'ter:ActionNotSupported');
    const unsynced = new OnvifClient({ deviceUrl: device.deviceUrl, credential });
    expect((await rejection(unsynced.deviceInformation())).code).toBe('E_ONVIF_AUTH');
    expect(unsynced.clockOffsetMs).toBe(0);
  });

  it('HTTP Digest when the device answers 401; a wrong password is still refused', async () => {
    const device = await start({ authMode: 'http-digest' });
    expect((await new OnvifClient({ deviceUrl: device.deviceUrl, credential }).profiles()).map((p) => p.token)).toEqual(['main', 'sub']);
    const wrong = await rejection(new OnvifClient({ deviceUrl: device.deviceUrl, credential: { ...credential, password: 'x' } }).profiles());
    expect(wrong.code).toBe('E_ONVIF_AUTH');
  });

  it('faults carry their subcode; an unreachable device and a timeout have their own codes', async () => {
    const device = await start();
    const client = new OnvifClient({ deviceUrl: device.deviceUrl, credential });
    const bad = await rejection(client.streamUri('no-such-profile'));
    expect(bad).toMatchObject({ code: 'E_ONVIF_FAULT', subcode: 'ter:InvalidArgVal' });
    const noPtz = await rejection(client.continuousMove('sub', { pan: 0.5, tilt: 0, zoom: 0 }));
    expect(noPtz).toMatchObject({ code: 'E_ONVIF_FAULT', subcode: 'ter:ActionNotSupported' });
    const port = device.port;
    await device.close();
    responder = undefined;
    expect((await rejection(new OnvifClient({ deviceUrl: `http://127.0.0.1:${port}/onvif/device_service`, credential }).deviceInformation())).code).toBe('E_ONVIF_UNREACHABLE');
    const slow = await import('node:http').then(({ createServer }) => createServer(() => undefined));
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', () => resolve()));
    const address = slow.address() as import('node:net').AddressInfo;
    const timedOut = await rejection(new OnvifClient({ deviceUrl: `http://127.0.0.1:${address.port}/onvif/device_service`, timeoutMs: 300 }).deviceInformation());
    expect(timedOut.code).toBe('E_ONVIF_TIMEOUT');
    slow.closeAllConnections();
    slow.close();
  });

  it('an answer over the size limit is E_ONVIF_RESPONSE', async () => {
    const device = await start({ profiles: Array.from({ length: 40 }, (_, i) => ({ ...profiles[0]!, token: `p${i}`, name: 'x'.repeat(100) })) });
    const client = new OnvifClient({ deviceUrl: device.deviceUrl, credential, maxResponseBytes: 4096 });
    expect((await rejection(client.profiles())).code).toBe('E_ONVIF_RESPONSE');
  });

  it('PTZ moves, stops and presets reach the device', async () => {
    const device = await start();
    const client = new OnvifClient({ deviceUrl: device.deviceUrl, credential });
    await client.continuousMove('main', { pan: 0.5, tilt: -0.25, zoom: 2 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await client.stop('main');
    expect(device.ptz.moves).toEqual([{ kind: 'move', velocity: { pan: 0.5, tilt: -0.25, zoom: 1 } }, { kind: 'stop' }]);
    expect(device.ptz.position.pan).toBeGreaterThan(0);
    const preset = await client.setPreset('main', 'Door <1>');
    expect(await client.presets('main')).toEqual([{ token: preset.token, name: 'Door <1>' }]);
    await client.continuousMove('main', { pan: -1, tilt: 0, zoom: 0 });
    await client.gotoPreset('main', preset.token);
    expect(device.ptz.moves.at(-1)).toEqual({ kind: 'goto', token: preset.token });
  });

  it('a pull point delivers motion and tamper, renews and unsubscribes', async () => {
    const device = await start();
    const client = new OnvifClient({ deviceUrl: device.deviceUrl, credential });
    const point = await client.createPullPoint(30);
    expect(device.pullPointCount()).toBe(1);
    const pulled = client.pullMessages(point.address, 5);
    setTimeout(() => {
      device.emit('motion', true);
      device.emit('tamper', true);
    }, 100);
    const messages = await pulled;
    expect(messages.map((m) => [m.topic, m.data])).toEqual([
      ['RuleEngine/CellMotionDetector/Motion', { IsMotion: 'true' }],
      ['RuleEngine/TamperDetector/Tamper', { IsTamper: 'true' }],
    ]);
    expect(messages[0]?.source.VideoSourceConfigurationToken).toBe('vsc-0');
    expect(await client.renew(point.address, 60)).toMatch(/Z$/);
    await client.unsubscribe(point.address);
    expect(device.pullPointCount()).toBe(0);
    expect((await rejection(client.pullMessages(point.address, 1))).code).toBe('E_ONVIF_FAULT');
  });
});

describe('HTTP authentication of the ONVIF client', () => {
  it('never answers a Basic challenge: the password does not leave in clear', async () => {
    const { createServer } = await import('node:http');
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      req.resume();
      res.writeHead(401, { 'www-authenticate': 'Basic realm="cam"' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as import('node:net').AddressInfo;
    const client = new OnvifClient({ deviceUrl: `http://127.0.0.1:${port}/onvif/device_service`, credential });
    expect((await rejection(client.profiles())).code).toBe('E_ONVIF_AUTH');
    expect(seen.every((a) => a === undefined)).toBe(true);
    server.close();
  });
});
