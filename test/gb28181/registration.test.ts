/**
 * GB/T 28181-2022 §9.1 registration and §9.6 keep-alive against the platform over real UDP and TCP
 * sockets, on SQLite and PostgreSQL: Digest (401 challenge, 403 wrong password, 400 bad code),
 * per-device passwords, Expires 0, keep-alive timeout and registration expiry, unknown devices alarmed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { UNREGISTERED_SUBJECT } from '../../src/gb28181/platform/gb-platform.ts';
import { gbRepository } from '../../src/gb28181/platform/gb-repository.ts';
import { gbDb } from '../../src/db/gb-tables.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { DIALECTS } from '../support/db.ts';
import { DEVICE, eventually, PASSWORD, startTestPlatform, type TestPlatform } from './support/platform.ts';
import { TestUa } from './support/test-ua.ts';

let env: TestPlatform | undefined;
const uas: TestUa[] = [];
afterEach(async () => {
  for (const ua of uas.splice(0)) await ua.close();
  await env?.close();
  env = undefined;
});

async function ua(transport: 'UDP' | 'TCP', deviceId = DEVICE): Promise<TestUa> {
  const device = await TestUa.open({ deviceId, transport, platformPort: env!.platform.port });
  uas.push(device);
  return device;
}

describe.each(DIALECTS)('GB/T 28181 registration (%s)', (dialect) => {
  it.each(['UDP', 'TCP'] as const)('registers a device over %s with Digest and records where it came from', async (transport) => {
    env = await startTestPlatform(dialect);
    const device = await ua(transport);
    const unauthenticated = await device.transact(device.request('REGISTER', { headers: [['Expires', '3600']] }));
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('www-authenticate')).toMatch(/^Digest realm="3402000000", nonce="[^"]+", algorithm=MD5$/);
    const ok = await device.register(PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('date')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/);
    expect(ok.headers.get('expires')).toBe('3600');
    // RFC 3581: the response names the address and port the request came from.
    expect(ok.headers.get('via')).toMatch(new RegExp(`;rport=${device.localPort};branch=[^;]+;received=127\\.0\\.0\\.1$`));
    const listed = await env.platform.getDevice(DEVICE);
    expect(listed).toMatchObject({ deviceId: DEVICE, transport, host: '127.0.0.1', port: device.localPort, online: true, known: false, channelCount: 0 });
    // Not in the inventory: registered, flagged, and alarmed.
    await eventually(() => env!.sink.raised.some((a) => a.kind === 'UNREGISTERED_DEVICE'));
    expect(env.sink.raised.find((a) => a.kind === 'UNREGISTERED_DEVICE')).toMatchObject({ subject: UNREGISTERED_SUBJECT(DEVICE), details: { deviceId: DEVICE, transport } });
  });

  it('refuses a wrong password (403), a code that is not 20 digits (400), a username that is not the device', async () => {
    env = await startTestPlatform(dialect);
    const device = await ua('UDP');
    expect((await device.register('not-the-password')).status).toBe(403);
    const shortCode = await ua('UDP', '3402000000132');
    expect((await shortCode.register(PASSWORD)).status).toBe(400);
    expect((await device.register(PASSWORD, 3600, '34020000001320000099')).status).toBe(403);
    expect(await env.platform.listDevices()).toEqual([]);
    expect(env.sink.raised).toEqual([]);
  });

  it('uses a per-device password set through the API, sealed at rest, instead of the default', async () => {
    env = await startTestPlatform(dialect);
    await env.platform.setDevicePassword(DEVICE, 'own-password-9');
    const sealed = await gbRepository.sealedPassword(env.db.db, DEVICE);
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('own-password-9');
    const device = await ua('TCP');
    expect((await device.register(PASSWORD)).status).toBe(403);
    expect((await device.register('own-password-9')).status).toBe(200);
    await env.platform.setDevicePassword(DEVICE, null);
    expect((await device.register(PASSWORD)).status).toBe(200);
  });

  it('answers a retransmitted REGISTER with the same response (server transaction)', async () => {
    env = await startTestPlatform(dialect);
    const device = await ua('UDP');
    const request = device.request('REGISTER', { headers: [['Expires', '60']] });
    const first = await device.transact(request);
    const again = await device.transact(request);
    expect(again.headers.get('to')).toBe(first.headers.get('to'));
    expect(again.headers.get('www-authenticate')).toBe(first.headers.get('www-authenticate'));
  });

  it('Expires 0 unregisters; a keep-alive from a device that never registered is refused', async () => {
    env = await startTestPlatform(dialect);
    const stranger = await ua('UDP', '34020000001320000077');
    expect((await stranger.keepalive()).status).toBe(403);
    const device = await ua('UDP');
    expect((await device.register(PASSWORD)).status).toBe(200);
    expect((await device.keepalive()).status).toBe(200);
    expect((await device.register(PASSWORD, 0)).status).toBe(200);
    expect((await env.platform.getDevice(DEVICE)).online).toBe(false);
  });

  it('takes a device offline after keepaliveTimeoutSec without a keep-alive, and when its registration expires', async () => {
    const clock = fixedClock('2026-12-01T00:00:00Z');
    env = await startTestPlatform(dialect, { clock, config: { keepaliveTimeoutSec: 180 } });
    const device = await ua('UDP');
    expect((await device.register(PASSWORD, 600)).status).toBe(200);
    clock.set('2026-12-01T00:02:00Z');
    expect((await device.keepalive()).status).toBe(200);
    expect(await env.platform.checkLiveness()).toEqual([]);
    clock.set('2026-12-01T00:04:59Z');
    expect(await env.platform.checkLiveness()).toEqual([]);
    expect((await gbDb(env.db.db).selectFrom('gbDevices').select('lastKeepaliveAt').executeTakeFirstOrThrow()).lastKeepaliveAt).toBe('2026-12-01T00:02:00.000Z');
    clock.set('2026-12-01T00:05:01Z');
    expect(await env.platform.checkLiveness()).toEqual([DEVICE]);
    expect((await env.platform.getDevice(DEVICE)).online).toBe(false);
    // A keep-alive brings it back; then the registration (600 s) runs out though keep-alives continue.
    expect((await device.keepalive()).status).toBe(200);
    expect((await env.platform.getDevice(DEVICE)).online).toBe(true);
    clock.set('2026-12-01T00:09:59Z');
    expect((await device.keepalive()).status).toBe(200);
    clock.set('2026-12-01T00:10:01Z');
    expect(await env.platform.checkLiveness()).toEqual([DEVICE]);
    expect((await device.keepalive()).status).toBe(403);
    expect((await env.platform.getDevice(DEVICE)).online).toBe(false);
  });

  it('caps the registration at registerExpiresMaxSec', async () => {
    env = await startTestPlatform(dialect, { config: { registerExpiresMaxSec: 300 } });
    const device = await ua('TCP');
    const ok = await device.register(PASSWORD, 86_400);
    expect(ok.headers.get('expires')).toBe('300');
  });
});
