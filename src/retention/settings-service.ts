/**
 * A camera's retention settings beside its registry record: the stream priority that decides which
 * streams stop first when storage runs out (AMB-17), and the basis of a retention longer than the
 * floor (REG-17-5, AMB-3): only LAW or ADMIN_REGULATION make it the art. 17 exception; any other
 * basis (or none) is the unit's own choice, saved with legalReviewRequired.
 */
import { z } from 'zod';
import type { Db } from '../db/connect.ts';
import { RETENTION_MIN_DAYS } from '../policy/index.ts';
import type { CameraRecord } from '../registry/model.ts';
import { camerasRepository, sitesRepository } from '../registry/repositories/index.ts';
import type { Clock } from '../shared/clock.ts';
import { notFound } from './errors.ts';
import type { RetentionFinding } from './findings.ts';
import { retentionFloorDays } from './floor.ts';
import { recordChange, type RetentionActor } from './history.ts';
import { CAMERA_PRIORITIES, DEFAULT_PRIORITY, RETENTION_BASIS_TYPES, STATUTORY_BASES, type CameraPriority, type RetentionBasisType } from './model.ts';
import { retentionDb, type RetentionCameraSettingsTable } from './tables.ts';
import { RetentionScope } from './retention-scope.ts';
import type { ObjectGate } from '../registry/services/context.ts';

export const settingsInput = z.strictObject({
  retentionDays: z.number().int().min(1).max(3650).optional(),
  priority: z.enum(CAMERA_PRIORITIES).optional(),
  basisType: z.enum(RETENTION_BASIS_TYPES).nullable().optional(),
  citation: z.string().trim().max(2000).nullable().optional(),
  reason: z.string().max(2000).optional(),
});

export interface CameraRetentionSettings {
  cameraId: string;
  retentionDays: number;
  floorDays: number | null;
  priority: CameraPriority;
  basisType: RetentionBasisType | null;
  citation: string | null;
  /** The retention exceeds the floor on a LAW or ADMIN_REGULATION basis: the art. 17 exception. */
  statutoryException: boolean;
  /** The retention exceeds the floor on any other basis (or none): the unit's own choice, for legal review. */
  legalReviewRequired: boolean;
}

export interface SettingsDeps {
  db: Db;
  clock: Clock;
  /** Changes retentionDays through the registry (policy gate REG-17-1, history, change filing). */
  updateRetentionDays(cameraId: string, days: number, actor: RetentionActor): Promise<void>;
  gate?: ObjectGate;
}

export class SettingsService {
  private readonly scope: RetentionScope;

  constructor(private readonly d: SettingsDeps) {
    this.scope = new RetentionScope(d.db, d.gate);
  }

  async get(cameraId: string): Promise<CameraRetentionSettings> {
    const camera = await camerasRepository.get(this.d.db, cameraId);
    if (!camera) throw notFound('camera', cameraId);
    const row = await retentionDb(this.d.db).selectFrom('retentionCameraSettings').selectAll().where('cameraId', '=', cameraId).executeTakeFirst();
    return this.view(camera, row);
  }

  /** REG-17-5, AMB-2: a retention above the floor without a LAW or ADMIN_REGULATION basis is the unit's own choice. */
  async findings(): Promise<RetentionFinding[]> {
    const out: RetentionFinding[] = [];
    for (const camera of await camerasRepository.list(this.d.db)) {
      const s = await this.get(camera.id);
      if (!s.legalReviewRequired) continue;
      out.push({
        ruleId: 'REG-17-5',
        code: 'RETENTION_LEGAL_REVIEW_REQUIRED',
        article: '17',
        severity: 'ADVISORY',
        message: {
          zh: `摄像机 ${camera.name} 保存 ${s.retentionDays} 日,超过 ${s.floorDays ?? RETENTION_MIN_DAYS} 日的部分未引用法律或行政法规,属本单位自定期限,须法律审核`,
          en: `Camera ${camera.name} keeps ${s.retentionDays} days; beyond ${s.floorDays ?? RETENTION_MIN_DAYS} days it cites no law or administrative regulation: the unit's own choice, for legal review`,
        },
        subject: { type: 'camera', id: camera.id },
        details: { retentionDays: s.retentionDays, basisType: s.basisType, citation: s.citation },
      });
    }
    return out;
  }

  /** Priorities of every camera that has settings; the rest are NORMAL. */
  async priorities(): Promise<Map<string, CameraPriority>> {
    const rows = await retentionDb(this.d.db).selectFrom('retentionCameraSettings').select(['cameraId', 'priority']).execute();
    return new Map(rows.map((r) => [r.cameraId, r.priority as CameraPriority]));
  }

  async set(cameraId: string, input: unknown, actor: RetentionActor): Promise<CameraRetentionSettings> {
    const parsed = settingsInput.parse(input);
    await this.scope.requireOver(actor, 'ADMINISTER', [cameraId]);
    const who = { ...actor, reason: parsed.reason ?? actor.reason ?? null };
    const before = await this.get(cameraId);
    // The registry change first: refused there (e.g. below the floor), nothing is stored here. A
    // failure between the two leaves legalReviewRequired true (no statutory basis yet): the safe side.
    if (parsed.retentionDays !== undefined && parsed.retentionDays !== before.retentionDays) await this.d.updateRetentionDays(cameraId, parsed.retentionDays, who);
    const now = this.d.clock.now();
    const row: RetentionCameraSettingsTable = {
      cameraId,
      priority: parsed.priority ?? before.priority,
      basisType: parsed.basisType === undefined ? before.basisType : parsed.basisType,
      citation: parsed.citation === undefined ? before.citation : parsed.citation,
      updatedAt: now.toISOString(),
    };
    return retentionDb(this.d.db)
      .transaction()
      .execute(async (tx) => {
        const exists = await tx.selectFrom('retentionCameraSettings').select('cameraId').where('cameraId', '=', cameraId).executeTakeFirst();
        if (exists) await tx.updateTable('retentionCameraSettings').set(row).where('cameraId', '=', cameraId).execute();
        else await tx.insertInto('retentionCameraSettings').values(row).execute();
        const camera = await camerasRepository.get(tx as unknown as Db, cameraId);
        const after = await this.view(camera!, row, tx as unknown as Db);
        await recordChange(tx, { entityType: 'retention_settings', entityId: cameraId, action: 'update', actor: who, at: now, before, after });
        return after;
      });
  }

  private async view(camera: CameraRecord, row: RetentionCameraSettingsTable | undefined, db: Db = this.d.db): Promise<CameraRetentionSettings> {
    const site = await sitesRepository.get(db, camera.siteId);
    const floorDays = site ? retentionFloorDays(site.placeCategory, this.d.clock.now()) : RETENTION_MIN_DAYS;
    const basisType = (row?.basisType ?? null) as RetentionBasisType | null;
    const longer = camera.retentionDays > (floorDays ?? RETENTION_MIN_DAYS);
    const statutory = basisType !== null && STATUTORY_BASES.includes(basisType);
    return {
      cameraId: camera.id,
      retentionDays: camera.retentionDays,
      floorDays,
      priority: (row?.priority ?? DEFAULT_PRIORITY) as CameraPriority,
      basisType,
      citation: row?.citation ?? null,
      statutoryException: longer && statutory,
      legalReviewRequired: longer && !statutory,
    };
  }
}
