/**
 * What the gate needs to know about a camera, read in one go per camera: its retention timeline
 * (from the administration history, REG-17-6), the floor of its place (from the policy pack), the
 * holds not released and the purpose links still open.
 */
import type { Db } from '../db/connect.ts';
import type { CameraRecord } from '../registry/model.ts';
import { camerasRepository, sitesRepository } from '../registry/repositories/index.ts';
import { historyRepository } from '../registry/repositories/history-repository.ts';
import type { CameraRetentionFacts } from './deletion-gate.ts';
import { retentionFloorDays } from './floor.ts';
import type { RetentionPeriod } from './model.ts';
import { retentionDb } from './tables.ts';
import { holdInForceAt } from './hold-in-force.ts';

const HISTORY_LIMIT = 100_000;

/** Each value retentionDays took, from the camera's history; the record's value when there is none. */
export async function retentionTimeline(db: Db, camera: CameraRecord): Promise<RetentionPeriod[]> {
  const entries = await historyRepository.list(db, { entityType: 'camera', entityId: camera.id, limit: HISTORY_LIMIT });
  const timeline: RetentionPeriod[] = [];
  for (const entry of entries) {
    const days = (entry.after as { retentionDays?: unknown } | null)?.retentionDays;
    if (typeof days !== 'number' || timeline.at(-1)?.days === days) continue;
    timeline.push({ from: entry.at, days });
  }
  if (timeline.length === 0) timeline.push({ from: new Date(0).toISOString(), days: camera.retentionDays });
  return timeline;
}

export async function cameraFacts(db: Db, camera: CameraRecord, now: Date): Promise<CameraRetentionFacts> {
  const rdb = retentionDb(db);
  const site = await sitesRepository.get(db, camera.siteId);
  // A camera whose site cannot be read keeps the floor: deleting less is never wrong.
  const floorDays = site ? retentionFloorDays(site.placeCategory, now) : 30;
  const holds = await rdb
    .selectFrom('retentionHoldRanges as r')
    .innerJoin('retentionHolds as h', 'h.id', 'r.holdId')
    .select(['r.holdId', 'r.cameraId', 'r.fromAt', 'r.toAt'])
    .where('r.cameraId', '=', camera.id)
    // A release scheduled for later (a closed state-organ request's hold, REG-20-5) keeps the hold in force until then.
    .where(holdInForceAt('h.releasedAt', now))
    .execute();
  const purposes = await rdb
    .selectFrom('retentionPurposeLinks')
    .select(['cameraId', 'fromAt', 'toAt', 'ref'])
    .where('cameraId', '=', camera.id)
    .where('closedAt', 'is', null)
    .execute();
  return {
    cameraId: camera.id,
    timeline: await retentionTimeline(db, camera),
    floorDays,
    holds: holds.map((h) => ({ holdId: h.holdId, cameraId: h.cameraId, from: h.fromAt, to: h.toAt })),
    openPurposes: purposes.map((p) => ({ cameraId: p.cameraId, from: p.fromAt, to: p.toAt, ref: p.ref })),
  };
}

export async function requireCameraRecord(db: Db, cameraId: string): Promise<CameraRecord | undefined> {
  return camerasRepository.get(db, cameraId);
}
