/**
 * The full-disk reserve fits a small volume: capped at 5 % of it, so a 1 GiB volume stops its LOW streams
 * under about 51 MiB free and starts them again a quarter above that, where before it needed 512 MiB free,
 * half the volume, to resume.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CamerasService } from '../../src/registry/services/cameras.ts';
import { defaultReserve, forecastCapacity, MIN_RESERVE_BYTES, resumeThreshold } from '../../src/retention/capacity.ts';
import { createRetention } from '../../src/retention/retention-service.ts';
import { DIALECTS } from '../support/db.ts';
import { addCamera, openWorld, type RetentionWorld } from './support.ts';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

describe('the reserve', () => {
  it('is max(256 MiB, an hour of ingest) on a large volume, at most 5 % of a small one; resuming waits a quarter more', () => {
    expect(defaultReserve(0, 4000 * GiB)).toBe(MIN_RESERVE_BYTES);
    expect(defaultReserve(24 * 10 * GiB, 4000 * GiB)).toBe(10 * GiB);
    expect(defaultReserve(0, GiB)).toBe(Math.round(GiB * 0.05));
    const small = forecastCapacity([], { freeBytes: 40 * MiB, totalBytes: GiB });
    expect(small).toMatchObject({ exhausted: true, reserveBytes: Math.round(GiB * 0.05) });
    expect(resumeThreshold(small)).toBe(Math.round(GiB * 0.05) + Math.round(GiB * 0.05 * 0.25));
    expect(resumeThreshold(small)).toBeLessThan(GiB / 8);
    expect(forecastCapacity([], { freeBytes: 60 * MiB, totalBytes: GiB }).exhausted).toBe(false);
  });
});

describe.each(DIALECTS)('a 1 GiB volume that fills and has room again (%s)', (dialect) => {
  let w: RetentionWorld | undefined;
  afterEach(async () => {
    await w?.t.close();
    w = undefined;
  });

  it('stops the LOW stream under the reserve and starts it again at reserve + a quarter, not at twice 256 MiB', async () => {
    w = await openWorld(dialect);
    const low = await addCamera(w);
    await w.t.db.db.updateTable('cameras').set({ status: 'ACTIVE' }).where('id', 'in', [w.cameraId, low]).execute();
    let freeBytes = 40 * MiB;
    const retention = createRetention({ db: w.t.db.db, clock: w.t.clock, dataDir: w.t.dataDir, cameras: new CamerasService({ db: w.t.db.db, clock: w.t.clock }), probe: async () => ({ freeBytes, totalBytes: GiB }) });
    await retention.settings.set(low, { priority: 'LOW' }, { name: 'tester' });
    expect((await retention.run()).capacity.suspended.map((s) => s.cameraId)).toEqual([low]);
    // Above the reserve but within the margin: stays stopped (no flapping).
    freeBytes = 60 * MiB;
    expect((await retention.run()).capacity.suspended.map((s) => s.cameraId)).toEqual([low]);
    freeBytes = 70 * MiB;
    expect((await retention.run()).capacity.suspended).toEqual([]);
  });
});
