/**
 * Filing findings (REG-14-3, REG-14-4, REG-14-5; REG-34-1 commencement). Emitted for active sites in
 * art. 7 categories. Art. 9.2 lifts art. 14 for art. 9 places: an A9 site gets one INFO saying that
 * filing is not required, and no due date, overdue or art. 29 reference (REG-09-2). Art. 33 sites get none.
 * A change filing is dated by the change itself (REG-14-4, REG-17-6), not by the day of evaluation.
 */
import type { FilingRecord, SiteRecord } from '../../../registry/model.ts';
import type { RegistrySnapshot } from '../../../registry/snapshot.ts';
import { legalDateOf, type LegalDate } from '../../../shared/legal-time.ts';
import type { Finding } from '../../types.ts';
import { buildFilingDataset, filedCameras, putIntoUseOf } from './dataset.ts';
import { storagePeriodAt } from './as-of.ts';
import { dateChanges, type DatedChange } from './change-dating.ts';
import { changeFilingDeadline, daysUntilDue, IN_FORCE_INSTANT, isOverdue, type FilingDeadline } from './deadline.ts';
import { diffFilingDatasets } from './diff.ts';
import { filingApplies, initialFilingDeadline, leftFilingDutyOn } from './duty.ts';
import { changeMessage, dueMessage, filedMessage, notRequiredMessage, overdueMessage, submittedMessage, untrueFigureMessage } from './messages.ts';
import { categoryClass } from '../place-categories.ts';


export interface FilingEvaluationOptions {
  /**
   * Per site, the day a change of filed facts was first detected (kept by whoever runs the nightly
   * check). Used only for changed fields the history cannot date; failing it, the creation day of the
   * open CHANGE draft, else the day of `at`.
   */
  changeDetectedOn?: Readonly<Record<string, LegalDate>>;
}

const byTime = (f: FilingRecord): string => f.filedAt ?? f.submittedAt ?? f.createdAt;

function latest(filings: readonly FilingRecord[]): FilingRecord | undefined {
  return [...filings].sort((a, b) => byTime(a).localeCompare(byTime(b)) || a.createdAt.localeCompare(b.createdAt)).at(-1);
}

function earliest(filings: readonly FilingRecord[]): FilingRecord | undefined {
  return [...filings].sort((a, b) => byTime(a).localeCompare(byTime(b)) || a.createdAt.localeCompare(b.createdAt))[0];
}

function initialStatusFinding(site: SiteRecord, filings: FilingRecord[], deadline: FilingDeadline, authority: string | null, at: Date): Finding {
  const subject = { type: 'site', id: site.id } as const;
  const base = { ruleId: 'REG-14-3', article: '14', subject };
  const deadlineDetails = { dueDate: deadline.dueDate, overdueFrom: deadline.overdueFrom, preExisting: deadline.preExisting, calendarCovered: deadline.calendarCovered };
  const filed = earliest(filings.filter((f) => f.status === 'FILED'));
  if (filed?.filedAt) {
    const late = filed.filedAt > deadline.dueDate;
    return {
      ...base,
      code: 'FILING_FILED',
      severity: 'INFO',
      message: filedMessage(site.name, filed.filedAt, filed.receiptNo, late, deadline.dueDate),
      details: { ...deadlineDetails, filingId: filed.id, receiptNo: filed.receiptNo, filedAt: filed.filedAt, authority: filed.authority, late },
    };
  }
  const submitted = earliest(filings.filter((f) => f.status === 'SUBMITTED' || (f.status === 'FILED' && !f.filedAt)));
  if (submitted) {
    const on = legalDateOf(submitted.submittedAt ?? submitted.createdAt);
    const late = on > deadline.dueDate;
    return {
      ...base,
      code: 'FILING_SUBMITTED',
      severity: 'INFO',
      message: submittedMessage(site.name, on, late, deadline.dueDate),
      details: { ...deadlineDetails, filingId: submitted.id, submittedOn: on, late },
    };
  }
  const open = latest(filings);
  const openDetails = open ? { filingId: open.id, filingStatus: open.status } : { filingStatus: 'NOT_FILED' };
  if (isOverdue(deadline, at)) {
    const daysOverdue = -daysUntilDue(deadline, at);
    return {
      ...base,
      code: 'FILING_OVERDUE',
      severity: 'NONCOMPLIANT',
      penaltyRef: '29',
      message: overdueMessage(site.name, deadline.dueDate, daysOverdue, deadline.preExisting, authority),
      details: { ...deadlineDetails, ...openDetails, daysOverdue },
    };
  }
  const daysLeft = daysUntilDue(deadline, at);
  return {
    ...base,
    code: 'FILING_DUE',
    severity: 'INFO',
    message: dueMessage(site.name, deadline.dueDate, daysLeft, deadline.preExisting, authority),
    details: { ...deadlineDetails, ...openDetails, daysLeft },
  };
}

/** The instant a filing's facts were taken: its dataset's generation, else its submission or creation. */
function factsTakenAt(filing: FilingRecord): string {
  const generated = filing.dataset?.generatedAt;
  return typeof generated === 'string' && !Number.isNaN(Date.parse(generated)) ? generated : (filing.submittedAt ?? filing.createdAt);
}

/** The instant a filing was attested: its submission, else the generation of its dataset. */
function attestedAt(filing: FilingRecord): string {
  return filing.submittedAt ?? factsTakenAt(filing);
}

interface Untruth {
  filing: FilingRecord;
  filed: number;
  inForce: number;
  on: LegalDate;
}

/** REG-14-5 (art. 14.2): the filed storage period against the retention in force when it was attested. */
function untrueStoragePeriod(snapshot: RegistrySnapshot, site: SiteRecord, filing: FilingRecord): Untruth | null {
  const filed = filing.dataset?.storagePeriodDays;
  if (typeof filed !== 'number') return null;
  const when = attestedAt(filing);
  const inForce = storagePeriodAt(snapshot, site.id, Date.parse(when));
  return inForce === null || inForce === filed ? null : { filing, filed, inForce, on: legalDateOf(when) };
}

function untrueFinding(site: SiteRecord, u: Untruth): Finding {
  return {
    ruleId: 'REG-14-5',
    code: 'FILED_FIGURE_UNTRUE',
    article: '14.2',
    severity: 'NONCOMPLIANT',
    penaltyRef: '29',
    subject: { type: 'site', id: site.id },
    message: untrueFigureMessage(site.name, u.filed, u.inForce, u.on),
    details: { filingId: u.filing.id, field: 'storagePeriodDays', filed: u.filed, inForceWhenFiled: u.inForce, filedOn: u.on },
  };
}

function changeFindings(snapshot: RegistrySnapshot, site: SiteRecord, filings: FilingRecord[], at: Date, options: FilingEvaluationOptions): Finding[] {
  const lastFiled = latest(filings.filter((f) => f.status === 'FILED' && f.dataset));
  if (!lastFiled?.dataset) return [];
  // A change filing already submitted after the last filed one is the reference: its facts are on their way.
  const after = filings.filter((f) => f.createdAt > lastFiled.createdAt);
  const pending = latest(after.filter((f) => f.status === 'SUBMITTED' && f.dataset));
  const reference = pending ?? lastFiled;
  const untruth = untrueStoragePeriod(snapshot, site, reference);
  const out: Finding[] = untruth ? [untrueFinding(site, untruth)] : [];
  const live = buildFilingDataset(snapshot, site.id, at);
  const diff = diffFilingDatasets(reference.dataset ?? {}, live);
  if (Object.keys(diff).length === 0) return out;

  const referenceAt = factsTakenAt(reference);
  const untrueSince: DatedChange | undefined = untruth
    ? { date: untruth.on, at: new Date(attestedAt(reference)).toISOString(), source: 'UNTRUE_WHEN_FILED', entityId: reference.id }
    : undefined;
  const changes = dateChanges(diff, { snapshot, site, referenceAt, ...(untrueSince ? { untrueSince } : {}) });
  const undated = Object.keys(diff).filter((path) => !changes[path]);
  const openTask = earliest(after.filter((f) => f.kind === 'CHANGE' && (f.status === 'DRAFT' || f.status === 'RETURNED')));
  // Fields no recorded change dates fall back to the day the change was detected, the open draft, or today.
  const detected = options.changeDetectedOn?.[site.id];
  const fallback = undated.length === 0 ? null : detected ? { date: detected, source: 'DETECTED' } : openTask ? { date: legalDateOf(openTask.createdAt), source: 'CHANGE_DRAFT' } : { date: legalDateOf(at), source: 'EVALUATION_DATE' };
  const candidates = [...Object.values(changes).map((c) => ({ date: c.date, source: c.source })), ...(fallback ? [fallback] : [])];
  const first = candidates.sort((a, b) => a.date.localeCompare(b.date))[0]!;
  const deadline = changeFilingDeadline(first.date, at);
  const storage = diff.storagePeriodDays ? { storagePeriod: changes.storagePeriodDays?.source === 'UNTRUE_WHEN_FILED' ? 'UNTRUE_WHEN_FILED' : 'BECAME_OUTDATED' } : {};
  out.push({
    ruleId: 'REG-14-4',
    code: 'CHANGE_FILING_REQUIRED',
    article: '14',
    severity: 'NONCOMPLIANT',
    penaltyRef: '29',
    subject: { type: 'site', id: site.id },
    message: changeMessage(site.name, diff, deadline.dueDate, first.date),
    details: {
      diff,
      changes,
      ...(undated.length > 0 ? { undated } : {}),
      filedFilingId: lastFiled.id,
      comparedWithFilingId: reference.id,
      changeDate: first.date,
      changeDateSource: first.source,
      dueDate: deadline.dueDate,
      overdueFrom: deadline.overdueFrom,
      overdue: deadline.overdue ?? false,
      calendarCovered: deadline.calendarCovered,
      ...storage,
      ...(openTask ? { changeFilingId: openTask.id } : {}),
    },
  });
  return out;
}

/** Art. 9.2: one INFO for an active art. 9 site; where it was filed as an art. 7 place, it may cancel or change that filing (REG-09-4). */
function notRequiredFinding(snapshot: RegistrySnapshot, site: SiteRecord, filings: FilingRecord[]): Finding {
  const filed = latest(filings.filter((f) => f.status === 'FILED'));
  const leftOn = leftFilingDutyOn(site, snapshot.factChanges);
  return {
    ruleId: 'REG-09-2',
    code: 'FILING_NOT_REQUIRED',
    article: '9.2',
    severity: 'INFO',
    subject: { type: 'site', id: site.id },
    message: notRequiredMessage(site.name, filed ? { receiptNo: filed.receiptNo } : null),
    details: {
      exemption: '9.2',
      ...(filed ? { filedFilingId: filed.id, suggestion: 'CANCEL_OR_CHANGE' } : {}),
      ...(leftOn ? { categoryChangedOn: leftOn } : {}),
    },
  };
}

export function evaluateFilingsWith(snapshot: RegistrySnapshot, at: Date, options: FilingEvaluationOptions = {}): Finding[] {
  if (at.getTime() < IN_FORCE_INSTANT.getTime()) return []; // REG-34-1
  const today = legalDateOf(at);
  const findings: Finding[] = [];
  for (const site of snapshot.sites) {
    if (!site.active) continue;
    const filings = snapshot.filings.filter((f) => f.siteId === site.id);
    if (categoryClass(site.placeCategory) === 'A9') {
      findings.push(notRequiredFinding(snapshot, site, filings));
      continue;
    }
    if (!filingApplies(site)) continue;
    const putIntoUse = putIntoUseOf(site, filedCameras(snapshot, site.id)).date;
    if (!putIntoUse || putIntoUse > today) continue; // not in use yet: no filing clock
    const deadline = initialFilingDeadline(site, putIntoUse, snapshot.factChanges);
    if (!deadline) continue;
    const authority = snapshot.filingAuthorities.find((a) => a.adminDivisionCode === site.adminDivisionCode)?.name ?? null;
    findings.push(initialStatusFinding(site, filings, deadline, authority, at));
    findings.push(...changeFindings(snapshot, site, filings, at, options));
  }
  return findings;
}

export function evaluateFilings(snapshot: RegistrySnapshot, at: Date): Finding[] {
  return evaluateFilingsWith(snapshot, at);
}
