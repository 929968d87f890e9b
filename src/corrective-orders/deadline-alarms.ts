/**
 * Corrective-order deadlines as alarms (REG-24-3: alerts 7 days and 1 day before the limit), so that they
 * reach the alarm list, webhooks and MQTT like every other alarm: CORRECTIVE_ORDER_DUE_SOON from the 7th
 * day before (a second one from the last day, the first then ended), CORRECTIVE_ORDER_OVERDUE once the
 * limit has passed. Closing the order ends them at once; the server runs the sync every minute over the open
 * orders only; idempotent.
 */
import type { AlarmService } from '../events/alarm-service.ts';
import { currentAlert, deadlineState, openAt } from './deadline.ts';
import type { StoredOrder } from './model.ts';

export type DeadlineAlarms = Pick<AlarmService, 'raise' | 'resolve'>;

const DUE_SOON = 'CORRECTIVE_ORDER_DUE_SOON';
const OVERDUE = 'CORRECTIVE_ORDER_OVERDUE';
const soonSubject = (orderId: string, days: 7 | 1) => `${orderId}:${days}d`;

/** Ends every deadline alarm of the order (it has closed). */
export async function endDeadlineAlarms(alarms: DeadlineAlarms, orderId: string, at: string): Promise<void> {
  await alarms.resolve(DUE_SOON, soonSubject(orderId, 7), at);
  await alarms.resolve(DUE_SOON, soonSubject(orderId, 1), at);
  await alarms.resolve(OVERDUE, orderId, at);
}

/** Raises and ends the deadline alarms of the orders as they stand at `at`; returns how many orders have one open. */
export async function syncDeadlineAlarms(orders: readonly StoredOrder[], alarms: DeadlineAlarms, at: Date): Promise<number> {
  let standing = 0;
  for (const order of orders) {
    const open = openAt(order.closedAt, at);
    const alert = open ? currentAlert(deadlineState(order.dueDate, at, true)) : undefined;
    const details = { orderId: order.id, reference: order.reference, issuingOrgan: order.issuingOrgan, articles: order.articles, siteIds: order.siteIds, dueDate: order.dueDate, ...(alert ? { alert: alert.kind, firesOn: alert.firesOn } : {}) };
    const keep = new Set<string>();
    if (alert?.kind === 'DUE_IN_7_DAYS') keep.add(soonSubject(order.id, 7));
    if (alert?.kind === 'DUE_IN_1_DAY') keep.add(soonSubject(order.id, 1));
    for (const days of [7, 1] as const) {
      const subject = soonSubject(order.id, days);
      if (keep.has(subject)) await alarms.raise({ kind: DUE_SOON, subject, details });
      else await alarms.resolve(DUE_SOON, subject);
    }
    if (alert?.kind === 'OVERDUE') await alarms.raise({ kind: OVERDUE, subject: order.id, details });
    else await alarms.resolve(OVERDUE, order.id, order.closedAt ?? undefined);
    if (alert) standing += 1;
  }
  return standing;
}
