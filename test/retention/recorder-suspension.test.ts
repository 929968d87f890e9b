/** AMB-17: a stream suspended for capacity is stopped by the recorder and started again once resumed. */
import { afterEach, describe, expect, it } from 'vitest';
import { RecorderService } from '../../src/recorder/recorder-service.ts';
import { createRetention } from '../../src/retention/retention-service.ts';
import { openWorld, type RetentionWorld } from './support.ts';

describe('recorder and capacity suspensions', () => {
  let w: RetentionWorld | undefined;
  let recorder: RecorderService | undefined;
  afterEach(async () => {
    await recorder?.stop();
    await w?.t.close();
    w = recorder = undefined;
  });

  it('leaves a LOW camera stopped while the disk is full, and records it again when there is room', async () => {
    w = await openWorld('sqlite', { at: '2025-05-01T00:00:00Z' });
    // Nothing listens there: the recorder keeps trying, which is enough to see it started.
    await w.t.db.db.updateTable('cameras').set({ status: 'ACTIVE', sourceUrl: 'rtsp://127.0.0.1:9/none' }).where('id', '=', w.cameraId).execute();
    let freeBytes = 0;
    const retention = createRetention({ db: w.t.db.db, clock: w.t.clock, dataDir: w.t.dataDir, cameras: w.t.services.cameras, probe: async () => ({ freeBytes, totalBytes: 2 ** 40 }) });
    await retention.settings.set(w.cameraId, { priority: 'LOW' }, { name: 'tester' });
    recorder = new RecorderService({ db: w.t.db.db, dataDir: w.t.dataDir, clock: w.t.clock, reconcileMs: 60_000, suspended: () => retention.capacity.suspendedIds() });
    await recorder.start();
    expect(recorder.status().map((s) => s.cameraId)).toEqual([w.cameraId]);

    expect((await retention.run()).capacity.suspended.map((s) => s.cameraId)).toEqual([w.cameraId]);
    await recorder.reconcile();
    expect(recorder.status()).toEqual([]);

    freeBytes = 2 ** 39;
    expect((await retention.run()).capacity.suspended).toEqual([]);
    await recorder.reconcile();
    expect(recorder.status().map((s) => s.cameraId)).toEqual([w.cameraId]);
  });
});
