/** An order as the API shows it: as stored, with its deadline as seen at a given instant. */
import { currentAlert, deadlineState, openAt, type AlertKind, type DeadlineState, type OrderAlert } from './deadline.ts';
import type { StoredOrder } from './model.ts';

export interface OrderView extends StoredOrder {
  deadline: DeadlineState;
  /** Closed after its deadline passed. */
  closedLate: boolean;
  items: (StoredOrder['items'][number] & { overdue: boolean })[];
}

export interface AlertView {
  orderId: string;
  reference: string;
  issuingOrgan: string;
  siteIds: string[];
  dueDate: string;
  daysLeft: number;
  kind: AlertKind;
  firesOn: string;
}

export function orderView(order: StoredOrder, at: Date): OrderView {
  const open = openAt(order.closedAt, at);
  const deadline = deadlineState(order.dueDate, at, open);
  const closedLate = order.closedAt !== null && Date.parse(order.closedAt) >= Date.parse(deadline.deadline);
  const items = order.items.map((item) => ({ ...item, overdue: item.dueDate !== null && openAt(item.closedAt, at) && at.getTime() >= Date.parse(deadlineState(item.dueDate, at, true).deadline) }));
  return { ...order, items, deadline, closedLate };
}

/** The alert that stands for each open order at `at` (7 days, 1 day before, or overdue), soonest due first. */
export function alertsOf(orders: readonly StoredOrder[], at: Date): AlertView[] {
  const alerts: AlertView[] = [];
  for (const order of orders) {
    const state = deadlineState(order.dueDate, at, openAt(order.closedAt, at));
    const alert: OrderAlert | undefined = currentAlert(state);
    if (!alert) continue;
    alerts.push({ orderId: order.id, reference: order.reference, issuingOrgan: order.issuingOrgan, siteIds: order.siteIds, dueDate: order.dueDate, daysLeft: state.daysLeft, kind: alert.kind, firesOn: alert.firesOn });
  }
  return alerts.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}
