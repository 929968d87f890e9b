/** The REG-17 acceptance tests of requirements.md, each by its ID, at any date through the injected clock. */
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { createRetention } from '../../src/retention/retention-service.ts';
import { CamerasService } from '../../src/registry/services/cameras.ts';
import type { CapacityEvent } from '../../src/retention/capacity-service.ts';
import { addCamera, addSegment, addSegments, openWorld, present, sweepAt, type RetentionWorld } from './support.ts';

describe.each(DIALECTS)('REG-17 acceptance (%s)', (dialect) => {
  let w: RetentionWorld | undefined;
  afterEach(async () => {
    await w?.t.close();
    w = undefined;
  });

  describe('REG-17-1', () => {
    it('REG-17-1 (1): A7 PATCH retentionDays 29 gets 422 E_RETENTION_BELOW_MINIMUM {article 17, min 30}', async () => {
      w = await openWorld(dialect);
      const response = await w.t.call('PATCH', `/api/cameras/${w.cameraId}`, { retentionDays: 29 });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ code: 'E_RETENTION_BELOW_MINIMUM', article: '17', details: { min: 30 } });
      // The retention API goes through the same gate.
      const viaRetention = await w.t.call('PUT', `/api/retention/cameras/${w.cameraId}`, { retentionDays: 29 });
      expect(viaRetention.statusCode).toBe(422);
      expect(viaRetention.json()).toMatchObject({ code: 'E_RETENTION_BELOW_MINIMUM' });
    });

    it('REG-17-1 (2): A9 accepts 29 with an ADVISORY finding; the floor does not bind', async () => {
      w = await openWorld(dialect, { placeCategory: 'A9_OTHER_PUBLIC' });
      expect((await w.t.call('PATCH', `/api/cameras/${w.cameraId}`, { retentionDays: 29 })).statusCode).toBe(200);
      const report = (await w.t.call('GET', '/api/compliance')).json<{ cameras: { cameraId: string; findings: { ruleId: string; severity: string }[] }[] }>();
      const findings = report.cameras.find((c) => c.cameraId === w!.cameraId)!.findings.filter((f) => f.ruleId === 'REG-17-1');
      expect(findings.map((f) => f.severity)).toEqual(['ADVISORY']);
      expect((await w.t.call('GET', `/api/retention/cameras/${w.cameraId}`)).json()).toMatchObject({ settings: { retentionDays: 29, floorDays: null } });
    });

    it('REG-17-1 (3): A33 accepts 29 with no finding', async () => {
      w = await openWorld(dialect, { placeCategory: 'A33_NON_PUBLIC' });
      expect((await w.t.call('PATCH', `/api/cameras/${w.cameraId}`, { retentionDays: 29 })).statusCode).toBe(200);
      const report = (await w.t.call('GET', '/api/compliance')).json<{ cameras: { cameraId: string; findings: { ruleId: string }[] }[] }>();
      expect(report.cameras.find((c) => c.cameraId === w!.cameraId)!.findings.filter((f) => f.ruleId.startsWith('REG-17'))).toEqual([]);
    });
  });

  it('REG-17-2: a full disk of segments aged 29 days loses none; RETENTION_AT_RISK; the LOW stream stops (RECORDING_SUSPENDED_CAPACITY)', async () => {
    w = await openWorld(dialect, { at: '2025-04-01T00:00:00Z' });
    const low = await addCamera(w);
    const high = await addCamera(w);
    await w.t.db.db.updateTable('cameras').set({ status: 'ACTIVE' }).where('id', 'in', [w.cameraId, low, high]).execute();
    const segments = [
      ...(await addSegments(w, w.cameraId, '2025-05-01T00:00:00Z', '2025-05-02T00:00:00Z', 120)),
      ...(await addSegments(w, low, '2025-05-01T00:00:00Z', '2025-05-02T00:00:00Z', 120)),
      ...(await addSegments(w, high, '2025-05-01T00:00:00Z', '2025-05-02T00:00:00Z', 120)),
    ];
    const events: CapacityEvent[] = [];
    // The disk is full: no byte free.
    const retention = createRetention({
      db: w.t.db.db,
      clock: w.t.clock,
      dataDir: w.t.dataDir,
      cameras: new CamerasService({ db: w.t.db.db, clock: w.t.clock }),
      probe: async () => ({ freeBytes: 0, totalBytes: 10 * 2 ** 30 }),
      onEvent: (e) => events.push(e),
    });
    await retention.settings.set(low, { priority: 'LOW' }, { name: 'tester' });
    await retention.settings.set(high, { priority: 'HIGH' }, { name: 'tester' });
    // 29 days after the newest frame (2025-05-02 08:00+08): 2025-05-31, one day before eligibility.
    w.t.clock.set('2025-05-31T12:00:00Z');
    const { sweep, capacity } = await retention.run();
    expect(sweep.deleted).toBe(0);
    for (const s of segments) expect(await present(w, s)).toBe(true);
    expect(capacity.findings.map((f) => f.code)).toContain('RETENTION_AT_RISK');
    expect(capacity.findings.find((f) => f.code === 'RETENTION_AT_RISK')!.severity).toBe('CRITICAL');
    expect(capacity.suspended.map((s) => s.cameraId)).toEqual([low]);
    expect(events.filter((e) => e.kind === 'RECORDING_SUSPENDED_CAPACITY').map((e) => e.cameraId)).toEqual([low]);
    expect(events.some((e) => e.kind === 'RETENTION_AT_RISK')).toBe(true);
    // Said in the API and the history.
    const api = (await w.t.call('GET', '/api/retention/capacity')).json<{ suspended: { cameraId: string; reason: string }[] }>();
    expect(api.suspended).toEqual([expect.objectContaining({ cameraId: low, reason: 'RECORDING_SUSPENDED_CAPACITY' })]);
    expect((await w.t.call('GET', `/api/retention/cameras/${low}`)).json()).toMatchObject({ suspended: true, settings: { priority: 'LOW' } });
    const history = await w.t.db.db.selectFrom('history').select(['action']).where('entityType', '=', 'recording').where('entityId', '=', low).execute();
    expect(history.map((h) => h.action)).toEqual(['RECORDING_SUSPENDED_CAPACITY']);
    // A second run while still full stops NORMAL next, never HIGH; nothing is deleted.
    const again = await retention.run();
    expect(again.sweep.deleted).toBe(0);
    expect(again.capacity.suspended.map((s) => s.cameraId).sort()).toEqual([low, w.cameraId].sort());
    expect((await retention.run()).capacity.suspended.map((s) => s.cameraId)).not.toContain(high);
    // Space again: the streams resume.
    const roomy = createRetention({ db: w.t.db.db, clock: w.t.clock, dataDir: w.t.dataDir, cameras: new CamerasService({ db: w.t.db.db, clock: w.t.clock }), probe: async () => ({ freeBytes: 2 ** 40, totalBytes: 2 ** 41 }) });
    expect((await roomy.run()).capacity.suspended).toEqual([]);
  });

  it('REG-17-3: retention 30, newest frame 2025-05-01T10:00+08: exists at 05-31T23:59+08, gone at 06-02T00:00+08 with its deletion-log entry', async () => {
    w = await openWorld(dialect);
    const seg = await addSegment(w, w.cameraId, '2025-05-01T09:50:00+08:00', '2025-05-01T10:00:00+08:00');
    await addSegment(w, w.cameraId, '2025-06-01T12:00:00+08:00', '2025-06-01T12:10:00+08:00');
    expect((await w.t.call('GET', `/api/retention/cameras/${w.cameraId}`)).json()).toMatchObject({ oldest: { segmentId: seg.id, eligibleAt: '2025-05-31T16:00:00.000Z' } });
    await sweepAt(w, '2025-05-31T23:59:00+08:00');
    expect(await present(w, seg)).toBe(true);
    const swept = await sweepAt(w, '2025-06-02T00:00:00+08:00');
    expect(swept.sweep.deleted).toBe(1);
    expect(await present(w, seg)).toBe(false);
    const log = (await w.t.call('GET', `/api/retention/deletions?cameraId=${w.cameraId}`)).json<Record<string, unknown>[]>();
    expect(log).toEqual([
      expect.objectContaining({ segmentId: seg.id, sha256: seg.sha256, chainHash: seg.chainHash, cameraId: w.cameraId, startAt: seg.startAt, endAt: seg.endAt, policy: 'RETENTION', orderRef: null, deletedAt: '2025-06-01T16:00:00.000Z' }),
    ]);
    const csv = await w.t.call('GET', '/api/retention/deletions.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[1]).toContain(seg.sha256);
  });

  it('REG-17-4: INC-5 links C1 2025-05-01 09:00–11:00, closed 2025-06-10T09:00+08: kept on 06-05, deleted by 06-11T09:00+08', async () => {
    w = await openWorld(dialect);
    const linked = await addSegments(w, w.cameraId, '2025-05-01T09:00:00+08:00', '2025-05-01T11:00:00+08:00', 30);
    const other = await addSegment(w, w.cameraId, '2025-05-01T11:00:00+08:00', '2025-05-01T11:30:00+08:00');
    await addSegment(w, w.cameraId, '2025-06-10T12:00:00+08:00', '2025-06-10T12:10:00+08:00');
    w.t.clock.set('2025-05-02T00:00:00Z');
    const link = await w.t.call('POST', '/api/retention/purposes', { cameraId: w.cameraId, from: '2025-05-01T09:00:00+08:00', to: '2025-05-01T11:00:00+08:00', basisType: 'INCIDENT', ref: 'INC-5' });
    expect(link.statusCode, link.body).toBe(201);
    expect(link.json()).toMatchObject({ state: 'PURPOSE_ONGOING' });
    const kept = await sweepAt(w, '2025-06-05T12:00:00+08:00');
    expect(kept.sweep.kept.purposeOngoing).toBe(linked.length);
    for (const s of linked) expect(await present(w, s)).toBe(true);
    // The segment outside the link followed its own eligibility.
    expect(await present(w, other)).toBe(false);
    w.t.clock.set('2025-06-10T09:00:00+08:00');
    const closed = await w.t.call('POST', '/api/retention/purposes/close-case', { basisType: 'INCIDENT', ref: 'INC-5' });
    expect(closed.json()).toEqual([expect.objectContaining({ state: 'ACHIEVED', closedAt: '2025-06-10T01:00:00.000Z' })]);
    await sweepAt(w, '2025-06-10T09:05:00+08:00');
    for (const s of linked) expect(await present(w, s)).toBe(false);
  });

  describe('REG-17-5', () => {
    it('REG-17-5 (1): hold H1 (STATE_ORGAN_REQUEST, R1) keeps 2025-05-01 09:00–11:00 past 06-01; released 07-01T00:00+08, gone by 07-02T00:00+08', async () => {
      w = await openWorld(dialect);
      const held = await addSegments(w, w.cameraId, '2025-05-01T09:00:00+08:00', '2025-05-01T11:00:00+08:00', 30);
      await addSegment(w, w.cameraId, '2025-07-01T12:00:00+08:00', '2025-07-01T12:10:00+08:00');
      w.t.clock.set('2025-05-03T00:00:00Z');
      const created = await w.t.call('POST', '/api/retention/holds', {
        basisType: 'STATE_ORGAN_REQUEST',
        requestId: 'R1',
        citation: '某市公安局某分局调取证据通知书 R1',
        owner: '法务部 张三',
        ranges: [{ cameraId: w.cameraId, from: '2025-05-01T09:00:00+08:00', to: '2025-05-01T11:00:00+08:00' }],
      });
      expect(created.statusCode, created.body).toBe(201);
      const hold = created.json<{ id: string; reviewAt: string }>();
      expect(hold.reviewAt).toBe('2025-08-01T00:00:00.000Z');
      const during = await sweepAt(w, '2025-06-15T00:00:00+08:00');
      expect(during.sweep.kept.held).toBe(held.length);
      for (const s of held) expect(await present(w, s)).toBe(true);
      expect((await w.t.call('GET', `/api/retention/cameras/${w.cameraId}`)).json()).toMatchObject({ oldest: { state: 'HELD' }, heldRanges: [{ holdId: hold.id }] });
      w.t.clock.set('2025-07-01T00:00:00+08:00');
      const released = await w.t.call('POST', `/api/retention/holds/${hold.id}/release`, { reason: 'R1 结案' });
      expect(released.json()).toMatchObject({ releasedAt: '2025-06-30T16:00:00.000Z', releasedBy: 'tester' });
      await sweepAt(w, '2025-07-01T23:55:00+08:00');
      for (const s of held) expect(await present(w, s)).toBe(false);
      // Every change is in the administration history.
      const history = await w.t.db.db.selectFrom('history').select(['action']).where('entityType', '=', 'retention_hold').where('entityId', '=', hold.id).orderBy('seq').execute();
      expect(history.map((h) => h.action)).toEqual(['create', 'release']);
    });

    it('REG-17-5 (2): a hold past its review date produces HOLD_REVIEW_OVERDUE', async () => {
      w = await openWorld(dialect);
      w.t.clock.set('2025-05-03T00:00:00Z');
      const hold = (await w.t.call('POST', '/api/retention/holds', { basisType: 'LITIGATION', citation: '(2025)浙0106民初1号', owner: '法务部', ranges: [{ cameraId: w.cameraId }] })).json<{ id: string }>();
      w.t.clock.set('2025-08-01T00:00:00Z');
      expect((await w.t.call('GET', '/api/retention/findings')).json<{ code: string }[]>().map((f) => f.code)).not.toContain('HOLD_REVIEW_OVERDUE');
      w.t.clock.set('2025-08-01T00:00:01Z');
      const findings = (await w.t.call('GET', '/api/retention/findings')).json<{ code: string; subject: { id: string } }[]>();
      expect(findings).toContainEqual(expect.objectContaining({ code: 'HOLD_REVIEW_OVERDUE', subject: { type: 'hold', id: hold.id } }));
      // In the compliance overview too.
      const compliance = (await w.t.call('GET', '/api/compliance')).json<{ retention: { findings: { code: string }[] } }>();
      expect(compliance.retention.findings.map((f) => f.code)).toContain('HOLD_REVIEW_OVERDUE');
      // Reviewed: due again in 90 days.
      expect((await w.t.call('POST', `/api/retention/holds/${hold.id}/review`, {})).json()).toMatchObject({ reviewOverdue: false });
    });

    it('REG-17-5 (3): retentionDays 90 with basisType LOCAL_REGULATION is saved with legalReviewRequired true', async () => {
      w = await openWorld(dialect);
      const response = await w.t.call('PUT', `/api/retention/cameras/${w.cameraId}`, { retentionDays: 90, basisType: 'LOCAL_REGULATION', citation: '某省公共安全视频图像信息系统管理办法 第二十条' });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ retentionDays: 90, basisType: 'LOCAL_REGULATION', legalReviewRequired: true, statutoryException: false });
      const findings = (await w.t.call('GET', '/api/retention/findings')).json<{ code: string; subject: { id: string } }[]>();
      expect(findings).toContainEqual(expect.objectContaining({ code: 'RETENTION_LEGAL_REVIEW_REQUIRED', subject: { type: 'camera', id: w.cameraId } }));
      const law = await w.t.call('PUT', `/api/retention/cameras/${w.cameraId}`, { basisType: 'LAW', citation: '某法 第十条' });
      expect(law.json()).toMatchObject({ retentionDays: 90, legalReviewRequired: false, statutoryException: true });
      expect((await w.t.call('GET', '/api/retention/findings')).json<{ code: string }[]>().map((f) => f.code)).not.toContain('RETENTION_LEGAL_REVIEW_REQUIRED');
    });
  });

  it('REG-17-6: 60 → 30 on 2025-08-05 is logged for the change filing; footage is not deleted before the 30-day eligibility, nor retroactively', async () => {
    w = await openWorld(dialect, { retentionDays: 60 });
    // Under 60 days: eligible 2025-08-10 and 2025-09-19; under 30 days they would have been 07-11 and 08-20.
    const early = await addSegment(w, w.cameraId, '2025-06-10T10:00:00+08:00', '2025-06-10T10:10:00+08:00');
    const late = await addSegment(w, w.cameraId, '2025-07-20T10:00:00+08:00', '2025-07-20T10:10:00+08:00');
    const after = await addSegment(w, w.cameraId, '2025-08-10T10:00:00+08:00', '2025-08-10T10:10:00+08:00');
    await addSegment(w, w.cameraId, '2025-10-01T10:00:00+08:00', '2025-10-01T10:10:00+08:00');
    w.t.clock.set('2025-08-05T10:00:00+08:00');
    const change = await w.t.call('PUT', `/api/retention/cameras/${w.cameraId}`, { retentionDays: 30, reason: '统一保存期限' });
    expect(change.statusCode, change.body).toBe(200);
    // Logged in the camera's history, which the filing's change detection reads (REG-14-4), and in the retention settings' history.
    const history = await w.t.db.db.selectFrom('history').select(['entityType', 'after']).where('entityId', '=', w.cameraId).orderBy('seq').execute();
    expect(history.filter((h) => h.entityType === 'camera').map((h) => (JSON.parse(h.after!) as { retentionDays: number }).retentionDays)).toEqual([60, 30]);
    expect(history.some((h) => h.entityType === 'retention_settings')).toBe(true);
    // The next run re-evaluates: nothing recorded under 60 goes retroactively.
    await sweepAt(w, '2025-08-05T10:05:00+08:00');
    expect(await present(w, early)).toBe(true);
    expect(await present(w, late)).toBe(true);
    // Footage recorded under 60 keeps the largest value in force since its capture.
    await sweepAt(w, '2025-08-09T23:59:00+08:00');
    expect(await present(w, early)).toBe(true);
    await sweepAt(w, '2025-08-10T00:00:00+08:00');
    expect(await present(w, early)).toBe(false);
    // Footage recorded after the change: 30 days, never fewer.
    await sweepAt(w, '2025-09-09T23:59:00+08:00');
    expect(await present(w, after)).toBe(true);
    await sweepAt(w, '2025-09-10T00:00:00+08:00');
    expect(await present(w, after)).toBe(false);
    await sweepAt(w, '2025-09-18T23:59:00+08:00');
    expect(await present(w, late)).toBe(true);
    await sweepAt(w, '2025-09-19T00:00:00+08:00');
    expect(await present(w, late)).toBe(false);
  });

  it('REG-23-6 (with REG-17-2): DELETE /api/recordings/C1 as administrator gets 405 E_MANUAL_DELETE_FORBIDDEN', async () => {
    w = await openWorld(dialect);
    const seg = await addSegment(w, w.cameraId, '2025-05-01T00:00:00Z', '2025-05-01T01:00:00Z');
    const response = await w.t.call('DELETE', `/api/recordings/${w.cameraId}?from=2025-05-01T00:00:00Z&to=2025-05-02T00:00:00Z`);
    expect(response.statusCode).toBe(405);
    expect(response.json()).toMatchObject({ code: 'E_MANUAL_DELETE_FORBIDDEN', article: '23' });
    expect(await present(w, seg)).toBe(true);
  });

  it.todo('REG-17-7: export E1 for INC-5 (closed 2025-06-10T00:00+08) expires 2025-07-10T00:00+08 and is purged by 07-11 (exports belong to the export-bundle work)');
});
