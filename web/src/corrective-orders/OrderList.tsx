import { useTranslation } from 'react-i18next';
import { http, ok } from '../api/http.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { ArticleList, OrderDaysLeft } from './DaysLeft.tsx';

/** Every order of the sites the user can see, soonest due first, with the alerts standing now. */
export function OrderList({ mayRecord }: { mayRecord: boolean }) {
  const { t } = useTranslation();
  const list = useAsync(() => ok(http.GET('/api/corrective-orders', {})), []);
  const alerts = useAsync(() => ok(http.GET('/api/corrective-orders/alerts', {})), []);
  return (
    <section className="card" data-testid="corrective-orders">
      <h2>{t('correctiveOrders.title')}</h2>
      <p className="muted">{t('correctiveOrders.explain')}</p>
      <div className="controls">
        {mayRecord && (
          <a className="button" href="#/corrective-orders/new" data-testid="order-new">
            {t('correctiveOrders.new')}
          </a>
        )}
        <button type="button" onClick={() => (list.reload(), alerts.reload())}>
          {t('correctiveOrders.refresh')}
        </button>
      </div>
      <ErrorText error={list.error ?? alerts.error} />
      {alerts.data && alerts.data.length > 0 && (
        <div data-testid="order-alerts">
          <h3>{t('correctiveOrders.alerts')}</h3>
          <ul>
            {alerts.data.map((a) => (
              <li key={a.orderId} data-alert={a.kind} className={a.kind === 'OVERDUE' ? 'error' : ''}>
                <a href={`#/corrective-orders/${encodeURIComponent(a.orderId)}`}>{a.reference}</a> · {t(`correctiveOrders.alert.${a.kind}`)} · {a.dueDate}
              </li>
            ))}
          </ul>
        </div>
      )}
      {list.data?.length === 0 && <p className="muted">{t('correctiveOrders.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('correctiveOrders.col.reference')}</th>
              <th>{t('correctiveOrders.col.organ')}</th>
              <th>{t('correctiveOrders.col.articles')}</th>
              <th>{t('correctiveOrders.col.due')}</th>
              <th>{t('correctiveOrders.col.left')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((o) => (
              <tr key={o.id} data-order={o.id}>
                <td>
                  <a href={`#/corrective-orders/${encodeURIComponent(o.id)}`}>{o.reference}</a>
                </td>
                <td>{o.issuingOrgan}</td>
                <td>
                  <ArticleList articles={o.articles} />
                </td>
                <td>{o.dueDate}</td>
                <td>
                  <OrderDaysLeft order={o} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
