/**
 * Cascading upward (GB/T 28181-2022 §9.1): Custos registers to a superior platform stand-in, answers
 * its Catalog with exactly the cameras the configuration shares (register entry first), refuses live
 * INVITEs with a DENIAL entry, and reports its status. SQLite always, PostgreSQL when available.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RegisterService } from '../../src/access/register/register-service.ts';
import type { DbHandle } from '../../src/db/connect.ts';
import { CascadeService, startCascade } from '../../src/gb28181/cascade/cascade-service.ts';
import { cascadeConfig, type CascadeUpwardConfig } from '../../src/gb28181/cascade/config.ts';
import { RegisterShareRecorder } from '../../src/gb28181/cascade/share-register.ts';
import { RegistrySharedCameras } from '../../src/gb28181/cascade/shared-cameras.ts';
import { textOf } from '../../src/gb28181/ua/manscdp.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { DIALECTS, openTestDb } from '../support/db.ts';
import { seedCamera, seedGroup, seedUnitAndSite } from './support/registry-seed.ts';
import { ClipLiveSource } from './support/clip-feed.ts';
import { itemsOf, StandInPlatform } from './support/stand-in-platform.ts';

const SUPERIOR = '33010000002000000001';
const LOCAL = '33010600002000000009';
const PASSWORD = 'upward-secret-987';
const GB_CHANNEL = '33010600001310000001';
const MAPPED = '33010600001320000002';
const GROUP_CHANNEL = '33010600001310000003';

let handle: DbHandle | undefined;
let platform: StandInPlatform | undefined;
let service: CascadeService | undefined;

afterEach(async () => {
  await service?.stop();
  await platform?.close();
  await handle?.close();
  service = undefined;
  platform = undefined;
  handle = undefined;
});

function link(port: number, transport: 'udp' | 'tcp', extra: Record<string, unknown> = {}): CascadeUpwardConfig {
  return cascadeConfig.parse({
    upward: [
      {
        name: 'city-psb',
        superior: { sipId: SUPERIOR, host: '127.0.0.1', port, transport, organ: '某市公安局' },
        localSipId: LOCAL,
        password: PASSWORD,
        keepaliveSec: 1,
        catalogPerMessage: 2,
        localHost: '127.0.0.1',
        share: { cameraIds: ['cam_gb', 'cam_rtsp', 'cam_unmapped', 'cam_missing'], cameraGroupId: 'grp_share', channelCodes: { cam_rtsp: MAPPED } },
        basis: '公(杭)函〔2025〕12号 视频共享协议',
        ...extra,
      },
    ],
  }).upward[0]!;
}

async function setUp(dialect: 'sqlite' | 'postgres', transport: 'udp' | 'tcp', extra: Record<string, unknown> = {}, password = PASSWORD, live?: ClipLiveSource) {
  handle = await openTestDb(dialect);
  const db = handle.db;
  await seedUnitAndSite(db);
  await seedCamera(db, 'cam_gb', '大门', `gb28181://33010600001180000001/${GB_CHANNEL}`);
  await seedCamera(db, 'cam_rtsp', '收银台', 'rtsp://10.0.0.5/stream1', 'INACTIVE');
  await seedCamera(db, 'cam_unmapped', '后门', 'rtsp://10.0.0.6/stream1');
  await seedCamera(db, 'cam_group', '车库', `gb28181://33010600001180000001/${GROUP_CHANNEL}`);
  await seedCamera(db, 'cam_private', '办公室', 'gb28181://33010600001180000001/33010600001310000004');
  await seedGroup(db, 'grp_share', ['cam_group', 'cam_gb']);
  platform = await StandInPlatform.start(transport === 'udp' ? 'UDP' : 'TCP', password, { id: SUPERIOR });
  const clock = fixedClock('2025-05-01T03:00:00Z');
  const register = new RegisterService({ db, clock });
  if (live) {
    service = new CascadeService([link(platform.port, transport, extra)], { source: new RegistrySharedCameras(db), recorder: new RegisterShareRecorder(register), clock, version: 'test', live });
    await service.start();
  } else {
    service = await startCascade([link(platform.port, transport, extra)], { db, register, clock, version: 'test' });
  }
  return { platform, service, register };
}

describe('cascade configuration', () => {
  it('refuses to share cameras without a basis (art. 23(1))', () => {
    const result = cascadeConfig.safeParse({ upward: [{ name: 'x', superior: { sipId: SUPERIOR, host: 'h' }, localSipId: LOCAL, password: 'p', share: { cameraIds: ['cam_1'] } }] });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('basis');
  });

  it('accepts a link that shares nothing without a basis, and checks the codes', () => {
    expect(cascadeConfig.safeParse({ upward: [{ name: 'x', superior: { sipId: SUPERIOR, host: 'h' }, localSipId: LOCAL, password: 'p' }] }).success).toBe(true);
    expect(cascadeConfig.safeParse({ upward: [{ name: 'x', superior: { sipId: '33010000001180000001', host: 'h' }, localSipId: LOCAL, password: 'p' }] }).success).toBe(false);
    const badMapping = { name: 'x', superior: { sipId: SUPERIOR, host: 'h' }, localSipId: LOCAL, password: 'p', basis: 'b', share: { cameraIds: ['c'], channelCodes: { c: '33010600002000000001' } } };
    expect(cascadeConfig.safeParse({ upward: [badMapping] }).success).toBe(false);
  });
});

describe.each(DIALECTS)('cascade upward (%s)', (dialect) => {
  for (const transport of ['udp', 'tcp'] as const) {
    it(`registers over ${transport}, keeps alive, and shares exactly the configured cameras with a register entry`, async () => {
      const { platform, service, register } = await setUp(dialect, transport);
      const peer = platform.peer(LOCAL);
      expect(peer.registered).toBe(true);
      await platform.until(() => peer.keepalives >= 1, 3000);

      const docs = await platform.query(LOCAL, 'Catalog');
      expect(docs.map((d) => textOf(d.body, 'SumNum'))).toEqual(['3', '3']);
      const items = docs.flatMap((d) => itemsOf(d, 'DeviceList'));
      expect(items.map((i) => i.DeviceID).sort()).toEqual([GB_CHANNEL, MAPPED, GROUP_CHANNEL].sort());
      expect(items.find((i) => i.DeviceID === MAPPED)).toMatchObject({ Name: '收银台', Status: 'OFF', ParentID: LOCAL });
      expect(items.find((i) => i.DeviceID === GB_CHANNEL)).toMatchObject({ Name: '大门', Status: 'ON', Address: '杭州市西湖区某路 1 号' });

      const { entries } = await register.search({}, { limit: 10, offset: 0 });
      expect(entries).toHaveLength(1);
      const entry = entries[0]!;
      expect(entry).toMatchObject({ kind: 'ACCESS', operation: 'API_RETRIEVAL', basis: { type: 'STATE_ORGAN_REQUEST', ref: '公(杭)函〔2025〕12号 视频共享协议' } });
      expect(entry.actor.unit).toBe('某市公安局');
      expect(entry.actor.userId).toBe('cascade:city-psb');
      expect(entry.reason.category).toBe('STATE_ORGAN_REQUEST');
      expect([...entry.content.cameraIds].sort()).toEqual(['cam_gb', 'cam_group', 'cam_rtsp']);
      expect((await register.verify()).ok).toBe(true);

      const [status] = service.status();
      expect(status).toMatchObject({ name: 'city-psb', registered: true, sharedCameras: 3, lastCatalogAt: '2025-05-01T03:00:00.000Z' });
      expect(status!.lastKeepaliveAt).not.toBeNull();
      expect(status!.skipped).toEqual([
        { cameraId: 'cam_unmapped', problem: 'NO_CHANNEL_CODE' },
        { cameraId: 'cam_missing', problem: 'NOT_FOUND' },
      ]);
      expect(JSON.stringify(status)).not.toContain(PASSWORD);

      const [info] = await platform.query(LOCAL, 'DeviceInfo');
      expect(textOf(info!.body, 'Manufacturer')).toBe('Custos');
    });
  }

  it('refuses live INVITEs upward (488 for a shared camera, 404 otherwise), each with a DENIAL entry', async () => {
    const { platform, register } = await setUp(dialect, 'udp');
    const shared = await platform.invite(LOCAL, GB_CHANNEL, 'udp');
    shared.close();
    expect(shared.status).toBe(488);
    const other = await platform.invite(LOCAL, '33010600001310000004', 'udp');
    other.close();
    expect(other.status).toBe(404);
    const { entries } = await register.search({ kind: 'DENIAL' }, { limit: 10, offset: 0 });
    expect(entries).toHaveLength(2);
    const byCode = Object.fromEntries(entries.map((e) => [e.content.denied!.code.split(':')[0], e]));
    expect(byCode.E_CASCADE_LIVE_NOT_AVAILABLE!.content.cameraIds).toEqual(['cam_gb']);
    expect(byCode.E_CASCADE_NOT_SHARED!.content.cameraIds).toEqual([]);
  });

  for (const media of ['udp', 'tcp-passive', 'tcp-active'] as const) {
    it(`relays a shared camera's live feed upward as PS over RTP (${media}) between ACCESS and CLOSE entries`, async () => {
      const live = new ClipLiveSource(new Set(['cam_gb']));
      const { platform, register, service } = await setUp(dialect, 'udp', {}, PASSWORD, live);
      const call = await platform.invite(LOCAL, GB_CHANNEL, media, { ssrc: '0200000007' });
      try {
        expect(call.status).toBe(200);
        expect(call.answer).toMatch(/^y=0200000007$/m);
        expect(call.answer).toMatch(/^a=sendonly$/m);
        const opened = (await register.search({ kind: 'ACCESS' }, { limit: 10, offset: 0 })).entries;
        expect(opened).toHaveLength(1);
        expect(opened[0]).toMatchObject({ operation: 'LIVE_ADHOC', cameraIds: ['cam_gb'], basis: { type: 'STATE_ORGAN_REQUEST' } });
        expect(opened[0]!.actor.unit).toBe('某市公安局');
        await platform.until(() => call.packets.length > 30, 5000);
        const ps = call.psBytes();
        expect(ps.readUInt32BE(0)).toBe(0x000001ba);
        // The first pack is a keyframe's: system header and PSM follow the pack header.
        expect(ps.indexOf(Buffer.from([0, 0, 1, 0xbc]))).toBeGreaterThan(0);
        for (const packet of call.packets) expect(packet.readUInt32BE(8)).toBe(200000007);
        expect(service.status()[0]!.liveStreams).toBe(1);
        expect(await call.bye()).toBe(200);
        expect(live.feeds[0]!.closed).toBe(true);
        // The BYE is answered first; the CLOSE entry follows.
        let closing = (await register.search({ kind: 'CLOSE' }, { limit: 10, offset: 0 })).entries;
        for (let i = 0; i < 50 && closing.length === 0; i++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          closing = (await register.search({ kind: 'CLOSE' }, { limit: 10, offset: 0 })).entries;
        }
        expect(closing).toHaveLength(1);
        expect(closing[0]!.refersTo).toBe(opened[0]!.id);
        expect((await register.verify()).ok).toBe(true);
      } finally {
        call.close();
      }
    });
  }

  it('hangs up upward when the camera feed ends (BYE to the superior, CLOSE entry)', async () => {
    const live = new ClipLiveSource(new Set(['cam_gb']));
    const { platform, register } = await setUp(dialect, 'tcp', {}, PASSWORD, live);
    const call = await platform.invite(LOCAL, GB_CHANNEL, 'udp');
    try {
      await platform.until(() => call.packets.length > 5, 5000);
      live.feeds[0]!.end();
      await platform.until(() => platform.peer(LOCAL).byes.includes(call.callId), 3000);
      // finish() writes the CLOSE entry before the BYE goes out.
      expect((await register.search({ kind: 'CLOSE' }, { limit: 10, offset: 0 })).total).toBe(1);
    } finally {
      call.close();
    }
  });

  it('refuses with 488 and a DENIAL entry when the shared camera has no live feed now', async () => {
    const live = new ClipLiveSource(new Set());
    const { platform, register } = await setUp(dialect, 'udp', {}, PASSWORD, live);
    const call = await platform.invite(LOCAL, GB_CHANNEL, 'udp');
    call.close();
    expect(call.status).toBe(488);
    expect((await register.search({ kind: 'DENIAL' }, { limit: 10, offset: 0 })).total).toBe(1);
    expect((await register.search({ kind: 'ACCESS' }, { limit: 10, offset: 0 })).total).toBe(0);
  });

  it('shares nothing and writes no entry when nothing is named', async () => {
    const { platform, register } = await setUp(dialect, 'udp', { share: {}, basis: undefined });
    const docs = await platform.query(LOCAL, 'Catalog');
    expect(docs).toHaveLength(1);
    expect(textOf(docs[0]!.body, 'SumNum')).toBe('0');
    expect((await register.search({}, { limit: 10, offset: 0 })).total).toBe(0);
  });

  it('reports a refused registration in its status', async () => {
    const { service } = await setUp(dialect, 'udp', {}, 'not-the-password');
    const [status] = service.status();
    expect(status!.registered).toBe(false);
    expect(status!.lastError?.code).toBe('E_SIP_AUTH');
  });
});

describe('the example configuration', () => {
  it('examples/cascade-upward.yaml is a valid cascade section', async () => {
    const { loadConfig } = await import('../../src/config/load.ts');
    const config = loadConfig({ env: {}, file: new URL('../../examples/cascade-upward.yaml', import.meta.url).pathname });
    expect(config.cascade.upward[0]).toMatchObject({ name: 'city-psb', localSipId: '33010600002000000009', share: { cameraIds: ['cam_entrance', 'cam_cashier'] } });
  });
});
