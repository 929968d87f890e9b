/** AMB-17: a stream suspended for capacity is stopped by the recorder and started again once resumed. */
import { afterEach, describe, expect, it } from 'vitest';
import { RecorderService } from '../../src/recorder/recorder-service.ts';
import { createRetention } from '../../src/retention/retention-service.ts';
import { listGaps } from '../../src/recording/gap-repository.ts';
import { addSegment, openWorld, type RetentionWorld } from './support.ts';

describe('recorder and capacity suspensions', () => {
  let w: RetentionWorld | undefined;
  let recorder: RecorderService | undefined;
  afterEach(async () => {
    await recorder?.stop();
    await w?.t.close();
    w = recorder = undefined;
  });

  it('REG-17-2: leaves a LOW camera stopped while the disk is full, its time a RECORDING_SUSPENDED gap counted in its status, and records it again when there is room', async () => {
    w = await openWorld('sqlite', { at: '2025-05-01T00:00:00Z' });
    // Nothing listens there: the recorder keeps trying, which is enough to see it started.
    await w.t.db.db.updateTable('cameras').set({ status: 'ACTIVE', sourceUrl: 'rtsp://127.0.0.1:9/none' }).where('id', '=', w.cameraId).execute();
    let freeBytes = 0;
    const retention = createRetention({ db: w.t.db.db, clock: w.t.clock, dataDir: w.t.dataDir, cameras: w.t.services.cameras, probe: async () => ({ freeBytes, totalBytes: 2 ** 40 }) });
    await retention.settings.set(w.cameraId, { priority: 'LOW' }, { name: 'tester' });
    recorder = new RecorderService({ db: w.t.db.db, dataDir: w.t.dataDir, clock: w.t.clock, reconcileMs: 60_000, suspended: () => retention.capacity.suspendedIds() });
    await recorder.start();
    expect(recorder.status().map((s) => s.cameraId)).toEqual([w.cameraId]);
    // Recorded by this run (footage from before the start with no gap after it would be an unclean stop's).
    await addSegment(w, w.cameraId, '2025-04-30T23:50:00Z', '2025-04-30T23:59:00Z');

    expect((await retention.run()).capacity.suspended.map((s) => s.cameraId)).toEqual([w.cameraId]);
    await recorder.reconcile();
    // Stopped, but its status stays, the suspension's time counted as missing.
    expect(recorder.status()).toEqual([expect.objectContaining({ cameraId: w.cameraId, state: 'stopped', reason: 'recording suspended: storage exhausted', secondsMissing: 60 })]);
    const gaps = await listGaps(w.t.db.db, { cameraId: w.cameraId });
    expect(gaps).toEqual([expect.objectContaining({ reason: 'RECORDING_SUSPENDED', fromAt: '2025-04-30T23:59:00.000Z', toAt: null })]);
    w.t.clock.set('2025-05-01T00:10:00Z');
    expect(recorder.statusOf(w.cameraId)?.secondsMissing).toBe(660);
    // Another look neither opens a second gap nor loses the count.
    await recorder.reconcile();
    expect(await listGaps(w.t.db.db, { cameraId: w.cameraId })).toHaveLength(1);
    expect(recorder.statusOf(w.cameraId)?.secondsMissing).toBe(660);

    freeBytes = 2 ** 39;
    expect((await retention.run()).capacity.suspended).toEqual([]);
    await recorder.reconcile();
    expect(recorder.status().map((s) => s.cameraId)).toEqual([w.cameraId]);
    expect(recorder.statusOf(w.cameraId)?.state).not.toBe('stopped');
    // Its next segment closes the gap where it starts.
    await addSegment(w, w.cameraId, '2025-05-01T00:10:30Z', '2025-05-01T00:11:00Z');
    expect(await listGaps(w.t.db.db, { cameraId: w.cameraId })).toEqual([expect.objectContaining({ reason: 'RECORDING_SUSPENDED', toAt: '2025-05-01T00:10:30.000Z' })]);
  });
});
