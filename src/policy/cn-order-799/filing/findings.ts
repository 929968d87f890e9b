/**
 * Filing findings (REG-14-3, REG-14-4; REG-34-1 commencement). Emitted for active sites in art. 7 and
 * art. 9 categories; the rules engine downgrades the art. 9 ones to ADVISORY (art. 9.2). Art. 33 sites
 * have no filing duty and get none.
 */
import type { FilingRecord, SiteRecord } from '../../../registry/model.ts';
import type { RegistrySnapshot } from '../../../registry/snapshot.ts';
import { legalDateOf, type LegalDate } from '../../../shared/legal-time.ts';
import type { Finding } from '../../types.ts';
import { buildFilingDataset, filedCameras, putIntoUseOf } from './dataset.ts';
import { changeFilingDeadline, daysUntilDue, filingDeadline, IN_FORCE_INSTANT, isOverdue, type FilingDeadline } from './deadline.ts';
import { diffFilingDatasets } from './diff.ts';
import { changeMessage, dueMessage, filedMessage, overdueMessage, submittedMessage } from './messages.ts';

export interface FilingEvaluationOptions {
  /**
   * Per site, the day a change of filed facts was first detected (kept by whoever runs the nightly
   * check). Without it the change date is the creation day of the open CHANGE draft, else the day of `at`.
   */
  changeDetectedOn?: Readonly<Record<string, LegalDate>>;
}

export function filingApplies(site: SiteRecord): boolean {
  return site.active && site.placeCategory !== 'A33_NON_PUBLIC';
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

function changeFinding(snapshot: RegistrySnapshot, site: SiteRecord, filings: FilingRecord[], at: Date, options: FilingEvaluationOptions): Finding | null {
  const lastFiled = latest(filings.filter((f) => f.status === 'FILED' && f.dataset));
  if (!lastFiled?.dataset) return null;
  // A change filing already submitted after the last filed one is the reference: its facts are on their way.
  const after = filings.filter((f) => f.createdAt > lastFiled.createdAt);
  const pending = latest(after.filter((f) => f.status === 'SUBMITTED' && f.dataset));
  const reference = pending ?? lastFiled;
  const live = buildFilingDataset(snapshot, site.id, at);
  const diff = diffFilingDatasets(reference.dataset ?? {}, live);
  if (Object.keys(diff).length === 0) return null;

  const openTask = earliest(after.filter((f) => f.kind === 'CHANGE' && (f.status === 'DRAFT' || f.status === 'RETURNED')));
  const detected = options.changeDetectedOn?.[site.id];
  const changeDate = detected ?? (openTask ? legalDateOf(openTask.createdAt) : legalDateOf(at));
  const changeDateSource = detected ? 'DETECTED' : openTask ? 'CHANGE_DRAFT' : 'EVALUATION_DATE';
  const deadline = changeFilingDeadline(changeDate, at);
  return {
    ruleId: 'REG-14-4',
    code: 'CHANGE_FILING_REQUIRED',
    article: '14',
    severity: 'NONCOMPLIANT',
    penaltyRef: '29',
    subject: { type: 'site', id: site.id },
    message: changeMessage(site.name, diff, deadline.dueDate),
    details: {
      diff,
      filedFilingId: lastFiled.id,
      comparedWithFilingId: reference.id,
      changeDate,
      changeDateSource,
      dueDate: deadline.dueDate,
      overdueFrom: deadline.overdueFrom,
      overdue: deadline.overdue ?? false,
      calendarCovered: deadline.calendarCovered,
      ...(openTask ? { changeFilingId: openTask.id } : {}),
    },
  };
}

export function evaluateFilingsWith(snapshot: RegistrySnapshot, at: Date, options: FilingEvaluationOptions = {}): Finding[] {
  if (at.getTime() < IN_FORCE_INSTANT.getTime()) return []; // REG-34-1
  const today = legalDateOf(at);
  const findings: Finding[] = [];
  for (const site of snapshot.sites) {
    if (!filingApplies(site)) continue;
    const putIntoUse = putIntoUseOf(site, filedCameras(snapshot, site.id)).date;
    if (!putIntoUse || putIntoUse > today) continue; // not in use yet: no filing clock
    const deadline = filingDeadline(putIntoUse);
    const filings = snapshot.filings.filter((f) => f.siteId === site.id);
    const authority = snapshot.filingAuthorities.find((a) => a.adminDivisionCode === site.adminDivisionCode)?.name ?? null;
    findings.push(initialStatusFinding(site, filings, deadline, authority, at));
    const change = changeFinding(snapshot, site, filings, at, options);
    if (change) findings.push(change);
  }
  return findings;
}

export function evaluateFilings(snapshot: RegistrySnapshot, at: Date): Finding[] {
  return evaluateFilingsWith(snapshot, at);
}
