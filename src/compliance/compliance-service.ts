/**
 * The compliance overview (GET /api/compliance, `custos compliance report`): the policy pack's
 * findings per system and camera, counts by severity, filing deadlines ahead, and the penalty
 * exposure of open findings.
 */
import { evaluate, penaltyExposure } from '../policy/index.ts';
import { filingApplies, filedCameras, initialFilingDeadline, isOverdue, putIntoUseOf } from '../policy/cn-order-799/filing/index.ts';
import { SEVERITIES, type Finding, type Severity } from '../policy/types.ts';
import type { RegistrySnapshot } from '../registry/snapshot.ts';
import type { RegistryContext } from '../registry/services/context.ts';
import { loadSnapshot } from '../registry/snapshot-loader.ts';
import { formatLegalInstant, legalDateOf } from '../shared/legal-time.ts';
import { personnelFindings } from '../access/personnel/personnel-findings.ts';
import type { Principal } from '../access/principal.ts';
import { findingTargets, keepFindings } from './report-reach.ts';
import { correctiveOrderCompliance } from '../corrective-orders/findings.ts';

export interface FilingDeadlineAhead {
  siteId: string;
  siteName: string;
  status: string;
  dueDate: string;
  overdue: boolean;
  preExisting: boolean;
  calendarCovered: boolean;
}

export interface ComplianceReport {
  at: string;
  counts: Record<Severity, number>;
  sites: { siteId: string; name: string; placeCategory: string; counts: Record<Severity, number>; findings: Finding[] }[];
  cameras: { cameraId: string; siteId: string; name: string; status: string; findings: Finding[] }[];
  /** Related facilities (REG-02-2) with their findings (REG-12-1 conformance, REG-12-2 overdue remediation). */
  assets: { assetId: string; siteId: string; name: string; assetType: string; active: boolean; findings: Finding[] }[];
  unitFindings: Finding[];
  filingDeadlines: FilingDeadlineAhead[];
}

function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

function siteIdOf(finding: Finding): string | undefined {
  return finding.subject.type === 'site' ? finding.subject.id : 'siteId' in finding.subject ? finding.subject.siteId : undefined;
}

export function complianceReport(snapshot: RegistrySnapshot, at: Date): ComplianceReport {
  const findings = evaluate(snapshot, at);
  const sites = snapshot.sites
    .filter((s) => s.active)
    .map((site) => {
      const own = findings.filter((f) => siteIdOf(f) === site.id);
      return { siteId: site.id, name: site.name, placeCategory: site.placeCategory, counts: countBySeverity(own), findings: own };
    });
  const cameras = snapshot.cameras.map((camera) => ({
    cameraId: camera.id,
    siteId: camera.siteId,
    name: camera.name,
    status: camera.status,
    findings: findings.filter((f) => f.subject.type === 'camera' && f.subject.id === camera.id),
  }));
  return {
    at: formatLegalInstant(at),
    counts: countBySeverity(findings),
    sites,
    cameras,
    assets: snapshot.assets.map((asset) => ({
      assetId: asset.id,
      siteId: asset.siteId,
      name: asset.name,
      assetType: asset.assetType,
      active: asset.active,
      findings: findings.filter((f) => f.subject.type === 'asset' && f.subject.id === asset.id),
    })),
    unitFindings: findings.filter((f) => f.subject.type === 'unit'),
    filingDeadlines: filingDeadlinesAhead(snapshot, at),
  };
}

/** Initial filings still to be made, soonest first (REG-14-2, REG-14-3); none for a place without the duty (art. 9.2, REG-09-2). */
export function filingDeadlinesAhead(snapshot: RegistrySnapshot, at: Date): FilingDeadlineAhead[] {
  const rows: FilingDeadlineAhead[] = [];
  for (const site of snapshot.sites.filter((s) => s.active && filingApplies(s))) {
    const filings = snapshot.filings.filter((f) => f.siteId === site.id);
    if (filings.some((f) => f.status === 'FILED')) continue;
    const inUse = putIntoUseOf(site, filedCameras(snapshot, site.id)).date;
    const deadline = initialFilingDeadline(site, inUse, snapshot.factChanges, at);
    if (!deadline) continue;
    const latest = filings.at(-1);
    rows.push({
      siteId: site.id,
      siteName: site.name,
      status: latest?.status ?? 'NOT_FILED',
      dueDate: deadline.dueDate,
      overdue: isOverdue(deadline, at) && latest?.status !== 'SUBMITTED',
      preExisting: deadline.preExisting,
      calendarCovered: deadline.calendarCovered,
    });
  }
  return rows.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

export class ComplianceService {
  constructor(private readonly ctx: RegistryContext) {}

  /** The report; a viewer sees only the findings about objects within their reach. */
  async report(at?: Date, viewer?: Principal): Promise<ComplianceReport> {
    const when = at ?? this.ctx.clock.now();
    const snapshot = await loadSnapshot(this.ctx.db);
    const full = complianceReport(snapshot, when);
    const personnel = await personnelFindings(this.ctx.db, when);
    // REG-24-3: corrective orders past their deadline, on the sites they concern.
    const orders = (await correctiveOrderCompliance(this.ctx.db, when)).findings;
    const onSite = (siteId: string) => orders.filter((f) => f.subject.id === siteId);
    const orphans = orders.filter((f) => !full.sites.some((s) => s.siteId === f.subject.id));
    const withOrders = full.sites.map((s) => (onSite(s.siteId).length === 0 ? s : { ...s, findings: [...s.findings, ...onSite(s.siteId)], counts: countBySeverity([...s.findings, ...onSite(s.siteId)]) }));
    const report = { ...full, sites: withOrders, unitFindings: [...full.unitFindings, ...personnel, ...orphans] };
    const reach = viewer && this.ctx.gate ? await this.ctx.gate.reach(viewer) : undefined;
    if (!reach || reach.everything) {
      const counts = { ...report.counts };
      for (const finding of [...personnel, ...orders]) counts[finding.severity] += 1;
      return { ...report, counts };
    }
    const targets = findingTargets(snapshot);
    const seen = (siteId: string) => reach.covers(targets.site(siteId));
    const cameras = report.cameras.filter((c) => reach.covers({ ...targets.site(c.siteId), cameraId: c.cameraId }));
    const sites = report.sites.filter((s) => seen(s.siteId)).map((s) => {
      const findings = keepFindings(reach, snapshot, s.findings);
      return { ...s, findings, counts: countBySeverity(findings) };
    });
    const assets = report.assets.filter((a) => seen(a.siteId));
    const unitFindings = keepFindings(reach, snapshot, report.unitFindings);
    const all = [...sites.flatMap((s) => s.findings), ...cameras.flatMap((c) => c.findings), ...assets.flatMap((a) => a.findings), ...unitFindings];
    return { ...report, counts: countBySeverity([...new Set(all)]), sites, cameras, assets, unitFindings, filingDeadlines: report.filingDeadlines.filter((d) => seen(d.siteId)) };
  }

  async exposure(at?: Date, viewer?: Principal) {
    const snapshot = await loadSnapshot(this.ctx.db);
    const when = at ?? this.ctx.clock.now();
    const reach = viewer && this.ctx.gate ? await this.ctx.gate.reach(viewer) : undefined;
    // REG-24-3: an overdue corrective order is itself exposure under its article, and makes the linked rows triggerable.
    const orders = await correctiveOrderCompliance(this.ctx.db, when);
    const findings = [...evaluate(snapshot, when), ...orders.findings];
    const visible = reach ? keepFindings(reach, snapshot, findings) : findings;
    return { at: formatLegalInstant(when), date: legalDateOf(when), ...penaltyExposure(visible, snapshot.units, snapshot.sites, when, orders.links) };
  }
}
