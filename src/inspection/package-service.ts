/**
 * The inspection package (art. 24, REG-24-1), one click: the nine sections for a site or a unit and a
 * period, hashed and signed with the ledger's key, stored so the same package downloads again, and
 * written to the audit log. The inspector generates it for their scope; the unit's administrators and
 * auditors for what they administer or audit.
 */
import { sign } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../shared/clock.ts';
import type { Principal } from '../access/principal.ts';
import { siteTarget, unitTarget, type Target } from '../access/authorization/target.ts';
import type { ComplianceService } from '../compliance/compliance-service.ts';
import type { LedgerService } from '../ledger/ledger-service.ts';
import { canonicalJson, sha256Hex } from '../policy/cn-order-799/filing/index.ts';
import { RETENTION_MIN_DAYS } from '../policy/index.ts';
import type { Finding } from '../policy/types.ts';
import { loadSnapshot } from '../registry/snapshot-loader.ts';
import type { ObjectGate } from '../registry/services/context.ts';
import { historyRepository } from '../registry/repositories/history-repository.ts';
import type { CameraRetentionStatus } from '../retention/status-service.ts';
import type { RegisterService } from '../access/register/register-service.ts';
import { baselineStatus } from '../settings/baseline.ts';
import { ForbiddenError, NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { publicDb } from '../db/public-tables.ts';
import { findingEntry, ledgerSection, personnelSection, registerSection, retentionSection } from './package-figures.ts';
import { registrySections } from './package-registry.ts';
import { packageRequest, periodOf } from './package-request.ts';
import { INSPECTION_PACKAGE_FORMAT, inspectionPackage, signedText, type InspectionPackage, type InspectionPackageBody } from './package-schema.ts';
import { inspectionDb } from './tables.ts';
import type { SegmentReader } from '../recording/segment-store.ts';

export interface PackageDeps {
  db: Db;
  clock: Clock;
  gate?: ObjectGate;
  dataDir: string;
  /** Where segment bytes are read for the ledger verification; the local segments folder when absent. */
  segments?: SegmentReader | undefined;
  compliance: Pick<ComplianceService, 'report'>;
  ledger: LedgerService;
  retentionStatus: { camera(cameraId: string): Promise<CameraRetentionStatus> };
  /** The access register (its verification, as `custos register verify` runs it). */
  register: Pick<RegisterService, 'verify'>;
}

export interface PackageSummary {
  id: string;
  unitId: string;
  siteIds: string[];
  periodFrom: string;
  periodTo: string;
  generatedBy: string;
  generatedAt: string;
  sha256: string;
}


export class InspectionPackageService {
  constructor(private readonly d: PackageDeps) {}

  async generate(input: unknown, principal?: Principal, by = 'cli'): Promise<InspectionPackage> {
    const request = packageRequest.parse(input);
    const period = periodOf(request.period);
    const target = request.siteId ? await siteTarget(this.d.db, request.siteId) : await unitTarget(this.d.db, request.unitId!);
    await this.requireInspect(principal, target);
    const at = this.d.clock.now();
    const snapshot = await loadSnapshot(this.d.db);
    const unit = snapshot.units.find((u) => u.id === target.unitId)!;
    const sites = snapshot.sites.filter((s) => s.unitId === unit.id && (request.siteId ? s.id === request.siteId : s.active));
    const siteIds = new Set(sites.map((s) => s.id));
    const cameras = snapshot.cameras.filter((c) => siteIds.has(c.siteId));
    const report = await this.d.compliance.report(at);
    const statuses = [];
    for (const camera of cameras) {
      const status = await this.d.retentionStatus.camera(camera.id);
      statuses.push({ siteId: camera.siteId, floorDays: status.settings.floorDays, status });
    }
    const body: InspectionPackageBody = {
      format: INSPECTION_PACKAGE_FORMAT,
      id: newId('ipk'),
      generatedAt: at.toISOString(),
      generatedBy: principal
        ? { username: principal.username, name: principal.displayName, unit: principal.unitName, inspector: principal.inspector !== undefined }
        : { username: by, name: by, unit: '', inspector: false },
      unit: { unitId: unit.id, name: unit.name, uscc: unit.uscc, address: unit.address },
      scope: { type: request.siteId ? 'SITE' : 'UNIT', siteIds: [...siteIds] },
      period: { from: period.from, to: period.to },
      ...registrySections({ snapshot, unitId: unit.id, sites }, await this.publicCodes([...siteIds]), at),
      retention: retentionSection(statuses, RETENTION_MIN_DAYS, at),
      accessRegister: await registerSection(this.d.db, new Set(cameras.map((c) => c.id)), period.fromInstant, period.toInstant, () => this.d.register.verify(undefined, 'inspection-package')),
      personnel: await personnelSection(this.d.db, unit.id, report),
      security: { controls: baselineStatus(), ledger: await ledgerSection(this.d.db, this.d.ledger, this.d.dataDir, this.d.segments) },
      findings: openFindings(report, unit.id, siteIds, new Set(cameras.map((c) => c.id))),
    };
    const sha256 = sha256Hex(canonicalJson(body));
    const pkg = inspectionPackage.parse({ ...body, integrity: { sha256, signature: await this.signature(sha256) } });
    await this.d.db.transaction().execute(async (tx) => {
      await inspectionDb(tx)
        .insertInto('inspectionPackages')
        .values({
          id: pkg.id,
          unitId: unit.id,
          siteIds: JSON.stringify(pkg.scope.siteIds),
          periodFrom: period.from,
          periodTo: period.to,
          generatedBy: pkg.generatedBy.username,
          generatedAt: pkg.generatedAt,
          sha256,
          body: JSON.stringify(pkg),
        })
        .execute();
      await historyRepository.append(tx, {
        entityType: 'inspectionPackage',
        entityId: pkg.id,
        action: 'generate',
        actor: pkg.generatedBy.username,
        at: pkg.generatedAt,
        before: null,
        after: { id: pkg.id, unitId: unit.id, siteIds: pkg.scope.siteIds, period: pkg.period, sha256, inspector: principal?.inspector ?? null },
        reason: principal?.inspector ? `${principal.inspector.organ} ${principal.inspector.warrantRef}` : null,
      });
    });
    return pkg;
  }

  /** A stored package, to whoever may inspect its scope. */
  async get(id: string, viewer?: Principal): Promise<InspectionPackage> {
    const row = await inspectionDb(this.d.db).selectFrom('inspectionPackages').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(id);
    const pkg = inspectionPackage.parse(JSON.parse(row.body));
    await this.requireInspect(viewer, pkg.scope.type === 'SITE' && pkg.scope.siteIds.length === 1 ? { unitId: row.unitId, siteId: pkg.scope.siteIds[0]! } : { unitId: row.unitId }, id);
    return pkg;
  }

  /** The packages the viewer may download, newest first. */
  async list(viewer?: Principal): Promise<PackageSummary[]> {
    const rows = await inspectionDb(this.d.db).selectFrom('inspectionPackages').selectAll().orderBy('generatedAt', 'desc').limit(500).execute();
    const out: PackageSummary[] = [];
    for (const row of rows) {
      const siteIds = JSON.parse(row.siteIds) as string[];
      const target: Target = siteIds.length === 1 && siteIds[0] ? { unitId: row.unitId, siteId: siteIds[0] } : { unitId: row.unitId };
      if (viewer && !(await this.mayInspect(viewer, target))) continue;
      out.push({ id: row.id, unitId: row.unitId, siteIds, periodFrom: row.periodFrom, periodTo: row.periodTo, generatedBy: row.generatedBy, generatedAt: row.generatedAt, sha256: row.sha256 });
    }
    return out;
  }

  /** The inspector within their grants' scope; otherwise AUDIT or ADMINISTER over the site or unit. */
  private async mayInspect(principal: Principal, target: Target): Promise<boolean> {
    const gate = this.d.gate;
    if (!gate) return true;
    if (principal.inspector) {
      const reach = await gate.reach(principal);
      return reach.everything || reach.covers(target);
    }
    for (const action of ['AUDIT', 'ADMINISTER'] as const) {
      try {
        await gate.requireOver(principal, action, target);
        return true;
      } catch (error) {
        if (!(error instanceof ForbiddenError)) throw error;
      }
    }
    return false;
  }

  private async requireInspect(principal: Principal | undefined, target: Target, packageId?: string): Promise<void> {
    if (!principal || !this.d.gate) return;
    if (await this.mayInspect(principal, target)) return;
    if (packageId) throw notFound(packageId);
    // Outside what the caller may see: answered as absent, as the registry does.
    const reach = await this.d.gate.reach(principal);
    if (!reach.everything && !reach.covers(target)) {
      const kind = target.siteId ? 'site' : 'unit';
      const id = target.siteId ?? target.unitId;
      throw new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到${kind}:${id}`, en: `No ${kind} with id ${id}` }, details: { entityType: kind, id } });
    }
    throw new ForbiddenError('E_INSPECTION_NOT_ALLOWED', {
      article: '24',
      message: {
        zh: '生成监督检查材料须为该范围的检查账户,或对其有审计(AUDIT)或管理(ADMINISTER)权限',
        en: 'An inspection package is generated by the inspector of this scope, or with AUDIT or ADMINISTER over it',
      },
      details: { unitId: target.unitId, siteId: target.siteId ?? null },
    });
  }

  private async publicCodes(siteIds: string[]): Promise<Map<string, string>> {
    if (siteIds.length === 0) return new Map();
    const rows = await publicDb(this.d.db).selectFrom('publicSignCodes').select(['signId', 'code']).where('siteId', 'in', siteIds).execute();
    return new Map(rows.map((r) => [r.signId, r.code]));
  }

  private async signature(sha256: string): Promise<InspectionPackage['integrity']['signature']> {
    try {
      const key = await this.d.ledger.key();
      return { algorithm: 'Ed25519', keyId: key.keyId, value: sign(null, Buffer.from(signedText(sha256)), key.privateKey).toString('base64') };
    } catch {
      return null;
    }
  }
}

function notFound(id: string): NotFoundError {
  return new NotFoundError('E_NOT_FOUND', { message: { zh: `未找到检查材料 ${id}`, en: `No inspection package ${id}` }, details: { entityType: 'inspectionPackage', id } });
}

/** Open findings about the inspected unit, its sites, cameras and facilities, from the compliance report. */
function openFindings(
  report: Awaited<ReturnType<ComplianceService['report']>>,
  unitId: string,
  siteIds: ReadonlySet<string>,
  cameraIds: ReadonlySet<string>,
): InspectionPackageBody['findings'] {
  const all = new Set<Finding>([
    ...report.sites.filter((s) => siteIds.has(s.siteId)).flatMap((s) => s.findings),
    ...report.cameras.filter((c) => cameraIds.has(c.cameraId)).flatMap((c) => c.findings),
    ...report.assets.filter((a) => siteIds.has(a.siteId)).flatMap((a) => a.findings),
    ...report.unitFindings.filter((f) => f.subject.id === unitId),
  ]);
  const items = [...all].map(findingEntry);
  const counts: Record<string, number> = {};
  for (const f of items) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return { counts, items };
}
