/** Retention status per camera: the oldest segment and when it may go, what holds keep, what is open. */
import type { Db } from '../db/connect.ts';
import { camerasRepository } from '../registry/repositories/index.ts';
import type { Clock } from '../shared/clock.ts';
import { permitDeletion } from './deletion-gate.ts';
import { segmentEligibleAt } from './eligibility.ts';
import { notFound } from './errors.ts';
import { cameraFacts } from './facts-repository.ts';
import type { CameraRange } from './model.ts';
import type { CameraRetentionSettings, SettingsService } from './settings-service.ts';
import { RetentionScope } from './retention-scope.ts';
import type { ObjectGate } from '../registry/services/context.ts';
import type { Principal } from '../access/principal.ts';

export interface CameraRetentionStatus {
  cameraId: string;
  settings: CameraRetentionSettings;
  segments: number;
  bytes: number;
  oldest: { segmentId: string; seq: number; startAt: string; endAt: string; eligibleAt: string; state: 'NOT_ELIGIBLE' | 'HELD' | 'PURPOSE_ONGOING' | 'ELIGIBLE' } | null;
  heldRanges: (CameraRange & { holdId: string })[];
  openPurposes: (CameraRange & { ref: string })[];
  suspended: boolean;
}

export class StatusService {
  private readonly scope: RetentionScope;

  constructor(private readonly d: { db: Db; clock: Clock; gate?: ObjectGate; settings: SettingsService; suspendedIds(): Promise<Set<string>> }) {
    this.scope = new RetentionScope(d.db, d.gate);
  }

  /** A viewer sees the cameras within their reach. */
  async all(viewer?: Principal): Promise<CameraRetentionStatus[]> {
    const cameras = await this.scope.visible(viewer, await camerasRepository.list(this.d.db), (camera) => [camera.id]);
    const out: CameraRetentionStatus[] = [];
    for (const camera of cameras) out.push(await this.camera(camera.id));
    return out;
  }

  async camera(cameraId: string, viewer?: Principal): Promise<CameraRetentionStatus> {
    const camera = await camerasRepository.get(this.d.db, cameraId);
    if (!camera) throw notFound('camera', cameraId);
    await this.scope.requireVisible(viewer, [cameraId], 'camera', cameraId);
    const now = this.d.clock.now();
    const facts = await cameraFacts(this.d.db, camera, now);
    const counts = await this.d.db
      .selectFrom('segments')
      .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.sum<number | string | null>('bytes').as('bytes')])
      .where('cameraId', '=', cameraId)
      .executeTakeFirstOrThrow();
    const first = await this.d.db.selectFrom('segments').selectAll().where('cameraId', '=', cameraId).orderBy('seq').limit(1).executeTakeFirst();
    let oldest: CameraRetentionStatus['oldest'] = null;
    if (first) {
      const verdict = permitDeletion(first, { kind: 'RETENTION', facts }, now);
      const eligibleAt = segmentEligibleAt(first, facts.timeline, facts.floorDays, now).toISOString();
      const state = verdict.permitted ? 'ELIGIBLE' : verdict.reason === 'HELD' || verdict.reason === 'PURPOSE_ONGOING' ? verdict.reason : 'NOT_ELIGIBLE';
      oldest = { segmentId: first.id, seq: first.seq, startAt: first.startAt, endAt: first.endAt, eligibleAt, state };
    }
    return {
      cameraId,
      settings: await this.d.settings.get(cameraId),
      segments: Number(counts.n),
      bytes: Number(counts.bytes ?? 0),
      oldest,
      heldRanges: [...facts.holds],
      openPurposes: [...facts.openPurposes],
      suspended: (await this.d.suspendedIds()).has(cameraId),
    };
  }
}
