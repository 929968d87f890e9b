/** The capacity forecast from the segment index (bytes per day measured, retention in force) against the disk. */
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.ts';
import { createRetention } from '../../src/retention/retention-service.ts';
import { addSegment, openWorld, type RetentionWorld } from './support.ts';

const GB = 1e9;

describe.each(DIALECTS)('capacity forecast (%s)', (dialect) => {
  let w: RetentionWorld | undefined;
  afterEach(async () => {
    await w?.t.close();
    w = undefined;
  });

  it('measures ingest from the index and raises RETENTION_AT_RISK days ahead (AMB-17), STORAGE_INSUFFICIENT below the retention (REG-15-9)', async () => {
    w = await openWorld(dialect, { at: '2025-05-01T00:00:00Z' });
    await w.t.db.db.updateTable('cameras').set({ status: 'ACTIVE' }).where('id', '=', w.cameraId).execute();
    // Two days of footage, 80 "GB" a day in the index (the files themselves are small).
    // (1 GB segments of 18 minutes: the index's bytes column is a 32-bit integer in PostgreSQL.)
    const step = 18 * 60_000;
    for (let i = 0; i < 160; i++) {
      const start = new Date(Date.parse('2025-05-08T00:00:00Z') + i * step);
      const seg = await addSegment(w, w.cameraId, start.toISOString(), new Date(start.getTime() + step).toISOString());
      await w.t.db.db.updateTable('segments').set({ bytes: GB }).where('id', '=', seg.id).execute();
    }
    w.t.clock.set('2025-05-10T00:00:00Z');
    const at = (freeGb: number) =>
      createRetention({ db: w!.t.db.db, clock: w!.t.clock, dataDir: w!.t.dataDir, cameras: w!.t.services.cameras, probe: async () => ({ freeBytes: freeGb * GB, totalBytes: 4000 * GB }), reserveBytes: 0 }).capacity.report();
    // 160 GB stored + 1,840 GB free = 2,000 GB usable: 25 days at 80 GB/day.
    const short = await at(1840);
    expect(short.cameras).toEqual([expect.objectContaining({ cameraId: w.cameraId, bytesPerDay: 80 * GB, storedBytes: 160 * GB, keepDays: 30, priority: 'NORMAL', suspended: false })]);
    expect(short.forecast.achievableDays).toBe(25);
    expect(short.forecast.daysUntilAtRisk).toBe(23);
    expect(short.findings.map((f) => f.code)).toEqual(['STORAGE_INSUFFICIENT']);
    // 6 days of free space left: at risk within the 7-day warning.
    expect((await at(480)).findings.map((f) => f.code)).toEqual(['RETENTION_AT_RISK', 'STORAGE_INSUFFICIENT']);
    // 2,900 GB usable: headroom low; 3,000 and more: nothing to say.
    expect((await at(2740)).findings.map((f) => f.code)).toEqual(['STORAGE_HEADROOM_LOW']);
    const ample = await at(10_000);
    expect(ample.findings).toEqual([]);
    expect(ample.forecast.daysUntilAtRisk).toBeNull();
    // The API serves the same report (the real file system's free space).
    const api = await w.t.call('GET', '/api/retention/capacity');
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ forecast: { dailyIngestBytes: 80 * GB }, cameras: [{ cameraId: w.cameraId }] });
  });
});
