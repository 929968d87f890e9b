import { useTranslation } from 'react-i18next';
import type { Order } from './types.ts';

/** Days left to the order's due date, or how long it is overdue; nothing once closed. */
export function OrderDaysLeft({ order }: { order: Order }) {
  const { t } = useTranslation();
  if (order.status === 'CLOSED') return <span className="badge">{order.closedLate ? t('correctiveOrders.status.late') : t('correctiveOrders.status.CLOSED')}</span>;
  const { daysLeft, overdue } = order.deadline;
  if (overdue) return <span className="badge error" data-overdue="true">{t('correctiveOrders.overdueBy', { count: -daysLeft })}</span>;
  return <span className={daysLeft <= 7 ? 'badge warning' : 'badge'}>{daysLeft === 0 ? t('correctiveOrders.dueToday') : t('correctiveOrders.daysLeft', { count: daysLeft })}</span>;
}

export function ArticleList({ articles }: { articles: readonly string[] }) {
  const { t } = useTranslation();
  return <>{articles.map((a) => t('findings.article', { article: a })).join(', ')}</>;
}
