/**
 * The alarm store: one open alarm per kind and subject, ended and acknowledged once, published on the
 * bus; each caller sees the alarms of the cameras within reach, and system alarms only with CONFIG or
 * AUDIT over everything; a snapshot is a registered look at video.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustosEvent } from '../../src/events/event-bus.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/db.ts';
import { scopedCaller, seedTwoUnits, type TwoUnits } from '../support/two-units.ts';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);

describe.each(DIALECTS)('alarms (%s)', (dialect) => {
  let t: TestApp;
  let world: TwoUnits;
  const events: CustosEvent[] = [];

  beforeAll(async () => {
    t = await openTestApp(dialect);
    world = await seedTwoUnits(t);
    t.services.bus.subscribe((event) => {
      events.push(event);
    });
  });
  afterAll(() => t.close());

  it('raises once per kind and subject, ends, and raises anew afterwards', async () => {
    const first = await t.services.alarms.raise({ kind: 'TAMPER_OCCLUSION', cameraId: world.cameras.A1, details: { darkShare: 0.9 } });
    const again = await t.services.alarms.raise({ kind: 'TAMPER_OCCLUSION', cameraId: world.cameras.A1, details: { darkShare: 0.95 } });
    expect(again.id).toBe(first.id);
    expect(again.details).toEqual({ darkShare: 0.95 });
    expect(first).toMatchObject({ category: 'TAMPER', severity: 'CRITICAL', article: '23(2)', endedAt: null, subject: world.cameras.A1 });
    const ended = await t.services.alarms.resolve('TAMPER_OCCLUSION', world.cameras.A1);
    expect(ended?.endedAt).toBeTruthy();
    expect(await t.services.alarms.resolve('TAMPER_OCCLUSION', world.cameras.A1)).toBeUndefined();
    const next = await t.services.alarms.raise({ kind: 'TAMPER_OCCLUSION', cameraId: world.cameras.A1 });
    expect(next.id).not.toBe(first.id);
    expect(events.filter((e) => e.type === 'alarm.raised' && e.alarm.kind === 'TAMPER_OCCLUSION').map((e) => e.type === 'alarm.raised' && e.alarm.id)).toEqual([first.id, next.id]);
    expect(events.some((e) => e.type === 'alarm.ended' && e.alarm.id === first.id)).toBe(true);
  });

  it('an instant event is raised already ended, each time anew', async () => {
    const a = await t.services.alarms.raise({ kind: 'SEC_ADMIN_CREATED', subject: 'newadmin' });
    const b = await t.services.alarms.raise({ kind: 'SEC_ADMIN_CREATED', subject: 'newadmin' });
    expect(a.id).not.toBe(b.id);
    expect(a.endedAt).toBe(a.startedAt);
  });

  it('shows each caller the alarms of the cameras within the registry reach and refuses the rest as absent', async () => {
    const onA2 = await t.services.alarms.raise({ kind: 'CAMERA_OFFLINE', cameraId: world.cameras.A2 });
    const onB1 = await t.services.alarms.raise({ kind: 'CAMERA_OFFLINE', cameraId: world.cameras.B1 });
    const system = await t.services.alarms.raise({ kind: 'LEDGER_CHECKPOINT_OVERDUE' });
    const camera = await scopedCaller(t, world, 'CAMERA_A1', 'MONITOR_OPERATOR');
    const listed = await t.call('GET', '/api/alarms', undefined, camera.headers);
    expect(listed.statusCode, listed.body).toBe(200);
    const ids = listed.json<{ id: string; cameraId: string | null }[]>().map((a) => a.cameraId);
    expect(ids).toContain(world.cameras.A2);
    expect(ids.every((id) => id === world.cameras.A1 || id === world.cameras.A2)).toBe(true);
    for (const hidden of [onB1]) {
      const res = await t.call('GET', `/api/alarms/${hidden.id}`, undefined, camera.headers);
      expect(res.statusCode).toBe(404);
      const ack = await t.call('POST', `/api/alarms/${hidden.id}/acknowledge`, { comment: '已处理完毕' }, camera.headers);
      expect(ack.statusCode).toBe(404);
    }
    expect((await t.call('GET', `/api/alarms/${system.id}`, undefined, camera.headers)).json<{ code: string }>().code).toBe('E_SYSTEM_ALARMS_NOT_GRANTED');
    const admin = await t.call('GET', '/api/alarms?open=true', undefined);
    const all = admin.json<{ id: string }[]>().map((a) => a.id);
    expect(all).toEqual(expect.arrayContaining([onA2.id, onB1.id, system.id]));
  });

  it('records who acknowledged, when and what they said, once', async () => {
    const alarm = await t.services.alarms.raise({ kind: 'FRAME_RATE_DROP', cameraId: world.cameras.A1 });
    const operator = await scopedCaller(t, world, 'CAMERA_A1', 'MONITOR_OPERATOR');
    const short = await t.call('POST', `/api/alarms/${alarm.id}/acknowledge`, { comment: 'ok' }, operator.headers);
    expect(short.json<{ code: string }>().code).toBe('E_ALARM_COMMENT_REQUIRED');
    const ack = await t.call('POST', `/api/alarms/${alarm.id}/acknowledge`, { comment: '现场检查,摄像机正常' }, operator.headers);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json<{ acknowledgement: { userId: string; comment: string } }>().acknowledgement).toMatchObject({ userId: operator.userId, comment: '现场检查,摄像机正常' });
    const twice = await t.call('POST', `/api/alarms/${alarm.id}/acknowledge`, { comment: '再次确认一下' }, operator.headers);
    expect(twice.json<{ code: string }>().code).toBe('E_ALARM_ALREADY_ACKNOWLEDGED');
    expect(events.some((e) => e.type === 'alarm.acknowledged' && e.alarm.id === alarm.id)).toBe(true);
  });

  it('serves a snapshot only with LIVE on the camera, and registers the look', async () => {
    const alarm = await t.services.alarms.raise({ kind: 'TAMPER_DEFOCUS', cameraId: world.cameras.A1, snapshots: [{ which: 'before', at: '2025-05-01T00:00:00.000Z', jpeg: JPEG }] });
    expect(alarm.snapshots).toHaveLength(1);
    const auditor = await scopedCaller(t, world, 'CAMERA_A1', 'AUDITOR');
    expect((await t.call('GET', `/api/alarms/${alarm.id}/snapshots/before`, undefined, auditor.headers)).statusCode).toBe(403);
    const operator = await scopedCaller(t, world, 'CAMERA_A1', 'MONITOR_OPERATOR');
    const res = await t.call('GET', `/api/alarms/${alarm.id}/snapshots/before`, undefined, operator.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.equals(JPEG)).toBe(true);
    const entry = await t.services.register.find(res.headers['x-register-entry'] as string);
    expect(entry).toMatchObject({ operation: 'SNAPSHOT', cameraIds: [world.cameras.A1] });
    expect(entry?.actor.userId).toBe(operator.userId);
    expect((await t.call('GET', `/api/alarms/${alarm.id}/snapshots/after`, undefined, operator.headers)).json<{ code: string }>().code).toBe('E_ALARM_SNAPSHOT_NOT_FOUND');
  });
});
