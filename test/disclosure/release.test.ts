import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RegisterEntryView } from '../../src/access/register/model.ts';
import { releaseDb } from '../../src/db/release-tables.ts';
import type { RedactionJob, Release, RenderJob } from '../../src/disclosure/release/model.ts';
import { DIALECTS } from '../support/db.ts';
import { openVideoEnv, REASON, type VideoEnv } from '../access/video-access-support.ts';
import { TestEngine } from './release-support.ts';

const FROM = '2025-05-01T10:00:00+08:00';
const TO = '2025-05-01T10:00:04+08:00';
const PURPOSE = '警方协查通报:寻找目击者,公开发布经遮挡的片段';

type Call = ReturnType<VideoEnv['as']>;

describe.each(DIALECTS)('public release through a redaction job (%s)', (dialect) => {
  let env: VideoEnv;
  let engine: TestEngine;
  let call: Call;
  let requester: Awaited<ReturnType<VideoEnv['user']>>;

  beforeEach(async () => {
    env = await openVideoEnv(dialect);
    engine = new TestEngine();
    env.t.services.redactionEngines.use(engine);
    await env.record(env.cams.C1, Date.parse(FROM), 5);
    requester = await env.user({ displayName: '赵六', grants: [{ role: 'INVESTIGATOR', scope: { type: 'ALL' } }] });
    call = env.as(requester.headers);
  });
  afterEach(async () => {
    await env.t.services.redactionRunner.idle();
    await env?.close();
  });

  const create = async (): Promise<Release> => {
    const response = await call('POST', '/api/releases', {
      cameraId: env.cams.C1,
      from: FROM,
      to: TO,
      basis: { type: 'STATE_ORGAN_NOTICE', text: '某县公安局协查通报 2025-17 号' },
      purpose: PURPOSE,
      channel: 'WEBSITE',
      url: 'https://example.org/notice/2025-17',
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Release>();
  };

  const detected = async (releaseId: string): Promise<RedactionJob> => {
    const started = await call('POST', `/api/releases/${releaseId}/detect`, {});
    expect(started.statusCode, started.body).toBe(202);
    await env.t.services.redactionRunner.idle();
    const job = (await call('GET', `/api/releases/${releaseId}/job`)).json<RedactionJob>();
    expect(job).toMatchObject({ status: 'DONE', unresolved: 5 });
    return job;
  };

  /** Publishes: 202 with the render job, which ends DONE; answers the release as stored then. */
  const publish = async (releaseId: string): Promise<Release> => {
    const started = await call('POST', `/api/releases/${releaseId}/publish`);
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json<RenderJob>()).toMatchObject({ releaseId, status: 'QUEUED' });
    await env.t.services.redactionRunner.idle();
    expect((await call('GET', `/api/releases/${releaseId}/render`)).json<RenderJob>()).toMatchObject({ id: started.json<RenderJob>().id, status: 'DONE', error: null });
    return (await call('GET', `/api/releases/${releaseId}`)).json<Release>();
  };

  const resolve = (releaseId: string, trackId: string, body: unknown) => call('POST', `/api/releases/${releaseId}/tracks/${trackId}/resolve`, body);

  const denials = async (code: string) =>
    (await env.t.call('GET', '/api/register?kind=DENIAL&limit=100')).json<{ entries: RegisterEntryView[] }>().entries.filter((e) => e.content.denied?.code === code);

  it('REG-22-1 test 1: PUBLIC_RELEASE without a redaction job gets 409 E_REDACTION_REQUIRED (also as a plain export), each with a DENIAL entry', async () => {
    const release = await create();
    const published = await call('POST', `/api/releases/${release.id}/publish`);
    expect(published.statusCode).toBe(409);
    expect(published.json()).toMatchObject({ code: 'E_REDACTION_REQUIRED', article: '22' });
    const approved = await env.t.call('POST', `/api/releases/${release.id}/approve`, {});
    expect(approved.json()).toMatchObject({ code: 'E_REDACTION_REQUIRED' });

    // The export path refuses a public release outright: it goes only through the redaction job.
    const plain = await call('POST', '/api/export-requests', { cameraIds: [env.cams.C1], from: FROM, to: TO, reason: REASON, basis: { type: 'PUBLIC_RELEASE', ref: release.id } });
    expect(plain.statusCode).toBe(409);
    expect(plain.json()).toMatchObject({ code: 'E_REDACTION_REQUIRED', article: '22' });
    const refused = await denials('E_REDACTION_REQUIRED');
    expect(refused).toHaveLength(3);
    expect(refused.map((e) => e.basis)).toEqual(expect.arrayContaining([{ type: 'PUBLIC_RELEASE', ref: release.id }]));
    expect((await env.t.call('GET', '/api/export-requests')).json<unknown[]>()).toHaveLength(0);
  });

  it('REG-22-1 test 2: 3 faces, 1 plate and 1 shop sign with the plate unresolved gets 409 E_REDACTION_INCOMPLETE {unresolved:1}', async () => {
    const release = await create();
    const job = await detected(release.id);
    expect(job.tracks.map((t) => t.kind).sort()).toEqual(['FACE', 'FACE', 'FACE', 'PLATE', 'TEXT']);
    expect(engine.inputs[0]).toHaveLength(4);
    for (const t of job.tracks.filter((x) => x.kind === 'FACE')) expect((await resolve(release.id, t.id, { resolution: 'MASK' })).statusCode).toBe(200);
    // Leaving the sign visible needs a reason.
    expect((await resolve(release.id, 'sign-1', { resolution: 'JUSTIFIED' })).json()).toMatchObject({ code: 'E_JUSTIFICATION_REQUIRED' });
    const justified = await resolve(release.id, 'sign-1', { resolution: 'JUSTIFIED', justification: '公共机构名称,发布协查通报须保留' });
    expect(justified.json<RedactionJob>().unresolved).toBe(1);

    const signOff = await call('POST', `/api/releases/${release.id}/sign-off`);
    expect(signOff.statusCode).toBe(409);
    expect(signOff.json()).toMatchObject({ code: 'E_REDACTION_INCOMPLETE', article: '22', details: { unresolved: 1 } });
    const published = await call('POST', `/api/releases/${release.id}/publish`);
    expect(published.statusCode).toBe(409);
    expect(published.json()).toMatchObject({ code: 'E_REDACTION_INCOMPLETE', details: { unresolved: 1 } });
    expect((await env.t.call('POST', `/api/releases/${release.id}/approve`, {})).json()).toMatchObject({ code: 'E_REDACTION_INCOMPLETE', details: { unresolved: 1 } });
    expect(await denials('E_REDACTION_INCOMPLETE')).toHaveLength(2);
    expect(engine.rendered).toHaveLength(0);
  });

  it('REG-22-1 test 3: with every track resolved, signed off and approved by a second person, the release succeeds with only the masked boxes burned in', async () => {
    const release = await create();
    await detected(release.id);
    for (const id of ['face-1', 'face-2', 'face-3', 'plate-1']) await resolve(release.id, id, { resolution: 'MASK' });
    await resolve(release.id, 'sign-1', { resolution: 'JUSTIFIED', justification: '公共机构名称,发布协查通报须保留' });
    // A box the detectors missed, drawn by hand.
    const added = await call('POST', `/api/releases/${release.id}/tracks`, { kind: 'FACE', keyframe: { t: 1.5, x: 500, y: 100, w: 60, h: 60 } });
    expect(added.statusCode, added.body).toBe(201);
    const manual = added.json<RedactionJob>().tracks.find((t) => t.source === 'MANUAL');
    expect(manual).toMatchObject({ resolution: 'MASK', keyframes: [{ t: 1.5, x: 500, y: 100, w: 60, h: 60 }] });

    // Not yet signed off: no approval.
    expect((await env.t.call('POST', `/api/releases/${release.id}/approve`, {})).json()).toMatchObject({ code: 'E_REDACTION_SIGN_OFF_REQUIRED' });
    const signed = await call('POST', `/api/releases/${release.id}/sign-off`);
    expect(signed.json<RedactionJob>().signOff).toMatchObject({ userId: requester.userId, name: '赵六' });
    // Four eyes: the requester cannot approve (nor does an investigator hold APPROVE).
    expect((await call('POST', `/api/releases/${release.id}/approve`, {})).statusCode).toBe(403);
    expect((await call('POST', `/api/releases/${release.id}/publish`)).json()).toMatchObject({ code: 'E_APPROVAL_REQUIRED' });
    const approved = await env.t.call('POST', `/api/releases/${release.id}/approve`, { note: '同意发布' });
    expect(approved.json<Release>()).toMatchObject({ status: 'APPROVED', approver: { userId: env.t.admin.userId, note: '同意发布' } });
    // Approved: the redaction no longer changes.
    expect((await resolve(release.id, 'sign-1', { resolution: 'MASK' })).json()).toMatchObject({ code: 'E_RELEASE_LOCKED' });
    // Only the requester publishes.
    expect((await env.t.call('POST', `/api/releases/${release.id}/publish`)).json()).toMatchObject({ code: 'E_RELEASE_NOT_YOURS' });

    const published = await publish(release.id);
    expect(published).toMatchObject({ status: 'PUBLISHED', file: { name: `${release.id}.mp4` } });
    expect(engine.rendered[0]?.map((t) => t.id).sort()).toEqual(['face-1', 'face-2', 'face-3', manual?.id, 'plate-1'].sort());
    expect((await call('POST', `/api/releases/${release.id}/publish`)).json()).toMatchObject({ code: 'E_RELEASE_LOCKED' });
  });

  it('REG-22-3: after release P1, GET /releases/P1 holds what was released, channel and URL, date, basis, approver and file hash, and the register entry has reason.category PUBLIC_RELEASE', async () => {
    const release = await create();
    const job = await detected(release.id);
    for (const t of job.tracks) await resolve(release.id, t.id, { resolution: 'MASK' });
    await call('POST', `/api/releases/${release.id}/sign-off`);
    await env.t.call('POST', `/api/releases/${release.id}/approve`, {});
    expect((await publish(release.id)).status).toBe('PUBLISHED');

    const p1 = (await call('GET', `/api/releases/${release.id}`)).json<Release>();
    const segments = await env.t.db.db.selectFrom('segments').selectAll().where('cameraId', '=', env.cams.C1).orderBy('seq').execute();
    const stored = readFileSync(path.join(env.t.dataDir, 'releases', release.id, `${release.id}.mp4`));
    const sha256 = createHash('sha256').update(stored).digest('hex');
    expect(p1).toMatchObject({
      cameraId: env.cams.C1,
      from: '2025-05-01T02:00:00.000Z',
      to: '2025-05-01T02:00:04.000Z',
      channel: 'WEBSITE',
      url: 'https://example.org/notice/2025-17',
      basis: { type: 'STATE_ORGAN_NOTICE', text: '某县公安局协查通报 2025-17 号' },
      purpose: PURPOSE,
      requestedBy: { userId: requester.userId, name: '赵六' },
      approver: { userId: env.t.admin.userId, name: '测试员' },
      publishedAt: '2025-05-01T03:00:00.000Z',
      file: { name: `${release.id}.mp4`, sha256, bytes: stored.length },
    });
    // The manifest ties the released file to the original segments (all four in the range) and the redaction's settings.
    expect(p1.manifest).toMatchObject({
      file: { sha256 },
      source: { segments: segments.slice(0, 4).map((s) => ({ id: s.id, sha256: s.sha256, chainHash: s.chainHash })) },
      redaction: { jobId: job.id, parameters: { mosaic: { blockPx: 16 } }, masked: expect.any(Array), signedOffBy: { userId: requester.userId } },
    });
    const onDisk = JSON.parse(readFileSync(path.join(env.t.dataDir, 'releases', release.id, 'manifest.json'), 'utf8')) as unknown;
    expect(onDisk).toEqual(p1.manifest);

    const entry = (await env.t.call('GET', `/api/register/${p1.registerEntryId}`)).json<RegisterEntryView>();
    expect(entry).toMatchObject({
      operation: 'EXPORT',
      reason: { category: 'PUBLIC_RELEASE', text: PURPOSE },
      basis: { type: 'PUBLIC_RELEASE', ref: release.id },
      approver: { userId: env.t.admin.userId },
      actor: { name: '赵六' },
    });
    expect(entry.content.fileHashes).toEqual([{ file: `${release.id}.mp4`, bytes: stored.length, sha256 }, ...segments.slice(0, 4).map((s) => ({ segmentId: s.id, cameraId: env.cams.C1, sha256: s.sha256 }))]);

    // The source was kept under a legal hold while the release was in progress; publication released it.
    expect(p1.holdId).toEqual(expect.any(String));
    expect((await env.t.call('GET', `/api/retention/holds/${p1.holdId}`)).json()).toMatchObject({ requestId: release.id, releasedAt: '2025-05-01T03:00:00.000Z', ranges: [{ cameraId: env.cams.C1, from: '2025-05-01T02:00:00.000Z', to: '2025-05-01T02:00:04.000Z' }] });

    // The register of releases lists it; the download is the released file, with its own entry.
    expect((await env.t.call('GET', '/api/releases?status=PUBLISHED')).json<Release[]>().map((r) => r.id)).toEqual([release.id]);
    const download = await call('GET', `/api/releases/${release.id}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(stored)).toBe(true);
    expect(download.headers['x-custos-sha256']).toBe(sha256);
    const downloadEntry = (await env.t.call('GET', `/api/register/${String(download.headers['x-custos-register-entry'])}`)).json<RegisterEntryView>();
    expect(downloadEntry).toMatchObject({ operation: 'EXPORT', reason: { category: 'PUBLIC_RELEASE' }, basis: { type: 'PUBLIC_RELEASE', ref: release.id }, content: { fileHashes: [{ sha256 }] } });
  });

  it('the editor moves, extends and deletes boxes, each change recorded with who and when; any change clears the sign-off', async () => {
    const release = await create();
    await detected(release.id);
    const moved = await call('PUT', `/api/releases/${release.id}/tracks/face-1/keyframes`, { t: 1, x: 20, y: 50, w: 44, h: 44 });
    expect(moved.json<RedactionJob>().tracks.find((t) => t.id === 'face-1')?.keyframes.map((k) => k.t)).toEqual([0, 1, 2]);
    const extended = await call('POST', `/api/releases/${release.id}/tracks/face-1/extend`, { t: 4 });
    expect(extended.json<RedactionJob>().tracks.find((t) => t.id === 'face-1')?.keyframes.at(-1)).toEqual({ t: 4, x: 30, y: 40, w: 40, h: 40 });
    expect((await call('PUT', `/api/releases/${release.id}/tracks/face-1/keyframes`, { t: 9, x: 0, y: 0, w: 10, h: 10 })).json()).toMatchObject({ code: 'E_KEYFRAME_OUTSIDE_CLIP' });
    const deleted = await call('DELETE', `/api/releases/${release.id}/tracks/sign-1`);
    expect(deleted.json<RedactionJob>().tracks.map((t) => t.id)).not.toContain('sign-1');
    for (const id of ['face-1', 'face-2', 'face-3', 'plate-1']) await resolve(release.id, id, { resolution: 'MASK' });
    expect((await call('POST', `/api/releases/${release.id}/sign-off`)).json<RedactionJob>().signOff).not.toBeNull();
    const afterEdit = await call('POST', `/api/releases/${release.id}/tracks/face-2/extend`, { t: 3 });
    expect(afterEdit.json<RedactionJob>().signOff).toBeNull();
    const edits = (await call('GET', `/api/releases/${release.id}/job/edits`)).json<{ action: string; trackId: string | null; by: { name: string } }[]>();
    expect(edits.map((e) => e.action)).toEqual(['DETECT', 'SET_KEYFRAME', 'EXTEND', 'DELETE', 'RESOLVE', 'RESOLVE', 'RESOLVE', 'RESOLVE', 'SIGN_OFF', 'EXTEND']);
    expect(edits.every((e) => e.by.name === '赵六')).toBe(true);
  });

  it('a running job reports progress and can be cancelled; the editor plays the source with the release as its basis', async () => {
    const release = await create();
    let finish: () => void = () => undefined;
    engine.hold = new Promise((resolve) => (finish = resolve));
    await call('POST', `/api/releases/${release.id}/detect`, {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    const running = (await call('GET', `/api/releases/${release.id}/job`)).json<RedactionJob>();
    expect(running).toMatchObject({ status: 'RUNNING', progress: { phase: 'detect', done: 0, total: 50 } });
    expect((await call('POST', `/api/releases/${release.id}/detect`, {})).json()).toMatchObject({ code: 'E_REDACTION_JOB_RUNNING' });
    const cancelled = await call('POST', `/api/releases/${release.id}/job/cancel`);
    expect(cancelled.json<RedactionJob>().status).toBe('CANCELLED');
    await env.t.services.redactionRunner.idle();
    finish();
    expect((await call('GET', `/api/releases/${release.id}/job`)).json<RedactionJob>().status).toBe('CANCELLED');

    // Playback of the source range under the release (REG-16-4 basis), not beyond it, nor on another camera.
    const basis = { type: 'PUBLIC_RELEASE', ref: release.id };
    const reason = { category: 'PUBLIC_RELEASE', text: '公开发布前的遮挡审核回放' };
    const play = await call('POST', '/api/access/playback', { cameraId: env.cams.C1, from: FROM, to: TO, reason, basis });
    expect(play.statusCode, play.body).toBe(200);
    const other = await call('POST', '/api/access/playback', { cameraId: env.cams.C2, from: FROM, to: TO, reason, basis });
    expect(other.json()).toMatchObject({ code: 'E_BASIS_INVALID' });
  });

  it('a job the server lost while it ran (a restart) reads as FAILED, and a new one can start', async () => {
    const release = await create();
    const job = await detected(release.id);
    await releaseDb(env.t.db.db).updateTable('redactionJobs').set({ status: 'RUNNING' }).where('id', '=', job.id).execute();
    const lost = (await call('GET', `/api/releases/${release.id}/job`)).json<RedactionJob>();
    expect(lost).toMatchObject({ status: 'FAILED', error: expect.stringContaining('INTERRUPTED') });
    expect((await call('POST', `/api/releases/${release.id}/detect`, {})).statusCode).toBe(202);
    await env.t.services.redactionRunner.idle();
    expect((await call('GET', `/api/releases/${release.id}/job`)).json<RedactionJob>()).toMatchObject({ status: 'DONE', unresolved: 5 });
  });

  /** A release with every track masked, signed off by the requester and approved by the administrator. */
  const approved = async (): Promise<Release> => {
    const release = await create();
    const job = await detected(release.id);
    for (const t of job.tracks) await resolve(release.id, t.id, { resolution: 'MASK' });
    await call('POST', `/api/releases/${release.id}/sign-off`);
    expect((await env.t.call('POST', `/api/releases/${release.id}/approve`, {})).json<Release>().status).toBe('APPROVED');
    return release;
  };

  const exportEntries = async (releaseId: string) =>
    (await env.t.db.db.selectFrom('accessRegister').selectAll().where('operation', '=', 'EXPORT').where('kind', '!=', 'DENIAL').execute()).filter((e) => JSON.stringify(e).includes(releaseId));

  it('publishing runs the render as a job: progress while it runs; cancelled during the render, it leaves no file, no manifest and no register entry, and the release can be published again', async () => {
    const release = await approved();
    let finish: () => void = () => undefined;
    engine.renderHold = new Promise((resolve) => (finish = resolve));
    const started = await call('POST', `/api/releases/${release.id}/publish`);
    expect(started.statusCode, started.body).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const running = (await call('GET', `/api/releases/${release.id}/render`)).json<RenderJob>();
    expect(running).toMatchObject({ id: started.json<RenderJob>().id, status: 'RUNNING', progress: { phase: 'render', done: 20, total: 50 } });
    expect((await call('GET', `/api/releases/${release.id}`)).json()).toMatchObject({ status: 'APPROVED', rendering: { phase: 'render', done: 20, total: 50 } });
    const folder = path.join(env.t.dataDir, 'releases', release.id);
    expect(existsSync(path.join(folder, `${release.id}.mp4.part`))).toBe(true);
    // A second publish while it renders is refused.
    expect((await call('POST', `/api/releases/${release.id}/publish`)).json()).toMatchObject({ code: 'E_RELEASE_LOCKED', details: { status: 'RENDERING' } });

    const cancelled = await call('POST', `/api/releases/${release.id}/render/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json<RenderJob>().status).toBe('CANCELLED');
    await env.t.services.redactionRunner.idle();
    finish();
    expect(readdirSync(folder)).toEqual([]);
    expect(await exportEntries(release.id)).toEqual([]);
    expect((await call('GET', `/api/releases/${release.id}`)).json()).toMatchObject({ status: 'APPROVED', file: null, registerEntryId: null, publishedAt: null, manifest: null, rendering: null });
    expect((await call('POST', `/api/releases/${release.id}/render/cancel`)).json()).toMatchObject({ code: 'E_REDACTION_JOB_NOT_CANCELLABLE' });

    // Published again, to the end.
    engine.renderHold = null;
    expect((await publish(release.id)).status).toBe('PUBLISHED');
  });

  it('a render that fails leaves no file, no manifest and no register entry: the job reads FAILED with the error, the release stays APPROVED', async () => {
    const release = await approved();
    engine.renderFailure = new Error('ffmpeg exited with code 1');
    expect((await call('POST', `/api/releases/${release.id}/publish`)).statusCode).toBe(202);
    await env.t.services.redactionRunner.idle();
    expect((await call('GET', `/api/releases/${release.id}/render`)).json<RenderJob>()).toMatchObject({ status: 'FAILED', error: 'ffmpeg exited with code 1' });
    expect(readdirSync(path.join(env.t.dataDir, 'releases', release.id))).toEqual([]);
    expect(await exportEntries(release.id)).toEqual([]);
    expect((await call('GET', `/api/releases/${release.id}`)).json()).toMatchObject({ status: 'APPROVED', file: null, registerEntryId: null });
    engine.renderFailure = null;
    expect((await publish(release.id)).status).toBe('PUBLISHED');
  });

  it('a completed render stores the file once: the register entry and the release record hold the SHA-256 of the file on disk', async () => {
    const release = await approved();
    const p1 = await publish(release.id);
    const stored = readFileSync(path.join(env.t.dataDir, 'releases', release.id, `${release.id}.mp4`));
    const sha256 = createHash('sha256').update(stored).digest('hex');
    expect(p1.file).toEqual({ name: `${release.id}.mp4`, sha256, bytes: stored.length });
    expect(p1.manifest).toMatchObject({ file: { sha256, bytes: stored.length } });
    const entries = await exportEntries(release.id);
    expect(entries.map((e) => e.id)).toEqual([p1.registerEntryId]);
    const entry = (await env.t.call('GET', `/api/register/${p1.registerEntryId}`)).json<RegisterEntryView>();
    expect(entry.content.fileHashes?.[0]).toEqual({ file: `${release.id}.mp4`, bytes: stored.length, sha256 });
    expect(readdirSync(path.join(env.t.dataDir, 'releases', release.id)).sort()).toEqual(['manifest.json', `${release.id}.mp4`]);
  });

  it('a render the server lost while it ran (a restart) reads FAILED/INTERRUPTED, leaves nothing published, and publishing again restarts it', async () => {
    const release = await approved();
    let finish: () => void = () => undefined;
    engine.renderHold = new Promise((resolve) => (finish = resolve));
    const started = (await call('POST', `/api/releases/${release.id}/publish`)).json<RenderJob>();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // What a restart leaves: the row RUNNING, a partial file, and a runner that does not know the job.
    env.t.services.redactionRunner.cancel(started.id);
    await env.t.services.redactionRunner.idle();
    finish();
    await releaseDb(env.t.db.db).updateTable('redactionJobs').set({ status: 'RUNNING', error: null, finishedAt: null }).where('id', '=', started.id).execute();
    const folder = path.join(env.t.dataDir, 'releases', release.id);
    writeFileSync(path.join(folder, `${release.id}.mp4.part`), 'partial');
    const lost = (await call('GET', `/api/releases/${release.id}/render`)).json<RenderJob>();
    expect(lost).toMatchObject({ id: started.id, status: 'FAILED', error: expect.stringContaining('INTERRUPTED') });
    expect(readdirSync(folder)).toEqual([]);
    expect((await call('GET', `/api/releases/${release.id}`)).json()).toMatchObject({ status: 'APPROVED', file: null, rendering: null });
    engine.renderHold = null;
    const again = await publish(release.id);
    expect(again).toMatchObject({ status: 'PUBLISHED', file: { name: `${release.id}.mp4` } });
    expect((await call('GET', `/api/releases/${release.id}/render`)).json<RenderJob>().id).not.toBe(started.id);
  });

  it('a user without a grant on the camera neither sees nor edits the release; the source is what the camera recorded in the range', async () => {
    const release = await create();
    const outsider = await env.user({ grants: [{ role: 'INVESTIGATOR', scope: { type: 'CAMERA_GROUP', id: env.groups.G2 } }] });
    const as = env.as(outsider.headers);
    expect((await as('GET', `/api/releases/${release.id}`)).statusCode).toBe(404);
    expect((await as('GET', '/api/releases')).json<unknown[]>()).toHaveLength(0);
    expect((await as('POST', `/api/releases/${release.id}/detect`, {})).statusCode).toBe(403);
    const body = { cameraId: env.cams.C1, basis: { type: 'CONSENT', text: '当事人书面同意' }, purpose: PURPOSE, channel: 'PRESS' };
    const nothing = await call('POST', '/api/releases', { ...body, from: '2025-05-01T09:00:00+08:00', to: '2025-05-01T09:30:00+08:00' });
    expect(nothing.json()).toMatchObject({ code: 'E_RELEASE_SOURCE_NOT_RECORDED' });
    // A range reaching past the recording is cut to what was recorded.
    const beyond = await call('POST', '/api/releases', { ...body, from: '2025-05-01T09:59:00+08:00', to: '2025-05-01T10:00:09+08:00' });
    expect(beyond.json()).toMatchObject({ from: '2025-05-01T02:00:00.000Z', to: '2025-05-01T02:00:05.000Z' });
  });
});
