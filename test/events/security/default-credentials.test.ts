/**
 * REG-23-5 (art. 23(4)): a camera that accepts a vendor-default credential is not activated
 * (409 E_DEFAULT_CREDENTIALS) until its credential is rotated, tried against a real RTSP simulator
 * with Digest and Basic authentication; and a camera's stream credentials never reach a client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VENDOR_DEFAULT_CREDENTIALS } from '../../../src/events/security/security-config.ts';
import { probeDefaultCredentials } from '../../../src/devices/identity/default-credentials.ts';
import { DEFAULT_CLIPS } from '../../../src/media/simulator/clip.ts';
import { startSimulator, type Simulator } from '../../../src/media/simulator/server.ts';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { DIALECTS } from '../../support/db.ts';
import { seedTwoUnits, type TwoUnits } from '../../support/two-units.ts';

const CREDENTIAL_IN_URL = /rtsps?:\/\/[^\s"'/@]+:[^\s"'/@]+@/giu;

describe('vendor-default credential probe', () => {
  let defaults: Simulator;
  let basic: Simulator;
  let rotated: Simulator;
  let open: Simulator;

  beforeAll(async () => {
    defaults = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264', auth: { user: 'admin', password: '12345', scheme: 'digest', qop: true } });
    basic = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264', auth: { user: 'root', password: 'pass', scheme: 'basic' } });
    rotated = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264', auth: { user: 'admin', password: 'k7#Qv9!rotated-2025', scheme: 'digest' } });
    open = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264' });
  });
  afterAll(async () => {
    for (const s of [defaults, basic, rotated, open]) await s.close();
  });

  it('finds admin/12345 over Digest and root/pass over Basic, and nothing on a rotated camera', async () => {
    const options = { credentials: VENDOR_DEFAULT_CREDENTIALS };
    expect(await probeDefaultCredentials(defaults.url(1), options)).toEqual({ outcome: 'DEFAULT_ACCEPTED', username: 'admin' });
    expect(await probeDefaultCredentials(basic.url(1), options)).toEqual({ outcome: 'DEFAULT_ACCEPTED', username: 'root' });
    expect(await probeDefaultCredentials(rotated.url(1).replace('rtsp://', 'rtsp://admin:k7%23Qv9!rotated-2025@'), options)).toEqual({ outcome: 'REFUSED' });
    expect(await probeDefaultCredentials(open.url(1), options)).toEqual({ outcome: 'OPEN' });
    expect(await probeDefaultCredentials('rtsp://127.0.0.1:1/none', options)).toMatchObject({ outcome: 'UNREACHABLE' });
    expect(await probeDefaultCredentials('https://camera.example/stream', options)).toEqual({ outcome: 'NOT_RTSP' });
  });
});

describe.each(DIALECTS)('REG-23-5 through the API (%s)', (dialect) => {
  let t: TestApp;
  let world: TwoUnits;
  let defaults: Simulator;
  let rotated: Simulator;
  const SECRET = 'k7#Qv9!rotated-2025';

  beforeAll(async () => {
    defaults = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264', auth: { user: 'admin', password: '12345', scheme: 'digest' } });
    rotated = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264', auth: { user: 'admin', password: SECRET, scheme: 'digest' } });
    t = await openTestApp(dialect, { services: { defaultCredentials: VENDOR_DEFAULT_CREDENTIALS } });
    world = await seedTwoUnits(t);
  });
  afterAll(async () => {
    await t.close();
    await defaults.close();
    await rotated.close();
  });

  it('REG-23-5 (1): a device that accepts admin/12345 is refused activation with 409 E_DEFAULT_CREDENTIALS; once rotated it activates', async () => {
    const A1 = world.cameras.A1;
    const pointed = await t.call('PATCH', `/api/cameras/${A1}`, { sourceUrl: defaults.url(1).replace('rtsp://', 'rtsp://admin:12345@') });
    expect(pointed.statusCode, pointed.body).toBe(200);
    const refused = await t.call('POST', `/api/cameras/${A1}/activate`, {});
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'E_DEFAULT_CREDENTIALS', article: '23(4)', details: { cameraId: A1, username: 'admin' } });
    expect((await t.call('GET', `/api/cameras/${A1}`)).json()).toMatchObject({ status: 'INACTIVE' });

    // The camera's credential rotated (another device answers with it): activation goes ahead.
    const moved = await t.call('PATCH', `/api/cameras/${A1}`, { sourceUrl: rotated.url(1).replace('rtsp://', `rtsp://admin:${encodeURIComponent(SECRET)}@`) });
    expect(moved.statusCode, moved.body).toBe(200);
    const activated = await t.call('POST', `/api/cameras/${A1}/activate`, {});
    expect(activated.statusCode, activated.body).toBe(200);
    expect(activated.json()).toMatchObject({ status: 'ACTIVE' });
  });

  it('REG-23-5 (2): GET /api/cameras/:id never contains an rtsp://user:pass@ string, nor the password anywhere', async () => {
    const A2 = world.cameras.A2;
    await t.call('PATCH', `/api/cameras/${A2}`, { sourceUrl: `rtsp://operator:${encodeURIComponent(SECRET)}@10.1.2.3:554/Streaming/Channels/101` });
    for (const url of [`/api/cameras/${A2}`, '/api/cameras', `/api/history?entityType=camera&entityId=${A2}`]) {
      const response = await t.call('GET', url);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
      const leaked = [...response.body.matchAll(CREDENTIAL_IN_URL)].map((m) => m[0]).filter((m) => !m.endsWith(':***@'));
      expect(leaked, url).toEqual([]);
      expect(response.body).not.toContain(SECRET);
      expect(response.body).not.toContain(encodeURIComponent(SECRET));
    }
    expect((await t.call('GET', `/api/cameras/${A2}`)).json<{ sourceUrl: string }>().sourceUrl).toBe('rtsp://operator:***@10.1.2.3:554/Streaming/Channels/101');
  });
});
