/**
 * REG-15-4, REG-16-3: an export bundle made from real simulator segments through the API (four
 * eyes, register entry with the bundle's SHA-256) verifies offline with `custos verify`; one changed
 * byte in its MP4, a segment or its manifest makes the verifier fail and name the layer and file.
 */
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, sign } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/media/simulator/server.ts';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { CameraRecorder } from '../../src/recorder/camera-recorder.ts';
import { LocalSegmentStore, segmentsRoot } from '../../src/recording/local-segment-store.ts';
import { indexSegment, listSegments } from '../../src/recording/segment-repository.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { remuxSegments } from '../../src/bundle/media-tools.ts';
import { readEntry, readTarIndex, TarWriter } from '../../src/bundle/tar.ts';
import type { BundleManifest } from '../../src/bundle/manifest.ts';
import { connectDatabase, migrateToLatest, type Db } from '../../src/db/connect.ts';
import { createServices } from '../../src/app/services.ts';
import type { SegmentRow } from '../../src/recording/model.ts';
import { cameraBody, siteBody, unitBody } from '../support/fixtures.ts';
import { ALL_PREREQUISITES } from '../support/access.ts';
import { verifyBundle } from '../../src/bundle/verify-bundle.ts';
import { openTestDb } from '../support/db.ts';
import { custos } from '../support/cli.ts';
import { openVideoEnv, REASON, type VideoEnv } from '../access/video-access-support.ts';
import { waitFor } from '../recorder/support/segments.ts';

const FROM = '2025-05-01T02:00:00.000Z';
const TO = '2025-05-01T02:10:00.000Z';

interface Recorded {
  root: string;
  rows: SegmentRow[];
}

/** Records real H.264 segments from the simulator (once for the file). */
async function recordReal(scratch: string): Promise<Recorded> {
  const sim = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: ['h264'] });
  const db = await openTestDb('sqlite');
  try {
    const root = path.join(scratch, 'rec');
    const recorder = new CameraRecorder({ cameraId: 'cam_sim', url: sim.url(1), db: db.db, store: new LocalSegmentStore(root), clock: systemClock, segmentMs: 1000 });
    recorder.start();
    const all = { cameraId: 'cam_sim', from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };
    await waitFor(async () => (await listSegments(db.db, all)).length >= 4, 60_000);
    await recorder.stop();
    return { root, rows: (await listSegments(db.db, all)).slice(0, 4) };
  } finally {
    await sim.close();
    await db.close();
  }
}

/** Files the recorded segments as a camera's, from FROM on, into a data folder and its database. */
async function fileAs(recorded: Recorded, db: Db, dataDir: string, cameraId: string, at: Date): Promise<number> {
  const store = new LocalSegmentStore(segmentsRoot(dataDir));
  let startMs = Date.parse(FROM);
  for (const [i, row] of recorded.rows.entries()) {
    const key = { cameraId, seq: i + 1, startMs };
    const stored = await store.put(key, createReadStream(path.join(recorded.root, row.path)));
    await indexSegment(db, { ...key, endMs: startMs + row.durationMs, bytes: stored.bytes, codec: row.codec, frames: row.frames, path: stored.path, sha256: stored.sha256 }, at);
    startMs += row.durationMs;
  }
  return recorded.rows.length;
}

function flipByte(file: string, at: number): void {
  const bytes = readFileSync(file);
  bytes[at] = (bytes[at] as number) ^ 0x01;
  writeFileSync(file, bytes);
}

describe('REG-15-4 export bundles', { timeout: 120_000 }, () => {
  let env: VideoEnv;
  let scratch: string;
  let bundle: string;
  let segments: number;
  let investigator: Awaited<ReturnType<VideoEnv['user']>>;
  let recorded: Recorded;
  let basis: { type: string; ref: string };

  beforeAll(async () => {
    env = await openVideoEnv('sqlite');
    scratch = mkdtempSync(path.join(tmpdir(), 'custos-bundle-'));
    recorded = await recordReal(scratch);
    segments = await fileAs(recorded, env.t.db.db, env.t.dataDir, env.cams.C1, env.t.clock.now());
    investigator = await env.user({ displayName: '赵六', grants: [{ role: 'INVESTIGATOR', scope: { type: 'CAMERA_GROUP', id: env.groups.G1 } }] });
    const call = env.as(investigator.headers);
    basis = await env.holdBasis([env.cams.C1], FROM, TO);
    const request = (await call('POST', '/api/export-requests', { cameraIds: [env.cams.C1], from: FROM, to: TO, reason: REASON, basis })).json<{ id: string }>();
    const early = await call('POST', '/api/exports/bundle', { exportRequestId: request.id });
    expect(early.json()).toMatchObject({ code: 'E_APPROVAL_REQUIRED' });
    await env.t.call('POST', `/api/export-requests/${request.id}/approve`, {});
    const response = await call('POST', '/api/exports/bundle', { exportRequestId: request.id });
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-tar');
    bundle = path.join(scratch, 'export.tar');
    writeFileSync(bundle, response.rawPayload);
    expect(createHash('sha256').update(response.rawPayload).digest('hex')).toBe(response.headers['x-custos-sha256']);
    // Used once.
    expect((await call('POST', '/api/exports/bundle', { exportRequestId: request.id })).json()).toMatchObject({ code: 'E_APPROVAL_REQUIRED' });
  });
  afterAll(async () => {
    await env?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const copy = (name: string): string => {
    const file = path.join(scratch, name);
    writeFileSync(file, readFileSync(bundle));
    return file;
  };

  it('records the export in the register with the bundle’s SHA-256, before the download', async () => {
    const sha256 = createHash('sha256').update(readFileSync(bundle)).digest('hex');
    const entries = await env.t.services.register.search({ operation: 'EXPORT', kind: 'ACCESS' }, { limit: 10, offset: 0 });
    expect(entries.entries).toHaveLength(1);
    expect(entries.entries[0]).toMatchObject({ actor: { userId: investigator.userId }, approver: { userId: env.t.admin.userId }, basis });
    expect(entries.entries[0]?.content.fileHashes?.[0]).toMatchObject({ sha256, bytes: readFileSync(bundle).length });
    expect(entries.entries[0]?.content.fileHashes).toHaveLength(segments + 1);
  });

  it('verifies offline with `custos verify`, every layer', async () => {
    const result = await custos(['verify', bundle], { CUSTOS_DATA_DIR: path.join(scratch, 'nowhere') });
    expect(result.status, result.stderr).toBe(0);
    const report = result.json<{ ok: boolean; layers: { layer: string; ok: boolean }[] }>();
    expect(report.layers.map((l) => [l.layer, l.ok])).toEqual(['BUNDLE', 'MANIFEST_SIGNATURE', 'SEGMENTS', 'CHAIN', 'PROOFS', 'CHECKPOINT', 'MP4'].map((l) => [l, true]));
    const keyFile = path.join(scratch, 'published.pem');
    writeFileSync(keyFile, (await env.t.call('GET', '/api/ledger/public-key', undefined, { authorization: '' })).json<{ publicKeyPem: string }>().publicKeyPem);
    expect((await custos(['verify', bundle, '--public-key', keyFile], {})).status).toBe(0);
  });

  it('POST /api/exports/verify checks an uploaded bundle, every layer, against the server’s key; a changed segment byte fails at SEGMENTS; nothing is kept', async () => {
    const upload = (file: string, headers: Record<string, string> = {}) =>
      env.t.call('POST', '/api/exports/verify', readFileSync(file), { 'content-type': 'application/octet-stream', ...investigator.headers, ...headers });
    const good = await upload(bundle);
    expect(good.statusCode, good.body.slice(0, 300)).toBe(200);
    const report = good.json<{ ok: boolean; keyPinned: boolean; bytes: number; layers: { layer: string; ok: boolean }[] }>();
    expect(report).toMatchObject({ ok: true, keyPinned: true, bytes: readFileSync(bundle).length });
    expect(report.layers.map((l) => [l.layer, l.ok])).toEqual(['BUNDLE', 'MANIFEST_SIGNATURE', 'SEGMENTS', 'CHAIN', 'PROOFS', 'CHECKPOINT', 'MP4'].map((l) => [l, true]));
    expect((await upload(bundle, { 'content-type': 'application/x-tar' })).json()).toMatchObject({ ok: true });

    const seg = copy('segment-upload.tar');
    const entry = [...(await readTarIndex(seg)).values()].find((e) => e.name.startsWith('segments/'));
    flipByte(seg, (entry?.offset ?? 0) + 40);
    const bad = await upload(seg);
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toMatchObject({ ok: false, firstFailure: { layer: 'SEGMENTS', file: entry?.name } });

    const empty = await env.t.call('POST', '/api/exports/verify', undefined, investigator.headers);
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toMatchObject({ code: 'E_BUNDLE_FILE_REQUIRED' });
    // The scratch files are gone.
    const work = path.join(env.t.dataDir, 'exports');
    expect(existsSync(work) ? readdirSync(work).filter((f) => f.startsWith('vfy_')) : []).toEqual([]);
  });

  it('names the MP4 layer and file for one changed byte in the MP4', async () => {
    const file = copy('mp4-byte.tar');
    const clip = [...(await readTarIndex(file)).values()].find((e) => e.name.startsWith('clips/'));
    flipByte(file, (clip?.offset ?? 0) + Math.floor((clip?.size ?? 0) / 2));
    const result = await custos(['verify', file], {});
    expect(result.status).toBe(1);
    expect(result.json()).toMatchObject({ ok: false, firstFailure: { layer: 'MP4', file: `clips/${env.cams.C1}.mp4` } });
    expect(result.stderr).toContain('layer MP4');
  });

  it('names the manifest signature for one changed byte in the manifest, and the segment for one in a segment', async () => {
    const file = copy('manifest-byte.tar');
    const manifest = (await readTarIndex(file)).get('manifest.json');
    const text = readFileSync(file).subarray(manifest?.offset ?? 0, (manifest?.offset ?? 0) + (manifest?.size ?? 0)).toString('latin1');
    flipByte(file, (manifest?.offset ?? 0) + text.indexOf('"range"') + 20);
    expect((await verifyBundle(file)).firstFailure).toMatchObject({ layer: 'MANIFEST_SIGNATURE', file: 'manifest.json' });

    const seg = copy('segment-byte.tar');
    const entry = [...(await readTarIndex(seg)).values()].find((e) => e.name.startsWith('segments/'));
    flipByte(seg, (entry?.offset ?? 0) + (entry?.size ?? 0) - 5);
    expect((await verifyBundle(seg)).firstFailure).toMatchObject({ layer: 'SEGMENTS', file: entry?.name });
  });

  it('names the MP4 layer when a re-signed manifest vouches for a clip not made of exactly its segments', async () => {
    // Whoever holds the key re-signs a clip made from fewer segments: the hashes agree, the samples do not.
    const entries = await readTarIndex(bundle);
    const manifest = JSON.parse((await readEntry(bundle, entries.get('manifest.json')!)).toString('utf8')) as BundleManifest;
    const cam = manifest.cameras[0]!;
    const parts = await Promise.all(cam.segments.slice(0, -1).map(async (s, i) => {
      const f = path.join(scratch, `part-${i}.mp4`);
      writeFileSync(f, await readEntry(bundle, entries.get(s.path)!));
      return f;
    }));
    const shortClip = path.join(scratch, 'short.mp4');
    await remuxSegments(parts, shortClip);
    const clipBytes = readFileSync(shortClip);
    cam.clip = { ...cam.clip, sha256: createHash('sha256').update(clipBytes).digest('hex'), bytes: clipBytes.length };
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
    const key = await env.t.services.ledger.key();
    const forged = path.join(scratch, 'forged.tar');
    const tar = await TarWriter.create(forged, new Date());
    await tar.addBuffer('manifest.json', manifestBytes);
    await tar.addBuffer('manifest.sig', Buffer.from(sign(null, manifestBytes, key.privateKey).toString('base64')));
    for (const e of entries.values()) {
      if (e.name === 'manifest.json' || e.name === 'manifest.sig') continue;
      await tar.addBuffer(e.name, e.name === cam.clip.path ? clipBytes : await readEntry(bundle, e));
    }
    await tar.close();
    const result = await verifyBundle(forged);
    expect(result.firstFailure).toMatchObject({ layer: 'MP4', file: cam.clip.path });
    expect(result.firstFailure?.detail).toContain('samples');
  });

  it('`custos export --as` writes a bundle for a user who holds EXPORT, recorded from address cli, that verifies', async () => {
    const dir = path.join(scratch, 'server');
    const handle = connectDatabase(`sqlite:${path.join(dir, 'custos.db')}`);
    await migrateToLatest(handle);
    const now = new Date();
    const services = createServices(handle.db, { now: () => new Date() }, dir);
    const actor = { name: 'cli-test' };
    const unit = await services.units.create(unitBody(), actor);
    const site = await services.sites.create(siteBody(unit.id), actor);
    const camera = await services.cameras.create(cameraBody(site.id, unit.id), actor);
    const admin = await services.setup.createFirstAdministrator({ username: 'wang', displayName: '王五', password: 'correct horse battery staple 2025' });
    const recent = new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
    await handle.db
      .insertInto('persons')
      .values({ id: 'psn_cli', unitId: null, name: '王五', idDocument: null, position: '系统管理员', ...ALL_PREREQUISITES, jobTrainingAt: recent, confidentialityAgreementRef: null, contractorUndertakingAt: null, active: 1, createdAt: now.toISOString(), updatedAt: now.toISOString() })
      .execute();
    await handle.db.updateTable('users').set({ personId: 'psn_cli' }).where('id', '=', admin.id).execute();
    await fileAs(recorded, handle.db, dir, camera.id, now);
    const hold = await services.retention.holds.create({ basisType: 'INCIDENT', citation: '事件 INC-12 保全', owner: '王五', ranges: [{ cameraId: camera.id, from: FROM, to: TO }] }, actor);
    await handle.close();

    const out = path.join(scratch, 'cli-export.tar');
    const args = ['export', '--camera', camera.id, '--from', FROM, '--to', TO, '--reason-category', 'INCIDENT_INVESTIGATION', '--reason', '顾客报失手机核查 INC-12', '--out', out];
    const nobody = await custos([...args, '--as', 'nobody'], { CUSTOS_DATA_DIR: dir });
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toContain('E_EXPORT_USER_NOT_FOUND');
    // REG-23-1: no basis, no export.
    const bare = await custos([...args, '--as', 'wang'], { CUSTOS_DATA_DIR: dir });
    expect(bare.status).toBe(1);
    expect(bare.stderr).toContain('E_EXPORT_BASIS_REQUIRED');
    const made = await custos([...args, '--as', 'wang', '--basis-type', 'HOLD', '--basis-ref', hold.id], { CUSTOS_DATA_DIR: dir });
    expect(made.status, made.stderr).toBe(0);
    const result = made.json<{ sha256: string; registerEntryId: string }>();
    expect(createHash('sha256').update(readFileSync(out)).digest('hex')).toBe(result.sha256);
    const again = connectDatabase(`sqlite:${path.join(dir, 'custos.db')}`);
    const entry = await again.db.selectFrom('accessRegister').selectAll().where('id', '=', result.registerEntryId).executeTakeFirstOrThrow();
    await again.close();
    expect(entry).toMatchObject({ operation: 'EXPORT', actorUserId: admin.id, clientAddress: 'cli' });
    expect(entry.content).toContain(result.sha256);
    const verified = await custos(['verify', out], {});
    expect(verified.status, verified.stderr).toBe(0);
    const ledger = await custos(['ledger', 'verify'], { CUSTOS_DATA_DIR: dir });
    expect(ledger.status, ledger.stderr).toBe(0);
  });

  it('bridges a segment deleted by an order inside the range with its tombstone, and still verifies', async () => {
    const db = env.t.db.db;
    const [victim] = await db.selectFrom('segments').selectAll().where('cameraId', '=', env.cams.C1).where('seq', '=', 2).execute();
    if (!victim) throw new Error('no segment 2');
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('segments').where('id', '=', victim.id).execute();
      await tx
        .insertInto('segmentDeletions')
        .values({ id: 'del_order_1', segmentId: victim.id, cameraId: victim.cameraId, segmentSeq: victim.seq, startAt: victim.startAt, endAt: victim.endAt, sha256: victim.sha256, prevChainHash: victim.prevChainHash, chainHash: victim.chainHash, bytes: victim.bytes, policy: 'ORDERED', orderRef: '公(西)责字〔2025〕12号', deletedAt: env.t.clock.now().toISOString() })
        .execute();
    });
    const out = path.join(scratch, 'after-order.tar');
    const made = await env.t.services.bundles.export(
      env.t.admin.principal,
      { cameraIds: [env.cams.C1], from: FROM, to: TO, reason: REASON, basis: null, approver: null, exportRequestId: null },
      out,
    );
    expect(made.segments).toBe(segments - 1);
    const result = await verifyBundle(out);
    expect(result.ok, JSON.stringify(result.firstFailure)).toBe(true);
    const entries = await readTarIndex(out);
    const manifest = JSON.parse((await readEntry(out, entries.get('manifest.json')!)).toString('utf8')) as BundleManifest;
    expect(manifest.cameras[0]?.tombstones).toMatchObject([{ segmentSeq: 2, policy: 'ORDERED', sha256: victim.sha256 }]);
  });
});
