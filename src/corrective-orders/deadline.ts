/**
 * The time limit of a corrective order (REG-24-3). The limit counts calendar days from the date of
 * issue: issued 2025-07-05 with 15 days, the order is due on 2025-07-20 (a Sunday) and the deadline is
 * the end of that day in Asia/Shanghai. The working-day roll-forward of the filing deadline
 * (src/policy/cn-order-799/filing/calendar.ts, Civil Code art. 203) is not applied: REG-24-3's
 * acceptance test dates O1 on the Sunday itself. The view tells when the due date is a rest day, so
 * the unit can ask the organ rather than count on a roll-forward.
 */
import { dayInfo } from '../policy/cn-order-799/filing/calendar.ts';
import { addDays, daysBetween, legalDateOf, startOfLegalDay, type LegalDate } from '../shared/legal-time.ts';

/** Alerts before the deadline, in days (7 days and 1 day before the due date). */
export const ALERT_DAYS = [7, 1] as const;
export type AlertKind = 'DUE_IN_7_DAYS' | 'DUE_IN_1_DAY' | 'OVERDUE';

export interface OrderAlert {
  kind: AlertKind;
  /** The legal date from which the alert stands. */
  firesOn: LegalDate;
  fired: boolean;
}

export interface DeadlineState {
  dueDate: LegalDate;
  /** The end of the due date in Asia/Shanghai (ISO, UTC). */
  deadline: string;
  /** Days from the date of `at` to the due date: 0 on the due date, negative once past. */
  daysLeft: number;
  overdue: boolean;
  dueOnRestDay: boolean;
  alerts: OrderAlert[];
}

/** The due date: the date the order names, or the date of issue plus the limit in days. */
export function dueDateOf(issuedOn: LegalDate, limit: { limitDays?: number | null | undefined; dueDate?: LegalDate | null | undefined }): LegalDate {
  if (limit.dueDate) return limit.dueDate;
  return addDays(issuedOn, limit.limitDays ?? 0);
}

/** The instant the deadline passes: 00:00 Asia/Shanghai of the day after the due date. */
export function deadlineOf(dueDate: LegalDate): Date {
  return startOfLegalDay(addDays(dueDate, 1));
}

const KIND_OF: Record<(typeof ALERT_DAYS)[number], AlertKind> = { 7: 'DUE_IN_7_DAYS', 1: 'DUE_IN_1_DAY' };

/** Whether an order with this closure instant is still open at `at`. */
export function openAt(closedAt: string | null, at: Date): boolean {
  return closedAt === null || Date.parse(closedAt) > at.getTime();
}

/** The deadline as seen at `at`, for an order open then (`open`). */
export function deadlineState(dueDate: LegalDate, at: Date, open: boolean): DeadlineState {
  const deadline = deadlineOf(dueDate);
  const overdue = open && at.getTime() >= deadline.getTime();
  const alerts: OrderAlert[] = ALERT_DAYS.map((days) => {
    const firesOn = addDays(dueDate, -days);
    return { kind: KIND_OF[days], firesOn, fired: open && at.getTime() >= startOfLegalDay(firesOn).getTime() };
  });
  alerts.push({ kind: 'OVERDUE', firesOn: addDays(dueDate, 1), fired: overdue });
  return { dueDate, deadline: deadline.toISOString(), daysLeft: daysBetween(legalDateOf(at), dueDate), overdue, dueOnRestDay: dayInfo(dueDate).rest, alerts };
}

/** The alert that stands at `at` (the latest fired), or none. */
export function currentAlert(state: DeadlineState): OrderAlert | undefined {
  return state.alerts.filter((a) => a.fired).at(-1);
}
