/**
 * Issue 10, attack 7: camera source URLs as server-side request forgery. A source may point only into
 * the allowed camera networks; loopback only while the demo simulator runs; the server's own port and
 * cloud metadata never. Checked at create and update over HTTP, and again by the recorder.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { RecorderService } from '../../src/recorder/recorder-service.ts';
import { policyOfRules, sourceAddressPolicy } from '../../src/registry/source-address-policy.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { cameraBody, created, siteBody, unitBody } from '../support/fixtures.ts';
import { waitFor } from '../recorder/support/segments.ts';

const NO_SIMULATOR = { CUSTOS_DEMO_ENABLED: 'false' };

async function siteOf(t: TestApp): Promise<{ siteId: string; unitId: string }> {
  const unit = await created<{ id: string }>(t, '/api/units', unitBody());
  const site = await created<{ id: string }>(t, '/api/sites', siteBody(unit.id));
  return { siteId: site.id, unitId: unit.id };
}

describe.each(DIALECTS)('hardening: camera source addresses (%s)', (dialect) => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('refuses a camera source pointing at loopback, public hosts, cloud metadata or names resolving there (422 E_SOURCE_ADDRESS_FORBIDDEN, art. 15); private camera networks pass', async () => {
    t = await openTestApp(dialect, { env: NO_SIMULATOR });
    const { siteId, unitId } = await siteOf(t);
    const refusals: [string, string][] = [
      ['rtsp://127.0.0.1:8554/stream', 'LOOPBACK'],
      ['rtsp://localhost:5432/', 'LOOPBACK'],
      ['http://[::1]:9090/metrics', 'LOOPBACK'],
      ['rtsp://[::ffff:127.0.0.1]/x', 'LOOPBACK'],
      ['rtsp://0.0.0.0:554/', 'LOOPBACK'],
      ['http://169.254.169.254/latest/meta-data/', 'METADATA'],
      ['rtsp://[fd00:ec2::254]/', 'METADATA'],
      ['rtsp://8.8.8.8/stream', 'NOT_ALLOWED_NETWORK'],
      ['https://user:pw@203.0.113.9/cam.m3u8', 'NOT_ALLOWED_NETWORK'],
    ];
    for (const [sourceUrl, reason] of refusals) {
      const refused = await t.call('POST', '/api/cameras', cameraBody(siteId, unitId, { sourceUrl }));
      expect(refused.statusCode, sourceUrl).toBe(422);
      expect(refused.json(), sourceUrl).toMatchObject({ code: 'E_SOURCE_ADDRESS_FORBIDDEN', article: '15', details: { field: 'sourceUrl', reason } });
    }
    const unresolved = await t.call('POST', '/api/cameras', cameraBody(siteId, unitId, { sourceUrl: 'rtsp://no-such-camera.invalid/stream' }));
    expect(unresolved.json()).toMatchObject({ code: 'E_SOURCE_HOST_UNRESOLVED', article: '15' });
    expect(await t.db.db.selectFrom('cameras').select('id').execute()).toHaveLength(0);

    for (const sourceUrl of ['rtsp://admin:pw@192.168.1.20/stream1', 'rtsp://10.1.2.3:8554/x', 'rtsp://[fe80::1]/x', 'rtsp://172.16.9.9/x']) {
      expect((await t.call('POST', '/api/cameras', cameraBody(siteId, unitId, { sourceUrl, name: sourceUrl }))).statusCode, sourceUrl).toBe(201);
    }
    // A contractor re-pointing an existing camera at the server itself is refused the same way; other edits still pass.
    const camera = (await t.call('GET', '/api/cameras')).json<{ id: string }[]>()[0]!;
    const repoint = await t.call('PATCH', `/api/cameras/${camera.id}`, { sourceUrl: 'http://127.0.0.1:5432/' });
    expect(repoint.json()).toMatchObject({ code: 'E_SOURCE_ADDRESS_FORBIDDEN', details: { reason: 'LOOPBACK' } });
    expect((await t.call('PATCH', `/api/cameras/${camera.id}`, { name: '入口2' })).statusCode).toBe(200);
  });

  it("allows loopback while the simulator runs, but never the server's own port", async () => {
    t = await openTestApp(dialect, { env: { CUSTOS_SERVER_PORT: '8099' } });
    const { siteId, unitId } = await siteOf(t);
    expect((await t.call('POST', '/api/cameras', cameraBody(siteId, unitId, { sourceUrl: 'rtsp://127.0.0.1:8554/1' }))).statusCode).toBe(201);
    for (const sourceUrl of ['http://127.0.0.1:8099/api/recording/status', 'rtsp://localhost:8099/', 'http://0.0.0.0:8099/']) {
      const own = await t.call('POST', '/api/cameras', cameraBody(siteId, unitId, { sourceUrl }));
      expect(own.json(), sourceUrl).toMatchObject({ code: 'E_SOURCE_ADDRESS_FORBIDDEN', details: { reason: 'OWN_PORT' } });
    }
  });

  it('takes the allowed networks from recording.allowedSourceNetworks (CUSTOS_RECORDING_ALLOWED_SOURCE_NETWORKS)', async () => {
    t = await openTestApp(dialect, { env: { ...NO_SIMULATOR, CUSTOS_RECORDING_ALLOWED_SOURCE_NETWORKS: '203.0.113.0/24, 2001:db8::/32' } });
    const { siteId, unitId } = await siteOf(t);
    expect((await t.call('POST', '/api/cameras', cameraBody(siteId, unitId, { sourceUrl: 'rtsp://203.0.113.9/x' }))).statusCode).toBe(201);
    expect((await t.call('POST', '/api/cameras', cameraBody(siteId, unitId, { sourceUrl: 'rtsp://[2001:db8::5]/x', name: 'v6' }))).statusCode).toBe(201);
    const outside = await t.call('POST', '/api/cameras', cameraBody(siteId, unitId, { sourceUrl: 'rtsp://192.168.1.20/x', name: 'lan' }));
    expect(outside.json()).toMatchObject({ code: 'E_SOURCE_ADDRESS_FORBIDDEN', details: { reason: 'NOT_ALLOWED_NETWORK' } });
    expect(() => loadConfig({ env: { CUSTOS_RECORDING_ALLOWED_SOURCE_NETWORKS: '10.0.0.0/33' } })).toThrow(/allowedSourceNetworks/);
  });
});

describe('hardening: the recorder checks the source again before connecting', () => {
  let t: TestApp;
  let listener: Server | undefined;
  afterEach(async () => {
    await t.close();
    await new Promise((resolve) => listener?.close(resolve));
  });

  it('does not connect to a source that points at loopback by the time it records (a changed address), and says why in the status', async () => {
    let connections = 0;
    listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener!.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as { port: number }).port;
    const policy = sourceAddressPolicy(loadConfig({ env: { CUSTOS_DATA_DIR: '.', ...NO_SIMULATOR } }), () => []);
    let recorder: RecorderService | undefined;
    t = await openTestApp('sqlite', {
      env: NO_SIMULATOR,
      recorder: (db, dataDir) => {
        recorder = new RecorderService({ db: db.db, dataDir, clock: { now: () => new Date() }, reconcileMs: 200, sourcePolicy: policy });
        return recorder;
      },
    });
    const { siteId, unitId } = await siteOf(t);
    const camera = await created<{ id: string }>(t, '/api/cameras', cameraBody(siteId, unitId, { sourceUrl: 'rtsp://192.168.1.20/x' }));
    await created(t, '/api/signs', { siteId, location: '入口', photoRef: 'photos/sign-1.jpg', cameraIds: [camera.id] });
    expect((await t.call('POST', `/api/cameras/${camera.id}/activate`, {})).statusCode).toBe(200);
    // The stored address changes under the registry's feet (DNS, or a direct database edit).
    await t.db.db.updateTable('cameras').set({ sourceUrl: `rtsp://127.0.0.1:${port}/x` }).where('id', '=', camera.id).execute();
    await recorder!.start();
    await waitFor(async () => recorder!.statusOf(camera.id)?.state === 'error', 10_000);
    const status = (await t.call('GET', '/api/recording/status')).json<{ cameras: { cameraId: string; state: string; reason: string }[] }>();
    expect(status.cameras).toEqual([expect.objectContaining({ cameraId: camera.id, state: 'error', reason: expect.stringContaining('E_SOURCE_ADDRESS_FORBIDDEN') })]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(connections).toBe(0);
  });

  it("does not follow an allowed camera's RTSP redirect to loopback (a camera in the allowed network pointing the recorder at the server)", async () => {
    let connections = 0;
    listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener!.listen(0, '127.0.0.1', resolve));
    const target = `rtsp://127.0.0.1:${(listener.address() as { port: number }).port}/internal`;
    // The "camera": every request answered with a redirect to the target. It listens on 127.0.0.2, the one address allowed.
    const redirector = createServer((socket: Socket) => {
      socket.on('data', (chunk) => {
        const cseq = /CSeq:\s*(\d+)/i.exec(chunk.toString())?.[1] ?? '1';
        socket.write(`RTSP/1.0 302 Moved Temporarily\r\nCSeq: ${cseq}\r\nLocation: ${target}\r\nContent-Length: 0\r\n\r\n`);
      });
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.2', resolve));
    const source = `rtsp://127.0.0.2:${(redirector.address() as { port: number }).port}/cam`;
    const policy = policyOfRules({ networks: ['127.0.0.2/32'], allowLoopback: false, ownPorts: [] });
    let recorder: RecorderService | undefined;
    t = await openTestApp('sqlite', {
      env: NO_SIMULATOR,
      recorder: (db, dataDir) => {
        recorder = new RecorderService({ db: db.db, dataDir, clock: { now: () => new Date() }, reconcileMs: 200, sourcePolicy: policy });
        return recorder;
      },
    });
    try {
      const { siteId, unitId } = await siteOf(t);
      const camera = await created<{ id: string }>(t, '/api/cameras', cameraBody(siteId, unitId, { sourceUrl: 'rtsp://192.168.1.20/x' }));
      await created(t, '/api/signs', { siteId, location: '入口', photoRef: 'photos/sign-1.jpg', cameraIds: [camera.id] });
      expect((await t.call('POST', `/api/cameras/${camera.id}/activate`, {})).statusCode).toBe(200);
      await t.db.db.updateTable('cameras').set({ sourceUrl: source }).where('id', '=', camera.id).execute();
      await recorder!.start();
      await waitFor(async () => (recorder!.statusOf(camera.id)?.lastError ?? '').includes('E_SOURCE_ADDRESS_FORBIDDEN'), 10_000);
      const status = (await t.call('GET', '/api/recording/status')).json<{ cameras: { cameraId: string; lastError: string }[] }>();
      expect(status.cameras[0]).toMatchObject({ cameraId: camera.id, lastError: expect.stringContaining('E_SOURCE_ADDRESS_FORBIDDEN') });
      expect(connections).toBe(0);
    } finally {
      await new Promise((resolve) => redirector.close(resolve));
    }
  });
});
