/**
 * Filing deadlines (REG-14-2, REG-14-4, REG-09-4; AMB-4). Civil Code art. 201: the first day is not
 * counted, so "within 30 days of D" ends on D + 30; art. 1259: "以内" includes that day; art. 203: a last
 * day that is a rest day or holiday moves to the next working day. The period ends at 24:00 UTC+8, so a
 * system is overdue from 00:00 of the day after the due date.
 */
import { addDays, daysBetween, formatLegalInstant, isLegalDate, legalDateOf, startOfLegalDay, type LegalDate } from '../../../shared/legal-time.ts';
import { rollToWorkingDay } from './calendar.ts';

/** Order 799 art. 34: in force from this date. */
export const IN_FORCE_DATE: LegalDate = '2025-04-01';
export const IN_FORCE_INSTANT = startOfLegalDay(IN_FORCE_DATE);
/** Art. 14.1: new systems. */
export const INITIAL_FILING_DAYS = 30;
/** Art. 14.1: systems put into use before the Regulation took effect, counted from 2025-04-01. */
export const PRE_EXISTING_FILING_DAYS = 90;
/** AMB-4: "及时" for change filings, a pack parameter. */
export const CHANGE_FILING_DAYS = 30;

export type DeadlineKind = 'INITIAL' | 'PRE_EXISTING' | 'CHANGE' | 'CATEGORY_CHANGE';

export interface FilingDeadline {
  kind: DeadlineKind;
  /** The day the period runs from (not itself counted). */
  startDate: LegalDate;
  periodDays: number;
  dueDate: LegalDate;
  /** The instant from which the filing is late: 00:00 UTC+8 of the day after `dueDate`. */
  overdueFrom: string;
  /** Put into use before 2025-04-01 (the 90-day transitional period applies). */
  preExisting: boolean;
  /** Day `periodDays` before the roll-forward, when it was a rest day. */
  rolledFrom?: LegalDate;
  /** False when the due date was worked out with weekends only (holiday calendar not loaded for that year). */
  calendarCovered: boolean;
  /** Present when `at` was given. */
  overdue?: boolean;
}

function assertDate(date: string, what: string): void {
  if (!isLegalDate(date)) throw new TypeError(`${what} is not a date YYYY-MM-DD: ${date}`);
}

function build(kind: DeadlineKind, startDate: LegalDate, periodDays: number, preExisting: boolean, at?: Date | string): FilingDeadline {
  const nominal = addDays(startDate, periodDays);
  const rolled = rollToWorkingDay(nominal);
  const deadline: FilingDeadline = {
    kind,
    startDate,
    periodDays,
    dueDate: rolled.date,
    overdueFrom: formatLegalInstant(startOfLegalDay(addDays(rolled.date, 1))),
    preExisting,
    calendarCovered: rolled.calendarCovered,
  };
  if (rolled.rolledFrom) deadline.rolledFrom = rolled.rolledFrom;
  if (at !== undefined) deadline.overdue = isOverdue(deadline, at);
  return deadline;
}

/**
 * REG-14-2: the initial filing deadline of a system put into use on `putIntoUseDate`.
 * Before 2025-04-01 the system is pre-existing and due 90 days after the commencement date (2025-06-30);
 * on or after it, 30 days after the put-into-use date.
 */
export function filingDeadline(putIntoUseDate: LegalDate, at?: Date | string): FilingDeadline {
  assertDate(putIntoUseDate, 'putIntoUseDate');
  return putIntoUseDate < IN_FORCE_DATE
    ? build('PRE_EXISTING', IN_FORCE_DATE, PRE_EXISTING_FILING_DAYS, true, at)
    : build('INITIAL', putIntoUseDate, INITIAL_FILING_DAYS, false, at);
}

/** REG-14-4 / AMB-4: a change of filed facts on `changeDate` is due `days` later, rolled like REG-14-2. */
export function changeFilingDeadline(changeDate: LegalDate, at?: Date | string, days: number = CHANGE_FILING_DAYS): FilingDeadline {
  assertDate(changeDate, 'changeDate');
  return build('CHANGE', changeDate, days, false, at);
}

/** REG-09-4: a site re-classified into an art. 7 category on `changeDate` must file within 30 days. */
export function categoryChangeFilingDeadline(changeDate: LegalDate, at?: Date | string): FilingDeadline {
  assertDate(changeDate, 'changeDate');
  return build('CATEGORY_CHANGE', changeDate, INITIAL_FILING_DAYS, false, at);
}

/** True from 00:00 UTC+8 of the day after the due date. */
export function isOverdue(deadline: Pick<FilingDeadline, 'overdueFrom'>, at: Date | string): boolean {
  return new Date(at).getTime() >= Date.parse(deadline.overdueFrom);
}

/** Whole calendar days from `at`'s legal date to the due date (negative once past it). */
export function daysUntilDue(deadline: Pick<FilingDeadline, 'dueDate'>, at: Date | string): number {
  return daysBetween(legalDateOf(at), deadline.dueDate);
}
