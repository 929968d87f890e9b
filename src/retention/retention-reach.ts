/**
 * Retention as a signed-in user sees and changes it: per-camera status, settings, capacity and
 * findings only for cameras within their reach; a camera's settings changed only with CONFIG over it.
 * The local operator (CLI) and the system's jobs use the unfiltered services directly.
 */
import { cameraTarget } from '../access/authorization/target.ts';
import { NotFoundError } from '../shared/errors.ts';
import { notFound } from './errors.ts';
import type { Principal } from '../access/principal.ts';
import type { Db } from '../db/connect.ts';
import type { Actor, ObjectGate } from '../registry/services/context.ts';
import { requireSeen, requireWrite, targetLookup } from '../registry/services/object-access.ts';
import type { CapacityReport, CapacityService } from './capacity-service.ts';
import type { RetentionFinding } from './findings.ts';
import { deletionsCsv, listDeletions, type DeletionLogEntry, type DeletionLogQuery } from './deletion-log.ts';
import type { HoldsService } from './holds-service.ts';
import type { SettingsService } from './settings-service.ts';
import type { StatusService } from './status-service.ts';

export interface RetentionReachDeps {
  db: Db;
  gate?: ObjectGate;
  status: StatusService;
  settings: SettingsService;
  capacity: CapacityService;
  holds: HoldsService;
  findings(): Promise<RetentionFinding[]>;
}

export class RetentionReach {
  constructor(private readonly d: RetentionReachDeps) {}

  /** Whether each camera id is within the viewer's reach (every camera for the local operator). */
  private async seer(viewer?: Principal): Promise<(cameraId: string) => Promise<boolean>> {
    if (!viewer || !this.d.gate) return async () => true;
    const reach = await this.d.gate.reach(viewer);
    if (reach.everything) return async () => true;
    const targets = targetLookup(this.d.db);
    return async (cameraId) => reach.covers(await targets.camera(cameraId));
  }

  async statusAll(viewer?: Principal) {
    const sees = await this.seer(viewer);
    const all = await this.d.status.all();
    const kept = [];
    for (const s of all) if (await sees(s.cameraId)) kept.push(s);
    return kept;
  }

  async statusOf(cameraId: string, viewer?: Principal) {
    const status = await this.d.status.camera(cameraId);
    // Out of reach answers exactly as an unknown camera does: its existence is not told.
    await requireSeen(this.d, viewer, () => cameraTarget(this.d.db, cameraId), 'camera', cameraId).catch((error: unknown) => {
      throw error instanceof NotFoundError ? notFound('camera', cameraId) : error;
    });
    return status;
  }

  async setSettings(cameraId: string, input: unknown, actor: Actor) {
    await this.d.settings.get(cameraId);
    await requireWrite(this.d, actor, 'CONFIG', () => cameraTarget(this.d.db, cameraId));
    return this.d.settings.set(cameraId, input, actor);
  }

  async capacity(viewer?: Principal): Promise<CapacityReport> {
    const report = await this.d.capacity.report();
    const sees = await this.seer(viewer);
    const keep = async <T extends { cameraId: string }>(items: T[]) => {
      const kept: T[] = [];
      for (const item of items) if (await sees(item.cameraId)) kept.push(item);
      return kept;
    };
    return { ...report, cameras: await keep(report.cameras), suspended: await keep(report.suspended), findings: await this.keepFindings(report.findings, sees) };
  }

  /** The deletion log of the cameras within reach. */
  async deletions(query: Partial<DeletionLogQuery>, viewer?: Principal): Promise<DeletionLogEntry[]> {
    const sees = await this.seer(viewer);
    const kept: DeletionLogEntry[] = [];
    for (const entry of await listDeletions(this.d.db, query)) if (await sees(entry.cameraId)) kept.push(entry);
    return kept;
  }

  async deletionsCsv(query: Partial<DeletionLogQuery>, viewer?: Principal): Promise<string> {
    return deletionsCsv(await this.deletions(query, viewer));
  }

  async findings(viewer?: Principal): Promise<RetentionFinding[]> {
    return this.keepFindings(await this.d.findings(), await this.seer(viewer));
  }

  /** Camera findings for cameras within reach; a hold's when every camera it holds is; storage findings for all. */
  private async keepFindings(findings: RetentionFinding[], sees: (cameraId: string) => Promise<boolean>): Promise<RetentionFinding[]> {
    const kept: RetentionFinding[] = [];
    for (const finding of findings) {
      const { type, id } = finding.subject;
      if (type === 'camera' && !(await sees(id))) continue;
      if (type === 'hold') {
        const hold = await this.d.holds.get(id);
        const all = await Promise.all(hold.ranges.map((r) => sees(r.cameraId)));
        if (!all.every(Boolean)) continue;
      }
      kept.push(finding);
    }
    return kept;
  }
}
