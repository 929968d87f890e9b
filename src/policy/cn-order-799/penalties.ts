/**
 * The penalty-exposure report (REG-26-1, AMB-21): ranges per finding, aggregated per site and unit.
 * Informational: it shows statutory ranges and never a recommended amount.
 */
import type { SiteRecord, UnitRecord } from '../../registry/model.ts';
import type { LocalizedText } from '../../shared/errors.ts';
import type { Finding, FindingSubject, Severity } from '../types.ts';
import { subjectSiteId } from './apply-matrix.ts';
import { PENALTY_TABLES, penaltyRowFor, penaltyTableAt, type AmountRange, type PenaltyFlags, type PenaltyTrigger } from './penalty-table.ts';

export interface ExposureRow {
  ruleId: string;
  code: string;
  article: string;
  severity: Severity;
  subject: FindingSubject;
  siteId: string | null;
  unitId: string | null;
  penaltyRef: string;
  measures: LocalizedText[];
  trigger: PenaltyTrigger | null;
  individual: AmountRange | null;
  unit: AmountRange | null;
  perPerson: AmountRange | null;
  /** Directly responsible persons configured on the unit (none for an individual violator). */
  persons: number;
  personsTotal: AmountRange | null;
  /** The violator's range plus the persons' total, as maxima; 0 when no fine applies. */
  maxExposure: number;
  /** False for a second finding on the same subject under the same article, so totals count it once. */
  countedInTotals: boolean;
  flags: PenaltyFlags;
  /**
   * REG-24-3: a corrective order linked to this row is overdue, so the conditional fine (ON_REFUSAL,
   * ON_REFUSAL_OR_SERIOUS) may now be imposed (拒不改正). Never set on an immediate or fine-less row.
   */
  triggerable: boolean;
  /** The overdue orders that make the row triggerable. */
  triggeredBy: { orderId: string; reference: string; dueDate: string }[];
}

/** An overdue corrective order: its sites and articles, and the findings its items link (REG-24-3). */
export interface OverdueOrder {
  orderId: string;
  reference: string;
  dueDate: string;
  siteIds: readonly string[];
  articles: readonly string[];
  findings: readonly { ruleId: string; code: string; subject: { type: string; id: string } }[];
}

export interface ExposureTotals {
  immediateMax: number;
  conditionalMax: number;
  orderToCorrectOnly: number;
  findings: number;
}

export interface ExposureReport {
  table: { version: string; effectiveFrom: string };
  rows: ExposureRow[];
  bySite: ({ siteId: string; unitId: string | null } & ExposureTotals)[];
  byUnit: ({ unitId: string } & ExposureTotals)[];
  totals: ExposureTotals;
  /** Open findings with no row in the table. */
  unmapped: { ruleId: string; code: string; subject: FindingSubject }[];
  notice: LocalizedText;
}

const NOTICE: LocalizedText = {
  zh: '本报告仅列示法定罚款幅度,供合规评估参考,不构成处罚建议或法律意见',
  en: 'This report lists statutory ranges for compliance assessment only; it is not a proposed penalty or legal advice',
};

export function multiply(range: AmountRange, n: number): AmountRange {
  return range.min === undefined ? { max: range.max * n } : { min: range.min * n, max: range.max * n };
}

function emptyTotals(): ExposureTotals {
  return { immediateMax: 0, conditionalMax: 0, orderToCorrectOnly: 0, findings: 0 };
}

function addTo(totals: ExposureTotals, row: ExposureRow): void {
  totals.findings += 1;
  if (row.flags.orderToCorrectOnly) totals.orderToCorrectOnly += 1;
  if (!row.countedInTotals || row.trigger === null) return;
  if (row.trigger === 'IMMEDIATE') totals.immediateMax += row.maxExposure;
  else totals.conditionalMax += row.maxExposure;
}

/** The overdue orders that link the finding, or whose article covers the row on the same site. */
function overdueOrdersOf(orders: readonly OverdueOrder[], f: Finding, penaltyRef: string, siteId: string | null): OverdueOrder[] {
  return orders.filter(
    (o) =>
      o.findings.some((l) => l.ruleId === f.ruleId && l.code === f.code && l.subject.type === f.subject.type && l.subject.id === f.subject.id) ||
      (siteId !== null && o.articles.includes(penaltyRef) && o.siteIds.includes(siteId)),
  );
}

/**
 * Exposure for the open (BLOCK or NONCOMPLIANT) findings. `sites` maps findings to their
 * management unit, whose `responsiblePersons` multiplies the per-person range. `overdueOrders` marks
 * the rows whose conditional fine an overdue corrective order has made imposable (REG-24-3).
 */
export function penaltyExposure(findings: readonly Finding[], units: readonly UnitRecord[], sites: readonly SiteRecord[] = [], at?: Date, overdueOrders: readonly OverdueOrder[] = []): ExposureReport {
  const latest = PENALTY_TABLES[PENALTY_TABLES.length - 1]!;
  const table = at ? (penaltyTableAt(at) ?? latest) : latest;
  const unitById = new Map(units.map((u) => [u.id, u]));
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const rows: ExposureRow[] = [];
  const unmapped: ExposureReport['unmapped'] = [];
  const counted = new Set<string>();
  for (const f of findings) {
    if (f.severity !== 'BLOCK' && f.severity !== 'NONCOMPLIANT') continue;
    const row = penaltyRowFor(table, f);
    if (!row) {
      unmapped.push({ ruleId: f.ruleId, code: f.code, subject: f.subject });
      continue;
    }
    const siteId = subjectSiteId(f.subject);
    const unitId = f.subject.type === 'unit' ? f.subject.id : siteId === null ? null : (siteById.get(siteId)?.unitId ?? null);
    const unit = unitId === null ? undefined : unitById.get(unitId);
    const individualViolator = unit?.unitType === 'INDIVIDUAL';
    const persons = individualViolator || !row.perPerson ? 0 : (unit?.responsiblePersons ?? 0);
    const personsTotal = row.perPerson && persons > 0 ? multiply(row.perPerson, persons) : null;
    const violatorRange = individualViolator ? row.individual : row.unit;
    const serious = f.details?.seriousConsequences === true && row.trigger === 'ON_REFUSAL_OR_SERIOUS';
    const key = `${f.subject.type}:${f.subject.id}:${row.penaltyRef}`;
    const trigger = serious ? 'IMMEDIATE' : row.trigger;
    const conditional = trigger === 'ON_REFUSAL' || trigger === 'ON_REFUSAL_OR_SERIOUS';
    const triggeredBy = conditional ? overdueOrdersOf(overdueOrders, f, row.penaltyRef, siteId).map((o) => ({ orderId: o.orderId, reference: o.reference, dueDate: o.dueDate })) : [];
    rows.push({
      ruleId: f.ruleId,
      code: f.code,
      article: f.article,
      severity: f.severity,
      subject: f.subject,
      siteId,
      unitId,
      penaltyRef: row.penaltyRef,
      measures: row.measures,
      trigger,
      individual: row.individual,
      unit: row.unit,
      perPerson: row.perPerson,
      persons,
      personsTotal,
      maxExposure: (violatorRange?.max ?? 0) + (personsTotal?.max ?? 0),
      countedInTotals: !counted.has(key),
      flags: { ...row.flags },
      triggerable: triggeredBy.length > 0,
      triggeredBy,
    });
    counted.add(key);
  }
  const totals = emptyTotals();
  const bySite = new Map<string, { siteId: string; unitId: string | null } & ExposureTotals>();
  const byUnit = new Map<string, { unitId: string } & ExposureTotals>();
  for (const row of rows) {
    addTo(totals, row);
    if (row.siteId !== null) {
      const entry = bySite.get(row.siteId) ?? { siteId: row.siteId, unitId: row.unitId, ...emptyTotals() };
      addTo(entry, row);
      bySite.set(row.siteId, entry);
    }
    if (row.unitId !== null) {
      const entry = byUnit.get(row.unitId) ?? { unitId: row.unitId, ...emptyTotals() };
      addTo(entry, row);
      byUnit.set(row.unitId, entry);
    }
  }
  const byId = <T extends object>(map: Map<string, T>): T[] => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { table: { version: table.version, effectiveFrom: table.effectiveFrom }, rows, bySite: byId(bySite), byUnit: byId(byUnit), totals, unmapped, notice: NOTICE };
}
