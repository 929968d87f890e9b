/**
 * REG-12-2: imports advisories (CSV or CSAF 2.0), matches them to the inventory and opens one
 * remediation task per affected device, due by severity from the import date; all in one transaction.
 */
import type { Db } from '../db/connect.ts';
import { REMEDIATION_DUE_DAYS } from '../policy/cn-order-799/remediation-deadlines.ts';
import { historyRepository } from '../registry/repositories/history-repository.ts';
import type { Actor, RegistryContext } from '../registry/services/context.ts';
import { targetLookup, withinReach } from '../registry/services/object-access.ts';
import type { Principal } from '../access/principal.ts';
import { deviceTarget } from './device-target.ts';
import { NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { addDays, legalDateOf } from '../shared/legal-time.ts';
import { devicesInService } from './inventory-devices.ts';
import { matchProducts, type MatchDevice, type UndeterminedDevice } from './matching.ts';
import type { AdvisoryRecord, RemediationTaskRecord } from './model.ts';
import { highest, type ImportWarning, type ParsedAdvisory } from './parsed.ts';
import { advisoriesRepository, remediationTasksRepository } from './repositories.ts';
import { parseAdvisoryUpload } from './upload.ts';

export interface ImportedAdvisory {
  advisoryId: string;
  reference: string | null;
  /** False when an advisory with this reference was imported before: only new devices are matched. */
  created: boolean;
  affected: number;
  tasksCreated: number;
  undetermined: UndeterminedDevice[];
}

export interface ImportReport {
  advisories: ImportedAdvisory[];
  tasks: RemediationTaskRecord[];
  warnings: ImportWarning[];
}

export interface AffectedDeviceView {
  taskId: string;
  deviceKind: MatchDevice['kind'];
  deviceId: string;
  siteId: string;
  name: string | null;
  matchedVersion: string;
  dueDate: string;
  status: RemediationTaskRecord['status'];
}

export class AdvisoriesService {
  constructor(private readonly ctx: RegistryContext) {}

  async importDocument(text: string, contentType: string | undefined, actor: Actor): Promise<ImportReport> {
    const parsed = parseAdvisoryUpload(text, contentType);
    const now = this.ctx.clock.now();
    return this.ctx.db.transaction().execute(async (tx) => {
      // A signed-in importer opens tasks only for devices within their CONFIG scope.
      const devices = await this.configurable(tx, actor, await devicesInService(tx));
      const report: ImportReport = { advisories: [], tasks: [], warnings: parsed.warnings };
      for (const advisory of parsed.advisories) {
        const { imported, tasks } = await this.importOne(tx, advisory, devices, actor, now);
        report.advisories.push(imported);
        report.tasks.push(...tasks);
      }
      return report;
    });
  }

  private async importOne(tx: Db, parsed: ParsedAdvisory, devices: MatchDevice[], actor: Actor, now: Date) {
    const existing = parsed.reference === null ? undefined : (await advisoriesRepository.list(tx, { reference: parsed.reference }))[0];
    const at = now.toISOString();
    const advisory: AdvisoryRecord = existing ?? {
      id: newId('adv'),
      ...parsed,
      severity: highest(parsed.products.map((p) => p.severity)),
      importedAt: at,
      importedBy: actor.name,
      notifyRole: null,
      notifiedAt: null,
    };
    const { affected, undetermined } = matchProducts(advisory.products, devices);
    const known = new Set((await remediationTasksRepository.list(tx, { advisoryId: advisory.id })).map((t) => `${t.deviceKind}:${t.deviceId}`));
    const fresh = affected.filter((a) => !known.has(`${a.device.kind}:${a.device.id}`));
    const next = { ...advisory, notifyRole: affected.length > 0 ? ('SECURITY_ADMIN' as const) : advisory.notifyRole };
    if (!existing) {
      await advisoriesRepository.insert(tx, next, at);
      await historyRepository.append(tx, { entityType: 'advisory', entityId: next.id, action: 'import', actor: actor.name, at, before: null, after: next });
    } else if (next.notifyRole !== existing.notifyRole) {
      await advisoriesRepository.update(tx, next, at);
      await historyRepository.append(tx, { entityType: 'advisory', entityId: next.id, action: 'rematch', actor: actor.name, at, before: existing, after: next });
    }
    const today = legalDateOf(now);
    const tasks: RemediationTaskRecord[] = [];
    for (const hit of fresh) {
      const task: RemediationTaskRecord = {
        id: newId('rem'),
        advisoryId: next.id,
        deviceKind: hit.device.kind,
        deviceId: hit.device.id,
        siteId: hit.device.siteId,
        severity: hit.severity,
        matchedVersion: hit.matchedVersion.slice(0, 200),
        fixedVersion: hit.fixedVersion,
        dueDate: addDays(today, REMEDIATION_DUE_DAYS[hit.severity]),
        status: 'OPEN',
        evidence: null,
        openedAt: at,
        resolvedAt: null,
      };
      await remediationTasksRepository.insert(tx, task, at);
      await historyRepository.append(tx, { entityType: 'remediationTask', entityId: task.id, action: 'create', actor: actor.name, at, before: null, after: task });
      tasks.push(task);
    }
    const imported: ImportedAdvisory = { advisoryId: next.id, reference: next.reference, created: !existing, affected: affected.length, tasksCreated: tasks.length, undetermined };
    return { imported, tasks };
  }

  private async configurable(tx: Db, actor: Actor, devices: MatchDevice[]): Promise<MatchDevice[]> {
    if (!actor.principal || !this.ctx.gate) return devices;
    const reach = await this.ctx.gate.reach(actor.principal, 'CONFIG', tx);
    if (reach.everything) return devices;
    const targets = targetLookup(tx);
    const kept: MatchDevice[] = [];
    for (const device of devices) if (reach.covers(await deviceTarget(targets, device))) kept.push(device);
    return kept;
  }

  async list(filter: { severity?: string } = {}): Promise<AdvisoryRecord[]> {
    return advisoriesRepository.list(this.ctx.db, filter.severity ? { severity: filter.severity } : {});
  }

  /** The advisory with the devices it affects (one per remediation task). */
  /** The advisory (public text) with the affected devices the viewer may see. */
  async get(id: string, viewer?: Principal): Promise<AdvisoryRecord & { affected: AffectedDeviceView[] }> {
    const advisory = await advisoriesRepository.get(this.ctx.db, id);
    if (!advisory) {
      throw new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到漏洞通告:${id}`, en: `No advisory with id ${id}` }, details: { entityType: 'advisory', id } });
    }
    const targets = targetLookup(this.ctx.db);
    const [all, devices] = await Promise.all([remediationTasksRepository.list(this.ctx.db, { advisoryId: id }), devicesInService(this.ctx.db)]);
    const tasks = await withinReach(this.ctx, viewer, all, (t) => deviceTarget(targets, { kind: t.deviceKind, id: t.deviceId, siteId: t.siteId }));
    const names = new Map(devices.map((d) => [`${d.kind}:${d.id}`, d.name]));
    const affected = tasks.map((t) => ({
      taskId: t.id,
      deviceKind: t.deviceKind,
      deviceId: t.deviceId,
      siteId: t.siteId,
      name: names.get(`${t.deviceKind}:${t.deviceId}`) ?? null,
      matchedVersion: t.matchedVersion,
      dueDate: t.dueDate,
      status: t.status,
    }));
    return { ...advisory, affected };
  }
}
