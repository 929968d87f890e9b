/**
 * Tamper settings, learned reference and re-learn history (art. 23(2)), on SQLite and PostgreSQL:
 * read within reach, changed and re-learnt with CONFIG on the camera, a re-learn needs a reason and
 * ends the camera's open tamper alarms; the reference survives a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tamperRepository } from '../../src/analytics/tamper/tamper-repository.ts';
import { FRAME_BYTES } from '../../src/analytics/tamper/frame-features.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { scopedCaller, seedTwoUnits, type TwoUnits } from '../support/two-units.ts';

describe.each(DIALECTS)('tamper settings (%s)', (dialect) => {
  let t: TestApp;
  let world: TwoUnits;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await openTestApp(dialect);
    world = await seedTwoUnits(t);
    admin = { authorization: `Bearer ${t.admin.token}` };
  });
  afterAll(() => t.close());

  it('REG-23-2: shows detection on at MEDIUM before anything is stored, and keeps a changed sensitivity', async () => {
    const url = `/api/cameras/${world.cameras.A1}/tamper`;
    const shown = await t.call('GET', url, undefined, admin);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({ cameraId: world.cameras.A1, enabled: true, sensitivity: 'MEDIUM', learnedAt: null });
    expect(shown.json<{ kinds: unknown[] }>().kinds).toHaveLength(5);
    const changed = await t.call('PUT', url, { enabled: true, sensitivity: 'HIGH' }, admin);
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await t.call('GET', url, undefined, admin)).json()).toMatchObject({ sensitivity: 'HIGH', enabled: true });
  });

  it('REG-23-2: a re-learn needs a reason of 10 characters, keeps who and why, forgets the reference and ends open tamper alarms', async () => {
    const cameraId = world.cameras.A2;
    await tamperRepository.saveReference(t.db.db, cameraId, { frame: new Uint8Array(FRAME_BYTES).fill(7), std: 40, contrast: 0.4, sharpness: 0.15, frames: 10, learnedAt: '2026-01-01T00:00:00.000Z' }, '2026-01-01T00:00:00.000Z');
    const stored = await tamperRepository.load(t.db.db, cameraId);
    expect(stored.reference?.frame[100]).toBe(7);
    expect(stored.reference).toMatchObject({ std: 40, frames: 10, learnedAt: '2026-01-01T00:00:00.000Z' });
    const alarm = await t.services.alarms.raise({ kind: 'TAMPER_SCENE_CHANGE', cameraId, details: { structureMatch: 0.02 } });

    const short = await t.call('POST', `/api/cameras/${cameraId}/tamper/relearn`, { reason: 'moved' }, admin);
    expect(short.statusCode).toBe(422);
    expect(short.json()).toMatchObject({ code: 'E_TAMPER_RELEARN_REASON', article: '23(2)' });

    const reason = 'Camera turned to the new entrance (work order 4411)';
    const relearnt = await t.call('POST', `/api/cameras/${cameraId}/tamper/relearn`, { reason }, admin);
    expect(relearnt.statusCode, relearnt.body).toBe(200);
    expect(relearnt.json()).toMatchObject({ learnedAt: null });
    expect((await t.services.alarms.get(t.admin.principal, alarm.id)).endedAt).toBeTruthy();
    const history = await t.call('GET', `/api/cameras/${cameraId}/tamper/history`, undefined, admin);
    expect(history.json()).toEqual([expect.objectContaining({ reason, userId: t.admin.userId })]);
  });

  it('REG-23-2: shows open tamper alarms per kind', async () => {
    const cameraId = world.cameras.A1;
    await t.services.alarms.raise({ kind: 'TAMPER_OCCLUSION', cameraId });
    const kinds = (await t.call('GET', `/api/cameras/${cameraId}/tamper`, undefined, admin)).json<{ kinds: { kind: string; active: boolean }[] }>().kinds;
    expect(kinds.filter((k) => k.active).map((k) => k.kind)).toEqual(['TAMPER_OCCLUSION']);
    await t.services.alarms.resolve('TAMPER_OCCLUSION', cameraId);
  });

  it('refuses a change without CONFIG on the camera, and a read outside reach as absent', async () => {
    const operator = await scopedCaller(t, world, 'SITE_A', 'MONITOR_OPERATOR');
    const put = await t.call('PUT', `/api/cameras/${world.cameras.A1}/tamper`, { enabled: false, sensitivity: 'LOW' }, operator.headers);
    expect(put.statusCode).toBe(403);
    expect((await t.call('GET', `/api/cameras/${world.cameras.A1}/tamper`, undefined, operator.headers)).statusCode).toBe(200);
    const siteAdmin = await scopedCaller(t, world, 'SITE_A');
    expect((await t.call('GET', `/api/cameras/${world.cameras.B1}/tamper`, undefined, siteAdmin.headers)).statusCode).toBe(404);
    expect((await t.call('POST', `/api/cameras/${world.cameras.B1}/tamper/relearn`, { reason: 'a reason long enough' }, siteAdmin.headers)).statusCode).toBe(403);
  });
});
