/**
 * Capacity and findings as a signed-in user sees them: only for cameras within their reach (storage
 * findings for all). Status, settings, holds, purposes, orders and the deletion log are checked in their
 * own services (retention-scope.ts). The local operator (CLI) and the system's jobs are not filtered.
 */
import type { Principal } from '../access/principal.ts';
import type { Db } from '../db/connect.ts';
import type { ObjectGate } from '../registry/services/context.ts';
import { targetLookup } from '../registry/services/object-access.ts';
import type { CapacityReport, CapacityService } from './capacity-service.ts';
import type { RetentionFinding } from './findings.ts';
import type { HoldsService } from './holds-service.ts';

export interface RetentionReachDeps {
  db: Db;
  gate?: ObjectGate;
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
